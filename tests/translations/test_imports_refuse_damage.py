"""A translators' file that would damage the site is refused, entry named (issue 21):
dropped inline codes or HTML tags would glue paragraphs together or lose links; a
"translation" identical to its source would show the source language as translated
until the translator says it is meant (a name such as "La Pile"). And the XLIFF export
is one that strict tools accept: valid against the OASIS XLIFF 1.2 strict schema."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from lxml import etree

from projects.models import City, Project
from tests.translations.test_translation_files import (
    committed,
    english,  # noqa: F401 (messages in English)
    po_file,
    sample,  # noqa: F401 (the Dutch project and city the committed files name)
    snapshot,
    upload,
)
from translations.files import apply, check_file, export_entries, write_file
from translations.status import field_status

pytestmark = pytest.mark.django_db

BODY = "projects.project:9001:body"
NAME = "projects.city:9001:name"
XLIFF = "urn:oasis:names:tc:xliff:document:1.2"


@pytest.fixture(autouse=True)
def content(sample):  # noqa: F811
    return sample


def xliff_file(edit):
    return edit(committed("fr-translated.xlf").decode()).encode()


def errors_of(plan):
    return dict(plan.errors)


# Inline codes and tags.


def test_an_xliff_entry_whose_inline_codes_were_removed_is_refused_and_named():
    # What a tool that flattens the target leaves: the text, with no codes, so the
    # paragraphs would be glued together ("…concerts.Bienvenue…").
    content = xliff_file(
        lambda text: text.replace(
            '<target state="translated"><g id="1">Un <g id="2">bar d’été</g> sur la place, '
            'avec <g id="3">le programme</g> &amp; des concerts.</g><g id="4">Bienvenue à '
            "toutes et à tous.</g></target>",
            '<target state="translated">Un bar d’été sur la place, avec le programme &amp; '
            "des concerts.Bienvenue à toutes et à tous.</target>",
        )
    )
    before = snapshot()
    plan = check_file(content, None, "fr")
    assert plan.refused
    message = errors_of(plan)[BODY]
    assert "zomerbar NL" in message
    assert "1 (<p>), 2 (<strong>), 3 (<a>), 4 (<p>)" in message
    with pytest.raises(ValueError):
        apply(plan)
    assert snapshot() == before


def test_an_xliff_entry_that_drops_one_code_or_repeats_one_is_refused():
    dropped = xliff_file(lambda text: text.replace('<g id="3">le programme</g>', "le programme"))
    assert "3 (<a>)" in errors_of(check_file(dropped, None, "fr"))[BODY]
    repeated = xliff_file(
        lambda text: text.replace("&amp; des concerts", '<g id="2">&amp; des concerts</g>')
    )
    assert "not in the source: 2 (<strong>)" in errors_of(check_file(repeated, None, "fr"))[BODY]


def test_a_po_entry_whose_paragraphs_were_merged_is_refused_and_named(tmp_path):
    content = po_file(lambda text: text.replace("concerts.</p><p>Bienvenue", "concerts. Bienvenue"))
    before = snapshot()
    plan = check_file(content, None, "fr")
    message = errors_of(plan)[BODY]
    assert "zomerbar NL" in message
    assert "missing: <p>" in message
    err = StringIO()
    with pytest.raises(Exception, match="refused"):
        path = tmp_path / "fr.po"
        path.write_bytes(content)
        call_command("import_translations", str(path), stdout=StringIO(), stderr=err)
    assert BODY in err.getvalue()
    assert snapshot() == before


def test_a_po_entry_may_change_a_links_address_but_not_add_a_list():
    moved = po_file(lambda text: text.replace("https://plein.example.org/", "/fr/programme/"))
    assert check_file(moved, None, "fr").errors == []
    listed = po_file(
        lambda text: text.replace(
            "<p>Bienvenue à toutes et à tous.</p>",
            "<ul><li>Bienvenue à toutes et à tous.</li></ul>",
        )
    )
    assert "not in the source: <li> <ul>" in errors_of(check_file(listed, None, "fr"))[BODY]


# Entries identical to their source.


@pytest.mark.parametrize("name", ["fr-translated.xlf", "fr-translated.po"])
def test_an_entry_identical_to_its_source_is_reported_and_left_untranslated(name):
    plan = check_file(committed(name), None, "fr")
    assert not plan.refused
    assert [change.label for change in plan.identical] == ["City “Anderlecht”: name"]
    assert NAME not in [change.uid for change in plan.changes]
    apply(plan)
    city = City.objects.get(pk=9001)
    assert city.name_fr == ""
    assert field_status(city, "name", "fr") == "missing"
    assert Project.objects.get(pk=9001).title_fr == "Bar d’été"


def test_an_identical_entry_the_translator_confirms_counts_as_translated():
    plan = check_file(committed("fr-translated.po"), None, "fr", accept_identical={NAME})
    assert plan.identical == []
    apply(plan)
    city = City.objects.get(pk=9001)
    assert city.name_fr == "Anderlecht"
    assert field_status(city, "name", "fr") == "complete"


def test_the_command_writes_identical_entries_only_when_told(tmp_path):
    path = tmp_path / "fr.po"
    path.write_bytes(committed("fr-translated.po"))
    err = StringIO()
    call_command("import_translations", str(path), stdout=StringIO(), stderr=err)
    assert f"{NAME}: identical to its source" in err.getvalue()
    assert "--accept-identical" in err.getvalue()
    assert City.objects.get(pk=9001).name_fr == ""
    call_command(
        "import_translations", str(path), "--accept-identical", stdout=StringIO(), stderr=err
    )
    assert City.objects.get(pk=9001).name_fr == "Anderlecht"


def test_the_admin_preview_asks_which_identical_entries_are_meant(admin_client):
    preview = upload(admin_client, committed("fr-translated.xlf"))
    page = preview.content.decode()
    assert "Identical to the source" in page
    assert f'name="identical" value="{NAME}"' in page
    apply_url = reverse("admin:translation_import")
    fields = {
        "token": preview.context["token"],
        "fingerprint": preview.context["plan"].fingerprint(),
    }
    response = admin_client.post(apply_url, fields, follow=True)
    assert "1 entry identical to its source was left out." in response.content.decode()
    assert City.objects.get(pk=9001).name_fr == ""
    assert Project.objects.get(pk=9001).title_fr == "Bar d’été"

    preview = upload(admin_client, committed("fr-translated.xlf"))
    assert preview.context["plan"].changes == []  # the rest is saved already
    assert preview.context["token"]
    fields = {
        "token": preview.context["token"],
        "fingerprint": preview.context["plan"].fingerprint(),
        "identical": [NAME],
    }
    assert admin_client.post(apply_url, fields).status_code == 302
    assert City.objects.get(pk=9001).name_fr == "Anderlecht"


# The export, as strict tools read it.


def test_the_xliff_export_names_each_context_group_once():
    """What the strict schema asks beyond the transitional one, checked without it."""
    exported = write_file(export_entries("fr", everything=True), "fr", "xliff")
    names = [
        group.get("name") for group in etree.fromstring(exported).iter(f"{{{XLIFF}}}context-group")
    ]
    assert len(names) > 1
    assert len(set(names)) == len(names)
