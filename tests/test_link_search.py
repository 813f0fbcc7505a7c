"""The link dialog's search: staff find any kind of content by its title in any
language, and get its title and address in every language."""

import pytest
from django.contrib.auth.models import Permission

from content.models import url_in
from tests.factories import LANGUAGES, make_page, make_project

pytestmark = pytest.mark.django_db

URL = "/admin/link-search/"


def test_finds_pages_and_projects_by_a_title_in_any_language(admin_client, empty_site):
    page = make_page("workshops")
    project = make_project("workshop-tour")
    make_page("elsewhere")
    # The last language's title, in another case.
    results = admin_client.get(URL, {"q": f"workshops {LANGUAGES[-1]}"}).json()
    assert [result["titles"] for result in results["results"]] == [
        {code: f"workshops {code.upper()}" for code in LANGUAGES}
    ]
    results = admin_client.get(URL, {"q": "WORKSHOP"}).json()["results"]
    assert sorted(result["kind"] for result in results) == ["Page", "Project"]
    found = {result["kind"]: result for result in results}
    assert found["Page"]["urls"] == {
        code: f"/{code}/{page.slug_nl if code == 'nl' else f'workshops-{code}'}/"
        for code in LANGUAGES
    }
    assert found["Project"]["urls"] == {code: url_in(project, code) for code in LANGUAGES}


def test_says_what_is_not_published_yet(admin_client, empty_site):
    make_page("draft-notes", status="draft")
    [result] = admin_client.get(URL, {"q": "draft-notes"}).json()["results"]
    assert result["published"] is False


def test_a_single_letter_finds_nothing(admin_client, site_content):
    assert admin_client.get(URL, {"q": "a"}).json() == {"results": []}


def test_only_what_the_member_of_staff_may_see(client, django_user_model, empty_site):
    make_page("workshops")
    make_project("workshop-tour")
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_page"))
    client.force_login(staff)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    results = client.get(URL, {"q": "workshop"}).json()["results"]
    assert [result["kind"] for result in results] == ["Page"]


def test_visitors_are_sent_to_the_login(client, site_content):
    response = client.get(URL, {"q": "about"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_item_written_in_one_language_has_an_address_in_every_language(admin_client, empty_site):
    make_page("solo", languages=LANGUAGES[-1:])
    [result] = admin_client.get(URL, {"q": "solo"}).json()["results"]
    assert set(result["urls"]) == set(LANGUAGES)
