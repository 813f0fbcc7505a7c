"""The translations dashboard and the lists' "missing in" and "out of date in" filters
add statuses up in the database: their cost does not grow with the number of items,
and what they count is what each item's own status says (translations.status)."""

import pytest
import reversion
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from projects.models import GalleryImage, Project
from tests.factories import LANGUAGES, add_gallery, make_project, make_projects
from tests.translations.test_dashboard import cell
from translations.status import mark_up_to_date

SOURCE, TARGET, OTHER = LANGUAGES[:3]


def dashboard(client):
    response = client.get(reverse("admin:translations"))
    assert response.status_code == 200
    return response.content.decode()


def queries_for(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "address",
    [reverse("admin:translations"), f"/admin/projects/project/?missing={TARGET}"],
    ids=["dashboard", "missing filter"],
)
def test_the_dashboard_and_filters_cost_the_same_queries_for_many_projects(
    admin_client, empty_site, address
):
    make_projects(2, start=0)
    admin_client.get(address)  # Works out the counts the bulk-made projects lack.
    few = queries_for(admin_client, address)
    make_projects(40, start=2)
    admin_client.get(address)
    many = queries_for(admin_client, address)
    assert Project.objects.count() == 42
    assert many == few


def test_projects_made_without_signals_are_counted(admin_client, empty_site):
    """bulk_create() (seed_projects, imports of old sites) skips the saves' signals:
    the dashboard works their counts out itself."""
    make_projects(3)
    html = dashboard(admin_client)
    # Five texts each (two empty in every language: nothing to translate).
    name = dict(settings.LANGUAGES)[TARGET]
    assert cell(html, "Projects", TARGET) == f"{name} 15 complete 0 missing 0 out of date"


def test_a_changed_source_counts_as_out_of_date_at_once(admin_client, empty_site):
    project = make_project()
    setattr(project, f"teaser_{SOURCE}", "Een nieuwe teaser")
    project.save()
    html = dashboard(admin_client)
    assert "1 out of date" in cell(html, "Projects", TARGET)
    assert f"?stale={TARGET}" not in html  # One project: its translate view.
    assert reverse("admin:translate", args=["projects", "project", project.pk, TARGET]) in html

    mark_up_to_date(project, "teaser", TARGET)
    mark_up_to_date(project, "teaser", OTHER)
    assert "0 out of date" in cell(dashboard(admin_client), "Projects", TARGET)


def test_a_gallery_description_counts_with_its_project_when_added_and_removed(
    admin_client, empty_site
):
    project = make_project()
    before = cell(dashboard(admin_client), "Projects", TARGET)
    add_gallery(project)
    image = GalleryImage.objects.filter(project=project).first()
    setattr(image, f"caption_{TARGET}", "")
    image.save()
    assert "1 missing" in cell(dashboard(admin_client), "Projects", TARGET)
    listing = admin_client.get(f"/admin/projects/project/?missing={TARGET}")
    assert project.title_en in listing.content.decode()

    GalleryImage.objects.filter(project=project).delete()
    assert cell(dashboard(admin_client), "Projects", TARGET) == before
    listing = admin_client.get(f"/admin/projects/project/?missing={TARGET}")
    assert project.title_en not in listing.content.decode()


def test_a_deleted_project_is_no_longer_counted(admin_client, empty_site):
    make_project("one", **{f"body_{TARGET}": ""})
    gone = make_project("two", **{f"body_{TARGET}": ""})
    assert "2 missing" in cell(dashboard(admin_client), "Projects", TARGET)
    gone.delete()
    assert "1 missing" in cell(dashboard(admin_client), "Projects", TARGET)


def test_a_restored_version_is_counted_as_it_is_now(admin_client, empty_site):
    """History's restore saves the old version raw, without the usual save's signals'
    arguments: the counts follow it all the same."""
    project = make_project("one")
    with reversion.create_revision():
        project.save()
    setattr(project, f"body_{TARGET}", "")
    with reversion.create_revision():
        project.save()
    assert "1 missing" in cell(dashboard(admin_client), "Projects", TARGET)

    Version.objects.get_for_object(project)[1].revert()

    assert "0 missing" in cell(dashboard(admin_client), "Projects", TARGET)
