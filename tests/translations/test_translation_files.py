"""The translators' file round trip: what is missing or out of date in a language goes
out as XLIFF 1.2 or PO, comes back translated, and is checked whole before anything
is written."""

import re
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from lxml import etree
from reversion.models import Revision, Version
from translate.storage import xliff

from projects.models import City, Project
from tests.factories import make_city, make_project, make_projects
from translations.files import apply, check_file, export_entries, write_file
from translations.models import TranslationRecord
from translations.status import digest, field_status, translated_models

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"

DUTCH_BODY = (
    '<p>Een <strong>zomerbar</strong> op het plein, met <a href="https://plein.example.org/">'
    "het programma</a>.</p><p>Iedereen welkom.</p>"
)


def sample_content():
    """A project and a city written in Dutch only, with fixed ids: the committed
    translators' files (tests/translations/files/) name them."""
    project = make_project(
        "zomerbar",
        languages=["nl"],
        pk=9001,
        teaser_nl="Een bar voor de buurt, elke zomer.",
        body_nl=DUTCH_BODY,
    )
    city = make_city("anderlecht", pk=9001, name_nl="Anderlecht", name_fr="", name_en="")
    return Project.objects.get(pk=project.pk), City.objects.get(pk=city.pk)


def snapshot():
    """Everything an import could write: every translated item's columns, the
    translation records and the revisions."""
    state = {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in translated_models()
    }
    state["records"] = list(TranslationRecord.objects.order_by("pk").values())
    state["revisions"] = Revision.objects.count()
    return state


def committed(name):
    return (FILES / name).read_bytes()


def po_file(edit=None):
    """The committed PO file, as `edit(text)` changes it."""
    text = committed("fr-translated.po").decode()
    return (edit(text) if edit else text).encode()


def import_with_command(tmp_path, content, *args, suffix="po"):
    path = tmp_path / f"translated.{suffix}"
    path.write_bytes(content)
    call_command("import_translations", str(path), *args, stdout=StringIO(), stderr=StringIO())


@pytest.fixture(autouse=True)
def english():
    """Messages in English, which the tests read."""
    with translation.override("en"):
        yield


@pytest.fixture
def sample(empty_site):
    return sample_content()


# Export.


def test_an_xliff_export_lists_each_missing_text_with_its_id_source_note_and_digest(sample):
    project, _city = sample
    store = xliff.xlifffile.parsestring(write_file(export_entries("fr"), "fr", "xliff"))
    units = {unit.xmlelement.get("id"): unit for unit in store.units}
    assert store.document.getroot().get("version") == "1.2"
    assert store.gettargetlanguage() == "fr"
    assert set(units) == {
        "projects.project:9001:title",
        "projects.project:9001:teaser",
        # Rich text goes out one entry per paragraph.
        "projects.project:9001:body:1",
        "projects.project:9001:body:2",
        "projects.city:9001:name",
    }
    title = units["projects.project:9001:title"]
    assert title.source == "zomerbar NL"
    assert project.get_absolute_url() not in title.getnotes()
    assert "/projects/project/9001/change/" in title.getnotes()
    assert title.getcontextgroupsbyattribute("purpose", "information") == [
        [("x-source-digest", digest("zomerbar NL"))]
    ]


def test_rich_text_goes_out_with_its_tags_as_protected_inline_codes(sample):
    store = xliff.xlifffile.parsestring(write_file(export_entries("fr"), "fr", "xliff"))
    body = next(unit for unit in store.units if unit.getid().endswith(":body:1"))
    raw = etree.tostring(body.xmlelement, encoding="unicode")
    # The paragraph's own codes: its emphasis, then its link.
    assert '<g id="2">het programma</g>' in raw
    assert "href" not in raw
    assert "&lt;" not in raw


