"""The lists of pages, projects, partners, cities and themes say each language's
translation state in words (and colour), and filter on missing and out-of-date texts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project
from tests.factories import (
    LANGUAGES,
    add_gallery,
    make_city,
    make_project,
    make_projects,
    make_translator,
)

# Three of the site's languages, however many it has.
SOURCE, TARGET, OTHER = LANGUAGES[:3]


@pytest.fixture
def mixed(empty_site):
    project = make_project(**{f"teaser_{TARGET}": ""})
    setattr(project, f"title_{SOURCE}", "Buurtfabriek van Brussel")
    project.save()
    project.title_fr = "Fabrique de Bruxelles"
    project.save()
    return project


def listing(client, query=""):
    response = client.get(f"/admin/projects/project/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_each_language_is_said_in_words(admin_client, mixed):
    html = listing(admin_client)
    assert '<abbr title="Dutch">NL</abbr>: complete</a>' in html
    # Title, teaser and the text's one paragraph: the French teaser is missing.
    assert '<abbr title="French">FR</abbr>: 2 of 3</a>' in html
    assert '<abbr title="English">EN</abbr>: 2 of 3, 1 out of date</a>' in html
    assert 'class="translation-status missing"' in html


def test_a_missing_gallery_caption_shows_in_the_projects_list(admin_client, empty_site):
    project = make_project()
    add_gallery(project)
    image = project.images.first()
    setattr(image, f"caption_{TARGET}", "")
    image.save()
    badge = re.search(r'<abbr title="French">FR</abbr>: (\d+) of (\d+)</a>', listing(admin_client))
    assert int(badge[1]) == int(badge[2]) - 1


def test_lists_filter_on_missing_and_out_of_date_texts(admin_client, mixed):
    make_project("complete")
    # The list shows English titles: its staff member reads the admin in English.
    assert "Neighbourhood factory" in listing(admin_client, f"?missing={TARGET}")
    assert "complete EN" not in listing(admin_client, f"?missing={TARGET}")
    assert "Neighbourhood factory" in listing(admin_client, f"?stale={OTHER}")
    assert "Neighbourhood factory" not in listing(admin_client, f"?stale={TARGET}")


def test_cities_say_their_translation_state_too(admin_client, empty_site):
    make_city("gent", **{f"name_{TARGET}": ""})
    response = admin_client.get("/admin/projects/city/")
    assert '<abbr title="French">FR</abbr>: 0 of 1</a>' in response.content.decode()


def test_the_list_costs_the_same_queries_for_many_projects(admin_client, empty_site):
    make_projects(2)
    listing(admin_client)
    with CaptureQueriesContext(connection) as few:
        listing(admin_client)
    make_projects(30, start=2)
    with CaptureQueriesContext(connection) as many:
        listing(admin_client)
    assert Project.objects.count() == 32
    assert len(many) == len(few)


def test_a_translator_gets_links_to_translate_into_her_language_only(client, mixed):
    client.force_login(make_translator(TARGET))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = listing(client)
    assert f'href="/admin/translations/projects/project/{mixed.pk}/{TARGET}/"' in html
    assert f'href="/admin/translations/projects/project/{mixed.pk}/{OTHER}/"' not in html
    assert '<span class="translation-status stale"><abbr title="English">EN</abbr>' in html
