"""Visitors search pages and projects in their own language, on any database."""

import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citymined.search_vectors import text_search_config
from projects.models import Project
from tests.factories import make_page, make_project, tomorrow

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="the simple match of databases without it"
)


def results(client, path, query, **params):
    response = client.get(path, {"q": query, **params})
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index('<section class="search-results"') :]
    titles = re.findall(r"<h2><a href=\"([^\"]+)\">(.*?)</a></h2>", main)
    return [(url, re.sub(r"</?mark>", "", title)) for url, title in titles], main


@pytest.mark.parametrize(
    ("path", "action"),
    [
        ("/nl/", "/nl/zoeken/"),
        ("/fr/a-propos/", "/fr/recherche/"),
        ("/en/projects/", "/en/search/"),
    ],
)
def test_search_box_on_every_page(client, site_content, path, action):
    html = client.get(path).content.decode()
    header = re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)
    assert 'class="search-form"' in header
    assert f'action="{action}"' in header


def test_finds_pages_and_projects_in_the_visitors_language(client, empty_site):
    make_page()
    make_project()
    found, _ = results(client, "/fr/recherche/", "journalistes")
    assert found == [("/fr/presse/", "Presse")]
    found, _ = results(client, "/nl/zoeken/", "Brussel")
    assert found == [("/nl/projecten/buurtfabriek/", "Buurtfabriek")]


def test_matching_words_are_highlighted(client, empty_site):
    make_project()
    _, main = results(client, "/en/search/", "workshop")
    assert "<mark>workshop</mark>" in main


def test_title_match_ranks_first(client, empty_site):
    make_project(languages=("en",), title_en="Press garden", slug_en="press-garden")
    make_page(languages=("en",))
    found, _ = results(client, "/en/search/", "press")
    assert [title for _url, title in found] == ["Press", "Press garden"]


def test_accents_are_ignored(client, empty_site):
    make_project()
    found, _ = results(client, "/fr/recherche/", "developpement")
    assert found == [("/fr/projets/fabrique-de-quartier/", "Fabrique de quartier")]
    found, _ = results(client, "/fr/recherche/", "HABITANTS Développement")
    assert len(found) == 1


@postgres_only
def test_dutch_query_matches_an_inflected_form(client, empty_site):
    make_project(languages=("nl",), body_nl="<p>Samen bouwen aan de buurt.</p>")
    found, _ = results(client, "/nl/zoeken/", "buurten")
    assert found == [("/nl/projecten/buurtfabriek/", "Buurtfabriek")]


@postgres_only
def test_french_plural_matches_the_singular(client, empty_site):
    make_project()
    found, _ = results(client, "/fr/recherche/", "atelier quartier")
    assert len(found) == 1


@sqlite_only
def test_simple_match_finds_part_of_a_word(client, empty_site):
    make_project()
    found, _ = results(client, "/nl/zoeken/", "buurtfab")
    assert found == [("/nl/projecten/buurtfabriek/", "Buurtfabriek")]


def test_drafts_and_scheduled_items_are_not_found(client, empty_site):
    make_page(status="draft")
    make_project(published_at=tomorrow())
    assert results(client, "/en/search/", "journalists")[0] == []
    assert results(client, "/en/search/", "workshop")[0] == []


def test_text_of_another_language_is_not_found_but_offered(client, empty_site):
    make_project(languages=("nl",))
    found, main = results(client, "/en/search/", "bewoners")
    assert found == []
    assert "Nothing found for “bewoners”." in main
    assert 'href="/nl/zoeken/?q=bewoners"' in main


def test_item_missing_in_the_language_is_not_found(client, empty_site):
    # A French title without French text: the page would show fallback text.
    make_project(languages=("nl",), title_fr="Fabrique", slug_fr="fabrique")
    assert results(client, "/fr/recherche/", "fabrique")[0] == []


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5000,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "!!! & | :* () <-> \\",
        "a\x00b",
        "\u202e\ufeffé",
        "-",
        '"unbalanced',
        "-" * 40,
        "- " * 40,
        "-!" * 40,
        "workshop " + "-(" * 40,
    ],
)
def test_odd_queries_give_a_normal_page(client, empty_site, query):
    make_project()
    response = client.get("/en/search/", {"q": query, "page": "abc"})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_empty_query_invites_a_search(client, site_content):
    _, main = results(client, "/nl/zoeken/", "")
    assert "Typ een of meer woorden" in main


def test_no_results_page_helps_in_the_visitors_language(client, site_content):
    _, main = results(client, "/fr/recherche/", "xyzzy")
    assert "Aucun résultat pour «\u00a0xyzzy\u00a0»." in main
    assert 'href="/fr/projets/"' in main
    assert 'href="/fr/"' in main


def test_search_results_are_not_indexed(client, site_content):
    html = client.get("/en/search/", {"q": "city"}).content.decode()
    assert '<meta name="robots" content="noindex">' in html


def test_results_are_paginated(client, empty_site):
    for number in range(25):
        make_project(languages=("en",), suffix=str(number))
    found, main = results(client, "/en/search/", "workshop")
    assert len(found) == 20
    assert "25 results" in main
    found, _ = results(client, "/en/search/", "workshop", page=2)
    assert len(found) == 5


@postgres_only
def test_a_minus_sign_leaves_a_word_out(client, empty_site):
    make_page(languages=("en",))
    make_project(languages=("en",), title_en="Press garden", slug_en="press-garden")
    found, _ = results(client, "/en/search/", "press -garden")
    assert [title for _url, title in found] == ["Press"]


@postgres_only
def test_search_can_use_the_index_on_its_language(empty_site):
    make_project()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    query = SearchQuery("buurt", search_type="websearch", config=text_search_config("nl"))
    plan = Project.objects.filter(search_nl=query).order_by().explain()
    index = next(index.name for index in Project._meta.indexes if index.fields == ["search_nl"])
    assert index in plan


def test_lists_and_pages_leave_the_vectors_in_the_database(client, empty_site):
    make_page()
    make_project()
    with CaptureQueriesContext(connection) as queries:
        for path in ["/en/projects/", "/en/projects/neighbourhood-factory/", "/en/press/"]:
            assert client.get(path).status_code == 200
    columns = [query["sql"].split(" FROM ")[0] for query in queries.captured_queries]
    assert not [sql for sql in columns if '"search_' in sql]


@pytest.mark.parametrize("query", ["-" * 33, "- " * 40, "water " + "-" * 60, "--" * 50])
def test_a_run_of_hyphens_is_searched_not_an_error(client, query):
    for path in ("/nl/zoeken/", "/fr/recherche/", "/en/search/"):
        assert client.get(path, {"q": query}).status_code == 200