def test_a_po_export_keeps_rich_texts_html_for_poedit_and_weblate(sample):
    catalogue = polib.pofile(write_file(export_entries("fr"), "fr", "po").decode())
    body = next(entry for entry in catalogue if entry.msgctxt == "projects.project:9001:body:1")
    first = DUTCH_BODY.removeprefix("<p>").split("</p>")[0]
    assert catalogue.metadata["Language"] == "fr"
    assert body.msgid == first
    assert body.msgstr == ""
    assert f"source-digest: {digest(first)}" in body.comment


def test_complete_texts_stay_out_unless_everything_is_asked_for(sample):
    done = make_project("klaar", pk=9002)
    missing_only = {entry.uid for entry in export_entries("fr")}
    everything = {entry.uid: entry for entry in export_entries("fr", everything=True)}
    assert "projects.project:9002:title" not in missing_only
    assert everything["projects.project:9002:title"].target == done.title_fr


def test_a_stale_translation_goes_out_with_its_text_so_far_marked_for_review(sample):
    project = make_project("klaar", pk=9002)
    project.title_nl = "klaar en nieuw"
    project.save()
    catalogue = polib.pofile(write_file(export_entries("fr"), "fr", "po").decode())
    title = catalogue.find("klaar en nieuw", by="msgid")
    assert title.msgstr == "klaar FR"
    assert "fuzzy" in title.flags


def test_a_selection_exports_only_the_selected_items(sample):
    make_project("ander", languages=["nl"], pk=9002)
    selection = {Project: Project.objects.filter(pk=9002)}
    uids = {entry.uid for entry in export_entries("fr", selection)}
    assert uids == {"projects.project:9002:title", "projects.project:9002:body:1"}


def test_an_export_reads_the_same_few_queries_for_many_items(sample, django_assert_max_num_queries):
    make_projects(30, start=100)
    make_project("ander", languages=["nl"])
    with django_assert_max_num_queries(40):
        entries = list(export_entries("fr", everything=True))
    assert len(entries) > 60


# The round trip.


@pytest.mark.parametrize("name", ["fr-translated.xlf", "fr-translated.po"])
def test_a_file_a_translator_filled_in_partly_comes_back_into_the_site(sample, name, admin_user):
    plan = check_file(committed(name), admin_user, "fr")
    assert plan.errors == []
    assert plan.stale == []
    assert plan.skipped == 1  # the teaser, left empty
    # The city's name reads the same in French: written once the translator says so.
    assert [change.uid for change in plan.identical] == ["projects.city:9001:name"]
    plan = check_file(committed(name), admin_user, "fr", accept_identical={plan.identical[0].uid})
    apply(plan, admin_user, "From Claire")
    project = Project.objects.get(pk=9001)
    city = City.objects.get(pk=9001)
    assert project.title_fr == "Bar d’été"
    assert project.slug_fr == "bar-dete"
    assert not project.teaser_fr
    assert project.body_fr == (
        '<p>Un <strong>bar d’été</strong> sur la place, avec <a href="https://plein.example.org/">'
        "le programme</a> &amp; des concerts.</p><p>Bienvenue à toutes et à tous.</p>"
    )
    assert city.name_fr == "Anderlecht"
    assert field_status(project, "body", "fr") == "complete"
    assert field_status(project, "teaser", "fr") == "missing"
    revision = Version.objects.get_for_object(project).first().revision
    assert (revision.user, revision.comment) == (admin_user, "From Claire")


@pytest.mark.parametrize(
    "name, digest_line",
    [
        ("fr-translated.xlf", r'\s*<context-group name="citymined".*?</context-group>'),
        ("fr-translated.po", r"#\. source-digest: \w+\n"),
    ],
)
def test_a_file_whose_tool_dropped_the_digests_is_checked_against_its_source_text(
    sample, name, digest_line
):
    content = re.sub(digest_line, "", committed(name).decode(), flags=re.DOTALL)
    assert "source-digest" not in content
    plan = check_file(content.encode(), None, "fr")
    assert plan.errors == []
    assert plan.stale == []
    assert len(plan.writes) == 2
    assert len(plan.identical) == 1


