"""The switcher and the head links lead to the same page in each language."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import LANGUAGES, make_page

pytestmark = pytest.mark.django_db


def switcher_links(html):
    """Where each of the switcher's links leads, once the choice is remembered."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    links = re.findall(r'<a href="([^"]+)" lang="(\w\w)"', nav)
    return {language: chosen_page(href.replace("&amp;", "&")) for href, language in links}


def chosen_page(href):
    return parse_qs(urlsplit(href).query)["next"][0]


def alternates(html):
    links = re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html)
    return dict(links)


def test_switcher_leads_to_the_same_page_in_each_language(client, site_content):
    links = switcher_links(client.get("/nl/over-ons/").content.decode())
    assert list(links) == LANGUAGES
    assert {code: links[code] for code in ("nl", "fr", "en")} == {
        "nl": "/nl/over-ons/",
        "fr": "/fr/a-propos/",
        "en": "/en/about/",
    }


def test_switcher_on_the_home_page(client, site_content):
    html = client.get("/en/").content.decode()
    assert switcher_links(html) == {code: f"/{code}/" for code in LANGUAGES}


def test_switcher_marks_the_language_that_shows_fallback_text(client, site_content):
    html = client.get("/nl/over-ons/").content.decode()
    assert re.search(r'next=/fr/a-propos/"[^>]*class="is-fallback"', html)
    assert not re.search(r'next=/en/about/"[^>]*class="is-fallback"', html)


def test_hreflang_lists_only_languages_in_which_the_page_exists(client, site_content):
    html = client.get("/en/about/").content.decode()
    assert alternates(html) == {
        "nl": "http://testserver/nl/over-ons/",
        "en": "http://testserver/en/about/",
        "x-default": "http://testserver/nl/over-ons/",
    }


def test_hreflang_lists_all_languages_for_a_complete_page(client, site_content):
    html = client.get("/fr/methode/").content.decode()
    assert alternates(html) == {
        "nl": "http://testserver/nl/werkwijze/",
        "fr": "http://testserver/fr/methode/",
        "en": "http://testserver/en/how-we-work/",
        "x-default": "http://testserver/nl/werkwijze/",
    }


def test_menu_shows_published_pages_and_sub_pages(client, site_content):
    html = client.get("/fr/").content.decode()
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert 'href="/fr/a-propos/"' in menu
    assert 'href="/fr/methode/"' in menu


def test_choosing_a_language_remembers_it_for_the_home_address(client, site_content):
    html = client.get("/nl/over-ons/").content.decode()
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    french = re.search(r'<a href="([^"]+)" lang="fr"', nav).group(1).replace("&amp;", "&")
    response = client.get(french)
    assert response.status_code == 302
    assert response["Location"] == "/fr/a-propos/"
    assert "no-store" in response["Cache-Control"]
    assert client.get("/", headers={"accept-language": "en"})["Location"] == "/fr/"


def test_choosing_a_language_never_leads_off_the_site(client, site_content):
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.get("/language/en/", {"next": target})
        assert response["Location"] == "/en/"


def test_an_unknown_language_is_not_found(client, site_content):
    assert client.get("/language/xx/", {"next": "/nl/"}).status_code == 404
    assert not client.cookies


@pytest.mark.parametrize("path", ["/fr/a-propos/", "/fr/methode/"])
def test_a_section_with_sub_pages_has_its_own_navigation(client, site_content, path):
    """The section's pages are offered on its own pages (the wide header lists only the
    top pages), the one being read marked."""
    html = client.get(path).content.decode()
    nav = re.search(r'<nav class="section-nav" aria-label="([^"]+)">.*?</nav>', html, re.S)
    assert nav.group(1) == "Dans cette rubrique"
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>', nav.group(0))
    assert links == [
        ("/fr/a-propos/", ' aria-current="page"' if path == "/fr/a-propos/" else ""),
        ("/fr/methode/", ' aria-current="page"' if path == "/fr/methode/" else ""),
    ]


def test_a_sub_page_marks_its_section_in_the_menu(client, site_content):
    html = client.get("/fr/methode/").content.decode()
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert '<a href="/fr/a-propos/" aria-current="true">' in menu
    assert '<a href="/fr/methode/" aria-current="page">' in menu


def test_a_page_without_sub_pages_has_no_section_navigation(client, site_content):
    make_page(show_in_menu=True)
    assert 'class="section-nav"' not in client.get("/fr/presse/").content.decode()
