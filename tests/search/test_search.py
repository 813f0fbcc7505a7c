"""Visitors search pages and projects in their own language, on any database."""

import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import content_models
from content.search_vectors import text_search_config
from projects.models import Project
from tests.factories import make_content, make_page, make_project, tomorrow

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


@sqlite_only
def test_what_is_written_without_signals_is_found_by_its_new_words(client, empty_site):
    """Seeding, restores and queryset updates send no signals: triggers keep the
    full-text tables in step with the content's own."""
    Project.objects.bulk_create([Project(**{**project_fields("Orchard"), "slug_en": "orchard"})])
    assert titles_found(client, "orchard") == ["Orchard"]
    Project.objects.filter(slug_en="orchard").update(body_en="<p>Beehives on the roof.</p>")
    assert titles_found(client, "orchard") == ["Orchard"]  # its title is unchanged
    assert titles_found(client, "beehives") == ["Orchard"]
    Project.objects.filter(slug_en="orchard").delete()
    assert titles_found(client, "beehives") == []


@sqlite_only
def test_search_finds_what_changed_while_migrations_ran(client, empty_site):
    """SQLite refuses to drop a column a trigger names, so `migrate` drops the triggers
    first, and makes them again after, reading every text afresh."""
    from content.search_vectors import create_full_text_tables, drop_full_text_triggers

    make_project(languages=("en",), title_en="Orchard", slug_en="orchard")
    drop_full_text_triggers(using="default")
    Project.objects.filter(slug_en="orchard").update(body_en="<p>Beehives on the roof.</p>")
    create_full_text_tables(using="default")
    assert titles_found(client, "beehives") == ["Orchard"]


def test_a_word_every_item_has_reads_no_more_than_can_be_shown(client, empty_site, monkeypatch):
    from search import backends

    monkeypatch.setattr(backends, "MAX_RESULTS", 4)
    Project.objects.bulk_create(
        [Project(**project_fields(f"Garden {number}")) for number in range(12)]
    )
    with CaptureQueriesContext(connection) as queries:
        found = backends.search("garden", "en")
    assert len(found) == 4
    assert len(queries) == 1, "one query over every kind of content"
    assert queries[0]["sql"].endswith("LIMIT 4")


@postgres_only
def test_a_word_every_item_has_ranks_only_the_newest_of_each_kind(client, empty_site, monkeypatch):
    """However large the archive, the page ranks a bounded number of items, and finds
    the best of the newest: the oldest garden, though its title says it most, is not
    ranked once three newer ones mention the word."""
    from search import backends

    monkeypatch.setattr(backends, "RANKED_PER_KIND", 3)
    oldest = make_project(languages=("en",), title_en="Garden garden garden", slug_en="g0")
    for number in range(1, 5):
        make_project(
            languages=("en",),
            title_en=f"Plot {number}",
            slug_en=f"p{number}",
            body_en="<p>A garden.</p>",
        )
    found = {hit.obj.pk for hit in backends.search("garden", "en")}
    newest = Project.objects.exclude(pk=oldest.pk).order_by("-pk")[:3]
    assert found == {project.pk for project in newest}


@pytest.mark.parametrize("per_kind", [1, 25])
def test_a_search_runs_few_queries_however_many_kinds_and_items(
    client, empty_site, per_kind, django_assert_max_num_queries
):
    """One query finds the matches of every kind of content (content_models()), and one
    per kind shown reads the page of results: at most 6 whatever the site holds."""
    for model in content_models():
        for number in range(per_kind):
            make_content(model, "quokka", languages=("en",), suffix=f"{number}")
    client.get("/en/search/", {"q": "quokka"})  # what every page caches (menu, footer)
    with django_assert_max_num_queries(6):
        found, main = results(client, "/en/search/", "quokka")
    assert len(found) == min(20, per_kind * len(content_models()))
    if per_kind == 1:  # every kind on the page: the most queries
        assert len(set(re.findall(r'<p class="meta">([^<]+)</p>', main))) == len(content_models())
    with django_assert_max_num_queries(6):
        assert results(client, "/en/search/", "nothing-matches-this")[0] == []


def project_fields(title):
    slug = title.lower().replace(" ", "-")
    return {
        "status": Project.Status.PUBLISHED,
        "title_en": title,
        "slug_en": slug,
        "body_en": "<p>A garden in the city.</p>",
        "start_year": 2020,
    }


def titles_found(client, query):
    return [title for _url, title in results(client, "/en/search/", query)[0]]


def test_the_texts_markup_is_not_searched(client, empty_site):
    make_project(
        languages=("en",), body_en='<p><strong>Bold</strong> <a href="https://x.org">words</a></p>'
    )
    assert titles_found(client, "strong") == []
    assert titles_found(client, "href") == []
    assert len(titles_found(client, "bold words")) == 1


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


@pytest.mark.parametrize(
    ("path", "placeholder"),
    [("/nl/", "Projecten, pagina’s…"), ("/fr/", "Projets, pages…"), ("/en/", "Projects, pages…")],
)
def test_the_search_box_says_what_it_finds(client, site_content, path, placeholder):
    """Its label is for screen readers; sighted visitors read the placeholder."""
    html = client.get(path).content.decode()
    field = re.search(r'<input type="search" id="site-search"[^>]*>', html).group(0)
    assert f'placeholder="{placeholder}"' in field
