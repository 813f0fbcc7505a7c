"""Bringing back a version reverts everything saved with it (a translators' import
writes many items in one revision): it is allowed only when the user could make each of
those changes, item by item, publishing included."""

import datetime

import polib
import pytest
from django.utils import timezone
from reversion.models import Version

from projects.models import City, Project
from tests.admin_forms import save_in_admin, signed_in, versions_of
from tests.factories import make_city, make_editor, make_project, make_staff
from translations.files import apply, check_file, export_entries, write_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    """Staff who may add and change pages and projects, but not publish them."""
    return signed_in(
        make_staff(
            "writer",
            permissions=[
                f"projects.{action}_{model}"
                for model in ("project", "projectpartner", "galleryimage")
                for action in ("add", "change", "view")
            ],
        )
    )


def cities():
    """The admin's form asks for one city at least."""
    return City.objects.all()[:1]


def import_french(*items):
    """A translator's PO file, every missing French text filled in, for `items`."""
    selection = {}
    for obj in items:
        selection.setdefault(type(obj), []).append(obj.pk)
    entries = export_entries(
        "fr", {model: model.objects.filter(pk__in=pks) for model, pks in selection.items()}
    )
    catalogue = polib.pofile(write_file(entries, "fr", "po").decode())
    for entry in catalogue:
        entry.msgstr = f"{entry.msgid} (fr)" if "<" not in entry.msgid else entry.msgid
        entry.flags = []
    plan = check_file(str(catalogue).encode(), None, "fr")
    assert not plan.refused, plan.errors
    apply(plan, None, "From Claire")


def restore(client, obj, version):
    url = f"/admin/projects/project/{obj.pk}/history/{version.pk}/restore/"
    return client.post(url, follow=True)


def set_status(obj, status):
    """An editor publishes or unpublishes `obj` in the admin."""
    editor = signed_in(make_editor(f"editor-{obj.pk}-{status}"))
    assert save_in_admin(editor, obj, status=status).status_code == 302


@pytest.mark.parametrize(
    ("status_at_import", "status_since"), [("published", "draft"), ("draft", "published")]
)
def test_restoring_one_item_cannot_publish_or_unpublish_another_saved_with_it(
    site_content, writer, status_at_import, status_since
):
    a = make_project("alpha", languages=["nl"], cities=cities())
    b = make_project("beta", languages=["nl"], status=status_at_import, cities=cities())
    import_french(a, b)
    imported = versions_of(a)[-1]
    assert Version.objects.filter(revision=imported.revision).count() == 2
    set_status(b, status_since)
    assert save_in_admin(writer, a, title_nl="alpha, rewritten").status_code == 302

    html = restore(writer, a, imported).content.decode()

    assert "needs the permission to publish" in html
    assert "beta NL" in html
    assert Project.objects.get(pk=b.pk).status == status_since
    assert Project.objects.get(pk=a.pk).title_nl == "alpha, rewritten"


def test_restoring_one_item_cannot_change_another_the_user_may_not_change(site_content, writer):
    project = make_project("alpha", languages=["nl"], cities=cities())
    city = make_city("molenbeek", name_fr="", name_en="")
    import_french(project, city)
    imported = versions_of(project)[-1]
    City.objects.filter(pk=city.pk).update(name_fr="Molenbeek-Saint-Jean")
    assert save_in_admin(writer, project, title_nl="alpha, rewritten").status_code == 302

    html = restore(writer, project, imported).content.decode()

    assert "which you may not change" in html
    assert City.objects.get(pk=city.pk).name_fr == "Molenbeek-Saint-Jean"
    assert Project.objects.get(pk=project.pk).title_nl == "alpha, rewritten"


def test_an_editor_who_may_publish_restores_the_whole_revision(site_content):
    a = make_project("alpha", languages=["nl"], cities=cities())
    b = make_project("beta", languages=["nl"], cities=cities())
    import_french(a, b)
    imported = versions_of(a)[-1]
    set_status(b, "draft")
    editor = signed_in(make_editor())

    html = restore(editor, a, imported).content.decode()

    assert "is back" in html
    assert Project.objects.get(pk=b.pk).status == "published"


def test_restoring_an_item_others_did_not_touch_since_is_allowed(site_content, writer):
    a = make_project("alpha", languages=["nl"], cities=cities())
    b = make_project("beta", languages=["nl"], cities=cities())
    import_french(a, b)
    imported = versions_of(a)[-1]
    assert save_in_admin(writer, a, title_nl="alpha, rewritten").status_code == 302

    html = restore(writer, a, imported).content.decode()

    assert "is back" in html
    assert Project.objects.get(pk=a.pk).title_nl == "alpha NL"


def test_a_publication_time_finer_than_a_version_keeps_is_not_a_change(site_content, writer):
    # Saved outside the admin (a script, then an import): the time has sub-millisecond
    # digits, which a version, kept in JSON, cuts to the millisecond, and the admin's
    # form to the second.
    published_at = timezone.now().replace(microsecond=123456) - datetime.timedelta(days=1)
    project = make_project("alpha", languages=["nl"], published_at=published_at, cities=cities())
    import_french(project)
    imported = versions_of(project)[-1]
    assert save_in_admin(writer, project, title_nl="alpha, rewritten").status_code == 302

    html = restore(writer, project, imported).content.decode()

    assert "is back" in html
    assert Project.objects.get(pk=project.pk).title_nl == "alpha NL"