def test_a_translator_may_move_inline_codes_but_keeps_the_sources_tags(sample):
    def moved(text):
        return text.replace(
            '<g id="1">Un <g id="2">bar d’été</g> sur la place',
            '<g id="1">Sur la place, un <g id="2">bar</g> d’été',
        )

    content = moved(committed("fr-translated.xlf").decode()).encode()
    apply(check_file(content, None, "fr"))
    assert Project.objects.get(pk=9001).body_fr.startswith(
        "<p>Sur la place, un <strong>bar</strong> d’été"
    )


def test_a_stale_translation_found_still_correct_is_marked_up_to_date(sample):
    project = make_project("klaar", pk=9002)
    project.title_nl = "klaar en nieuw"
    project.save()
    entries = export_entries("fr", {Project: Project.objects.filter(pk=9002)})
    catalogue = polib.pofile(write_file(entries, "fr", "po").decode())
    for entry in catalogue:
        entry.flags = []  # the translator read them and found them right
    plan = check_file(str(catalogue).encode(), None, "fr")
    assert [change.name for change in plan.confirms] == ["title"]
    apply(plan)
    project = Project.objects.get(pk=9002)
    assert project.title_fr == "klaar FR"
    assert field_status(project, "title", "fr") == "complete"


def test_entries_still_marked_for_review_are_left_out(sample):
    content = po_file(
        lambda text: text.replace(
            'msgctxt "projects.project:9001:title"',
            '#, fuzzy\nmsgctxt "projects.project:9001:title"',
        )
    )
    plan = check_file(content, None, "fr")
    assert plan.unreviewed == 1
    assert "title" not in [change.name for change in plan.changes]


def test_a_source_changed_since_the_export_leaves_that_entry_stale(sample):
    project, _city = sample
    project.title_nl = "Zomerbar op het plein"
    project.save()
    plan = check_file(committed("fr-translated.po"), None, "fr")
    assert [uid for uid, _message in plan.stale] == ["projects.project:9001:title"]
    apply(plan)
    project = Project.objects.get(pk=9001)
    assert not project.title_fr
    assert project.body_fr.startswith("<p>Un <strong>")


# Refusals: each is reported, and nothing is written.


def _delete_city():
    City.objects.filter(pk=9001).delete()


