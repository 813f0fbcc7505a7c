"""Visitors browse the projects: translated addresses, filters they can combine and
share, pages of twelve, and a way out when nothing matches."""

import re

import pytest

from content.models import Content
from tests.factories import make_project

# These tests list and count everything there is: they start from an empty site.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_site")]


def titles(response):
    return re.findall(r"<h3><a href=\"[^\"]+\">([^<]+)</a></h3>", response.content.decode())


@pytest.fixture
def projects(city, london, theme, economy):
    return {
        "old": make_project("old", 1999, 2009, cities=[city], themes=[economy]),
        "london": make_project("london", 2006, 2011, cities=[city, london], themes=[economy]),
        "commons": make_project("commons", 2011, 2015, cities=[city], themes=[theme]),
        "power": make_project("power", 2018, None, cities=[city], themes=[theme]),
        "early": make_project("early", 1998, None, cities=[london], themes=[economy]),
    }


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/nl/projecten/", "Projecten"), ("/fr/projets/", "Projets"), ("/en/projects/", "Projects")],
)
def test_list_lives_at_a_translated_address(client, projects, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_list_shows_titles_in_the_visitors_language(client, projects):
    assert "power FR" in titles(client.get("/fr/projets/"))
    assert "power NL" in titles(client.get("/nl/projecten/"))


def test_ongoing_projects_come_first_then_newest_start(client, projects):
    assert titles(client.get("/en/projects/")) == [
        "power EN",
        "early EN",
        "commons EN",
        "london EN",
        "old EN",
    ]


def test_drafts_are_not_listed(client, projects):
    projects["power"].status = Content.Status.DRAFT
    projects["power"].save()
    assert "power EN" not in titles(client.get("/en/projects/"))


def test_filter_by_theme(client, projects):
    assert titles(client.get("/en/projects/?theme=environment")) == ["power EN", "commons EN"]


def test_filter_by_city(client, projects):
    assert titles(client.get("/en/projects/?city=london")) == ["early EN", "london EN"]


def test_filter_ongoing_and_past(client, projects):
    assert titles(client.get("/en/projects/?period=ongoing")) == ["power EN", "early EN"]
    assert titles(client.get("/en/projects/?period=past")) == [
        "commons EN",
        "london EN",
        "old EN",
    ]


def test_filters_combine(client, projects):
    response = client.get("/en/projects/?theme=economy&city=london&period=past")
    assert titles(response) == ["london EN"]


def test_filter_options_show_counts_given_the_other_filters(client, projects):
    html = client.get("/en/projects/?city=london").content.decode()
    link = (
        'href="/en/projects/?theme=economy&amp;city=london">Economy <span class="count">(2)</span>'
    )
    assert link in html
    # No London project is about the environment: the option is not offered.
    assert "Environment <span" not in html
    assert 'Ongoing <span class="count">(1)</span>' in html
    assert 'Past <span class="count">(1)</span>' in html


def test_filter_names_are_translated(client, projects):
    html = client.get("/fr/projets/").content.decode()
    assert "Environnement <span" in html
    assert "Londres <span" in html


def test_filter_links_name_the_filters_in_one_order_whatever_the_visitors(client, projects):
    """However the visitor came to a choice of filters, each link names the next one
    the same way: one address per choice, for crawlers and the page cache."""
    for query in ("city=london&period=past", "period=past&city=london&utm_source=x"):
        html = client.get(f"/en/projects/?{query}").content.decode()
        assert 'href="/en/projects/?theme=economy&amp;city=london&amp;period=past">Eco' in html
        assert 'href="/en/projects/?city=london" aria-current="true">Past' in html


def test_a_chosen_filter_links_to_its_removal(client, projects):
    html = client.get("/en/projects/?theme=economy&city=london").content.decode()
    assert 'href="/en/projects/?city=london" aria-current="true">Economy' in html


@pytest.mark.parametrize(
    "query",
    [
        "theme=unknown",
        "city=atlantis",
        "period=someday",
        "theme=%00",
        "page=abc",
        "page=0",
        "page=99",
        "page=-1",
        "theme=economy&page=2",
    ],
)
def test_bad_filter_or_page_is_not_found(client, projects, query):
    assert client.get(f"/en/projects/?{query}").status_code == 404


def test_unknown_parameters_are_ignored(client, projects):
    assert client.get("/en/projects/?utm_source=newsletter").status_code == 200


def test_empty_filter_result_offers_to_clear_filters(client, projects):
    response = client.get("/en/projects/?theme=environment&city=london")
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == []
    assert 'class="empty-state"' in html
    assert '<a class="button" href="/en/projects/">Clear the filters</a>' in html


@pytest.fixture
def many_projects(city, theme):
    return [
        make_project(f"p{i:02}", 1990 + i, 2020, cities=[city], themes=[theme]) for i in range(25)
    ]


def test_twelve_projects_a_page_with_links_that_keep_the_filters(client, many_projects):
    first = client.get("/en/projects/?theme=environment")
    html = first.content.decode()
    assert len(titles(first)) == 12
    assert 'href="?theme=environment&amp;page=2" rel="next"' in html
    assert 'rel="prev"' not in html
    last = client.get("/en/projects/?theme=environment&page=3")
    assert len(titles(last)) == 1
    assert 'href="?theme=environment&amp;page=2" rel="prev"' in last.content.decode()
    assert 'aria-current="page">3</a>' in last.content.decode()
    # Page one has one address: the list without a page number.
    second = client.get("/en/projects/?theme=environment&page=2").content.decode()
    assert 'href="?theme=environment" rel="prev"' in second
    assert 'href="?theme=environment">1</a>' in second


def test_choosing_a_filter_goes_back_to_page_one(client, many_projects):
    html = client.get("/en/projects/?page=2").content.decode()
    assert 'href="/en/projects/?theme=environment">Environment' in html


def test_an_empty_list_without_filters_does_not_offer_to_clear_them(client, db):
    html = client.get("/en/projects/").content.decode()
    assert "No projects have been published yet." in html
    assert "Clear the filters" not in html


def test_addresses_with_the_former_filter_name_lead_to_the_same_list(client, projects):
    response = client.get("/en/projects/?theme=economy&city=london&status=past")
    assert response.status_code == 301
    assert response["Location"] == "/en/projects/?theme=economy&city=london&period=past"
    assert titles(client.get(response["Location"])) == ["london EN"]
