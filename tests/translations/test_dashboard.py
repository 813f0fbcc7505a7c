"""The translations dashboard: the whole site as content by languages, each count of
complete, missing and out-of-date texts leading to where it is fixed."""

import re

import pytest
from django.urls import reverse

from content.models import Organisation
from projects.models import Project
from tests.factories import LANGUAGES, make_project, make_translator

# Three of the site's languages, however many it has.
SOURCE, TARGET, OTHER = LANGUAGES[:3]


def cell(html, kind, language):
    """The text of the dashboard's cell for `kind` (its plural name) and `language`."""
    row = re.search(rf"<th scope=\"row\">{kind}</th>(.*?)</tr>", html, re.DOTALL).group(1)
    found = re.search(rf'<td data-language="{language}">(.*?)</td>', row, re.DOTALL).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", found).split())


def counts_links(html, kind, language):
    row = re.search(rf"<th scope=\"row\">{kind}</th>(.*?)</tr>", html, re.DOTALL).group(1)
    found = re.search(rf'<td data-language="{language}">(.*?)</td>', row, re.DOTALL).group(1)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', found)


@pytest.fixture
def one_project_in_each_state(empty_site):
    """A project complete in the source language, missing its teaser in TARGET, and
    with an OTHER title made before its source changed."""
    Organisation.objects.all().delete()
    project = make_project(**{f"teaser_{TARGET}": ""})
    setattr(project, f"title_{SOURCE}", "Buurtfabriek van Brussel")
    project.save()
    setattr(project, f"title_{TARGET}", "Fabrique de quartier de Bruxelles")
    project.save()
    return Project.objects.get(pk=project.pk)


def dashboard(client):
    response = client.get(reverse("admin:translations"))
    assert response.status_code == 200
    return response.content.decode()


def test_each_status_is_counted_per_language(admin_client, one_project_in_each_state):
    html = dashboard(admin_client)
    # Segments are counted: the title, the text's one paragraph and the teaser; the
    # caption and cover description, which no language has, count for nothing.
    assert cell(html, "Projects", SOURCE) == "Dutch 3 complete 0 missing 0 out of date"
    assert cell(html, "Projects", TARGET) == "French 2 complete 1 missing 0 out of date"
    assert cell(html, "Projects", OTHER) == "English 2 complete 0 missing 1 out of date"


def test_a_count_of_one_item_leads_to_its_translate_view(admin_client, one_project_in_each_state):
    project = one_project_in_each_state
    links = counts_links(dashboard(admin_client), "Projects", TARGET)
    assert links == [
        (
            reverse("admin:translate", args=["projects", "project", project.pk, TARGET]),
            "1 missing",
        )
    ]


def test_a_count_of_several_items_leads_to_the_filtered_list(admin_client, empty_site):
    for name in ("one", "two"):
        make_project(name, languages=[SOURCE])
    links = counts_links(dashboard(admin_client), "Projects", TARGET)
    assert links == [("/admin/projects/project/?missing=fr", "4 missing")]


def test_the_admin_index_links_to_the_dashboard(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert reverse("admin:translations") in response.content.decode()


def test_a_translator_sees_the_dashboard(client, one_project_in_each_state):
    client.force_login(make_translator(TARGET))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = dashboard(client)
    assert "Projects" in html
    assert "Partners and funders" in html