REFUSALS = {
    "wrong language": (lambda t: t.replace("Language: fr", "Language: en"), None, "not French"),
    "no language": (lambda t: t.replace('"Language: fr\\n"\n', ""), None, "which language"),
    # A code no site would have as one of its languages.
    "unknown language": (lambda t: t.replace("Language: fr", "Language: xx"), None, "“xx”"),
    "deleted item": (None, _delete_city, "no longer exists"),
    "unknown field": (
        lambda t: t.replace("9001:teaser", "9001:colour"),
        None,
        "no translated field",
    ),
    "unknown kind": (
        lambda t: t.replace("projects.city:", "projects.town:"),
        None,
        "names nothing",
    ),
    "malformed": (
        lambda t: t.replace('msgstr "Anderlecht"', 'msgstr "A"\nmsgstr "B"'),
        None,
        "not valid",
    ),
    "script": (
        lambda t: t.replace("Bienvenue", "<script>alert(1)</script>Bienvenue"),
        None,
        "<script>",
    ),
    "event handler": (
        lambda t: t.replace("<p>Un", '<p onclick=\\"alert(1)\\">Un'),
        None,
        "onclick",
    ),
    "too long": (lambda t: t.replace('msgstr "Bar d’été"', f'msgstr "{"x" * 201}"'), None, "200"),
    "twice": (
        lambda t: t + '\nmsgctxt "projects.city:9001:name"\nmsgid "A"\nmsgstr "A"\n',
        None,
        "twice",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refused_file_says_why_and_writes_nothing(sample, tmp_path, case):
    edit, before_import, expected = REFUSALS[case]
    if before_import:
        before_import()
    content = po_file(edit)
    before = snapshot()
    plan = check_file(content, None, "fr")
    assert plan.refused
    assert expected in " ".join(message for _uid, message in plan.errors)
    with pytest.raises(CommandError) as refusal:
        import_with_command(tmp_path, content, "--language", "fr")
    assert refusal.value.returncode == 1
    assert snapshot() == before


def test_a_file_whose_content_names_a_file_on_the_server_is_read_as_text(
    sample, tmp_path, admin_client
):
    """A valid translators' file lies on the server's disk: a "file" whose whole content
    is its path is refused as what it is, a line that is no PO, and says nothing of
    whether that path exists."""
    on_disk = str((FILES / "fr-translated.po").resolve())
    before = snapshot()

    errors = {}
    for path in (on_disk, on_disk + ".missing"):
        plan = check_file(path.encode(), None, "fr")
        assert plan.refused and not plan.changes
        errors[path] = [message for _uid, message in plan.errors]
        assert path not in " ".join(errors[path])
    assert errors[on_disk] == errors[on_disk + ".missing"]
    with pytest.raises(CommandError, match="refused"):
        import_with_command(tmp_path, on_disk.encode(), "--dry-run")
    page = upload(admin_client, on_disk.encode(), "fr.po").content.decode()
    assert "nothing was saved" in page and on_disk not in page
    assert snapshot() == before


@pytest.mark.parametrize(
    "edit, expected",
    [
        (lambda t: t.replace("</xliff>", ""), "not valid XLIFF"),
        (lambda t: t.replace('<g id="4">Bienvenue', '<g id="99">Bienvenue'), "99"),
        (lambda t: t.replace('<g id="3">le programme</g>', '<x id="3"/>'), "3"),
    ],
)
def test_a_refused_xliff_file_writes_nothing(sample, tmp_path, edit, expected):
    content = edit(committed("fr-translated.xlf").decode()).encode()
    before = snapshot()
    plan = check_file(content, None, "fr")
    assert plan.refused
    assert expected in " ".join(message for _uid, message in plan.errors)
    with pytest.raises(CommandError):
        import_with_command(tmp_path, content, suffix="xlf")
    assert snapshot() == before


def test_apply_refuses_a_refused_plan(sample):
    with pytest.raises(ValueError):
        apply(check_file(b"not a translation file", None, "fr"))


# The command line.


def test_the_commands_export_and_import_a_file(sample, tmp_path):
    output = tmp_path / "fr.po"
    call_command(
        "export_translations",
        "--language",
        "fr",
        "--format",
        "po",
        "--output",
        str(output),
        stderr=StringIO(),
    )
    catalogue = polib.pofile(str(output))
    for entry in catalogue:
        entry.msgstr = entry.msgid.replace("zomerbar", "bar d’été")
    catalogue.save()
    before = snapshot()
    out = StringIO()
    call_command("import_translations", str(output), "--dry-run", stdout=out, stderr=StringIO())
    assert "Nothing was written" in out.getvalue()
    assert snapshot() == before
    call_command("import_translations", str(output), stdout=StringIO(), stderr=StringIO())
    assert Project.objects.get(pk=9001).title_fr == "bar d’été NL"


def test_the_export_command_narrows_to_a_kind_of_content(sample):
    out = StringIO()
    call_command("export_translations", "--language", "fr", "--model", "projects.city", stdout=out)
    assert "projects.city:9001:name" in out.getvalue()
    assert "projects.project:" not in out.getvalue()


# The admin.


def test_the_admin_exports_a_file(sample, admin_client):
    url = reverse("admin:translation_export")
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"language": "fr", "file_format": "po", "everything": ""})
    assert response["Content-Disposition"].startswith('attachment; filename="citymined-fr-')
    assert b'msgctxt "projects.project:9001:body:1"' in response.content


