"""Search engines find every page and project once per language it really exists in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import LANGUAGES, make_page, make_project, tomorrow
from tests.seo.helpers import sitemap, sitemap_entries, sitemap_index

pytestmark = pytest.mark.django_db


def test_sitemap_is_outside_the_language_prefixes(client):
    assert client.get("/sitemap.xml")["Content-Type"].startswith("application/xml")
    assert client.get("/nl/sitemap.xml").status_code == 404


def test_project_is_listed_only_in_the_languages_it_exists_in(client, empty_site):
    make_project(languages=("nl", "en"))
    entries = sitemap(client)
    nl = "http://testserver/nl/projecten/buurtfabriek/"
    en = "http://testserver/en/projects/neighbourhood-factory/"
    assert nl in entries and en in entries
    assert not [
        loc for loc in entries if "/fr/projets/" in loc and loc != "http://testserver/fr/projets/"
    ]
    expected = {"nl": nl, "en": en, "x-default": nl}
    assert entries[nl]["alternates"] == entries[en]["alternates"] == expected


def test_page_with_every_translation_has_every_alternate(client, empty_site):
    make_page()
    alternates = sitemap(client)["http://testserver/fr/presse/"]["alternates"]
    assert set(alternates) == {*LANGUAGES, "x-default"}
    assert {code: alternates[code] for code in ("nl", "fr", "en", "x-default")} == {
        "nl": "http://testserver/nl/pers/",
        "fr": "http://testserver/fr/presse/",
        "en": "http://testserver/en/press/",
        "x-default": "http://testserver/nl/pers/",
    }


def test_x_default_without_dutch_is_the_english_version(client, empty_site):
    make_project(languages=("fr", "en"))
    entry = sitemap(client)["http://testserver/fr/projets/fabrique-de-quartier/"]
    assert set(entry["alternates"]) == {"fr", "en", "x-default"}
    assert (
        entry["alternates"]["x-default"] == "http://testserver/en/projects/neighbourhood-factory/"
    )


@pytest.mark.parametrize("browser_language", ["fr", "de"])
def test_x_default_leads_any_visitor_to_a_real_page(client, empty_site, browser_language):
    make_project(languages=("nl", "en"))
    entry = sitemap(client)["http://testserver/en/projects/neighbourhood-factory/"]
    response = client.get(
        entry["alternates"]["x-default"], headers={"accept-language": browser_language}
    )
    assert response.status_code == 200


def test_entries_have_a_lastmod(client, empty_site):
    project = make_project()
    entry = sitemap(client)["http://testserver/en/projects/neighbourhood-factory/"]
    assert entry["lastmod"] == timezone.localdate(project.updated_at).isoformat()


def test_drafts_and_scheduled_items_never_appear(client, empty_site):
    make_project(status="draft")
    make_project(languages=("nl",), suffix="later", published_at=tomorrow())
    make_page(status="draft")
    locations = " ".join(sitemap(client))
    for slug in ["buurtfabriek", "neighbourhood-factory", "pers", "press", "presse"]:
        assert f"/{slug}" not in locations


def test_initial_pages_and_the_project_list_are_listed(client, site_content):
    entries = sitemap(client)
    assert "http://testserver/nl/" in entries
    assert "http://testserver/fr/projets/" in entries
    # The About page has no French text.
    assert "http://testserver/en/about/" in entries
    assert "http://testserver/fr/a-propos/" not in entries


def test_sitemap_is_an_index_of_the_sections_each_cut_into_pages(client, empty_site, monkeypatch):
    from seo.sitemaps import TranslatedSitemap
    from tests.factories import make_projects

    monkeypatch.setattr(TranslatedSitemap, "limit", 5)
    make_projects(12)
    project_sitemaps = [
        address for address in sitemap_index(client) if "sitemap-projects.xml" in address
    ]
    # 12 projects, 5 a page: three pages, the first without a page number.
    assert project_sitemaps == [
        "http://testserver/sitemap-projects.xml",
        "http://testserver/sitemap-projects.xml?p=2",
        "http://testserver/sitemap-projects.xml?p=3",
    ]
    per_page = [len(sitemap_entries(client, address)) for address in project_sitemaps]
    assert per_page == [5 * len(LANGUAGES), 5 * len(LANGUAGES), 2 * len(LANGUAGES)]
    assert client.get("/sitemap-projects.xml?p=4").status_code == 404


def test_the_index_counts_and_dates_once_until_the_content_changes(client, empty_site, monkeypatch):
    from seo.sitemaps import TranslatedSitemap
    from tests.factories import make_projects

    monkeypatch.setattr(TranslatedSitemap, "limit", 5)
    from citymined.urls import SITEMAPS

    make_projects(5)
    # One page of each section's sitemap: the pages, the lists, the projects, …
    assert len(sitemap_index(client)) == len(SITEMAPS)
    with CaptureQueriesContext(connection) as queries:
        assert len(sitemap_index(client)) == len(SITEMAPS)
    assert len(queries) == 0
    make_projects(1, start=5)
    assert "http://testserver/sitemap-projects.xml?p=2" in sitemap_index(client)
    assert len(sitemap_entries(client, "/sitemap-projects.xml?p=2")) == len(LANGUAGES)


def test_a_sections_pages_keep_their_items_as_projects_are_added(client, empty_site, monkeypatch):
    from seo.sitemaps import TranslatedSitemap
    from tests.factories import make_projects

    monkeypatch.setattr(TranslatedSitemap, "limit", 5)
    make_projects(7)
    first_page = sitemap_entries(client, "/sitemap-projects.xml")
    make_projects(3, start=7)
    assert sitemap_entries(client, "/sitemap-projects.xml") == first_page
    assert len(sitemap_entries(client, "/sitemap-projects.xml?p=2")) == 5 * len(LANGUAGES)


def test_robots_names_the_index(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").text
    assert client.get("/sitemap.xml").text.count("<sitemapindex") == 1
