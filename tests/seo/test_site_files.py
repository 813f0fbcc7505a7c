"""robots.txt, the favicon and the web app manifest answer at the site's root."""

import json

import pytest

from tests.factories import LANGUAGES

pytestmark = pytest.mark.django_db


def test_robots_names_the_sitemap_and_keeps_crawlers_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /*?preview" in lines
    assert "Disallow: /*&preview" in lines
    assert "Disallow: /fr/recherche/" in lines
    # The language switcher's redirects: the head's hreflang links name every language.
    assert "Disallow: /language/fr/" in lines


def test_favicon_is_found(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].startswith("/static/img/favicon")
    assert response["Location"].endswith(".ico")


def test_manifest_names_the_site_and_its_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "City Mine(d)"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}


def test_every_page_links_its_icons_and_manifest(client, site_content):
    html = client.get("/en/").content.decode()
    assert 'rel="icon"' in html
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page_offers_search_and_the_way_home(client, site_content, language):
    html = client.get(f"/{language}/no-such-page/").content.decode()
    main = html[html.index("<main") :]
    assert 'class="search-form"' in main
    assert f'href="/{language}/"' in main