def test_a_change_list_action_exports_the_selected_items(sample, admin_client):
    make_project("ander", languages=["nl"], pk=9002)
    changelist = reverse("admin:projects_project_changelist")
    response = admin_client.post(
        changelist, {"action": "export_for_translation", "_selected_action": ["9002"]}
    )
    assert response.status_code == 302
    form = admin_client.get(response["Location"])
    assert "Only the item you selected among the projects" in form.content.decode()
    download = admin_client.post(
        response["Location"],
        {
            "language": "fr",
            "file_format": "po",
            "everything": "",
            "selected_model": "projects.project",
            "selected_ids": "9002",
        },
    )
    assert b"projects.project:9002:title" in download.content
    assert b"projects.project:9001" not in download.content


def upload(client, content, name="fr-translated.xlf", language="fr"):
    return client.post(
        reverse("admin:translation_import"),
        {"language": language, "file": SimpleUploadedFile(name, content)},
    )


def test_the_admin_uploads_previews_then_applies(sample, admin_client, admin_user):
    before = snapshot()
    preview = upload(admin_client, committed("fr-translated.xlf"))
    page = preview.content.decode()
    assert "Bar d’été" in page
    assert snapshot() == before
    response = admin_client.post(
        reverse("admin:translation_import"),
        {"token": preview.context["token"], "fingerprint": preview.context["plan"].fingerprint()},
    )
    assert response.status_code == 302
    project = Project.objects.get(pk=9001)
    assert project.title_fr == "Bar d’été"
    assert Version.objects.get_for_object(project).first().revision.user == admin_user


def test_the_admin_does_not_apply_a_preview_the_site_has_moved_on_from(sample, admin_client):
    preview = upload(admin_client, committed("fr-translated.xlf"))
    project, _city = sample
    project.title_fr = "Déjà traduit"
    project.save()
    response = admin_client.post(
        reverse("admin:translation_import"),
        {"token": preview.context["token"], "fingerprint": preview.context["plan"].fingerprint()},
    )
    assert response.status_code == 200
    assert Project.objects.get(pk=9001).title_fr == "Déjà traduit"
    assert City.objects.get(pk=9001).name_fr == ""


def test_the_admin_refuses_a_forged_preview(sample, admin_client):
    before = snapshot()
    response = admin_client.post(
        reverse("admin:translation_import"), {"token": "forged", "fingerprint": "x"}
    )
    assert response.status_code == 302
    assert snapshot() == before


def test_the_admin_shows_why_a_file_is_refused(sample, admin_client):
    before = snapshot()
    response = upload(admin_client, committed("fr-translated.po"), "fr.po", language="en")
    page = response.content.decode()
    assert "nothing was saved" in page
    assert "not English" in page
    assert response.context["token"] is None
    assert snapshot() == before


# Who may.


def translator(django_user_model, *codenames):
    user = django_user_model.objects.create_user("vertaler", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def test_a_translator_into_french_may_import_french(sample, django_user_model):
    user = translator(django_user_model, "translate_fr")
    assert check_file(committed("fr-translated.po"), user, "fr").errors == []


def test_a_translator_into_dutch_may_not_import_french(sample, django_user_model, client):
    user = translator(django_user_model, "translate_nl")
    plan = check_file(committed("fr-translated.po"), user)
    assert plan.errors == [("", "You may not translate into French.")]
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    before = snapshot()
    response = upload(client, committed("fr-translated.po"), "fr.po")
    assert "Select a valid choice" in response.content.decode()
    assert snapshot() == before


def test_staff_who_translate_nothing_do_not_reach_the_screens(sample, django_user_model, client):
    client.force_login(translator(django_user_model))
    assert client.get(reverse("admin:translation_import")).status_code == 403
    assert client.get(reverse("admin:translation_export")).status_code == 403
