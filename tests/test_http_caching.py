"""What proxies and browsers are told they may keep: anonymous public pages are
shared and revalidated cheaply; what staff, searchers and errors get is kept by no one."""

import pytest

pytestmark = pytest.mark.django_db


def directives(response):
    return {part.strip().split("=")[0] for part in response["Cache-Control"].split(",")}


def vary(response):
    return {name.strip().lower() for name in response.get("Vary", "").split(",") if name}


@pytest.mark.parametrize("cached", [False, True])
def test_an_anonymous_page_may_be_kept_by_any_cache(client, settings, site_content, cached):
    settings.PAGE_CACHE_SECONDS = 300 if cached else 0
    settings.HTTP_CACHE_SECONDS = 120
    for _ in range(2):
        response = client.get("/fr/a-propos/")
    assert response.status_code == 200
    assert not response.cookies
    assert "public" in directives(response)
    assert "max-age=120" in response["Cache-Control"]
    assert "stale-while-revalidate" in directives(response)
    assert response["ETag"]
    assert "accept-language" not in vary(response)


@pytest.mark.parametrize("cached", [False, True])
def test_asking_again_with_the_etag_gets_not_modified(client, settings, site_content, cached):
    settings.PAGE_CACHE_SECONDS = 300 if cached else 0
    etag = client.get("/en/projects/")["ETag"]
    response = client.get("/en/projects/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_the_etag_changes_with_the_content(client, page_cache, about):
    etag = client.get("/en/about/")["ETag"]
    about.title_en = "Who we are"
    about.save()
    response = client.get("/en/about/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Who we are" in response.content.decode()


def test_staff_pages_are_kept_by_no_one(admin_client, page_cache, site_content):
    response = admin_client.get("/en/about/")
    assert {"private", "no-store"} <= directives(response)
    assert "cookie" in vary(response)


def test_search_results_are_kept_by_no_one(client, site_content):
    response = client.get("/en/search/?q=water")
    assert {"private", "no-store"} <= directives(response)


def test_error_pages_are_kept_by_no_one(client, site_content):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "no-store" in directives(response)


def test_only_the_home_address_depends_on_the_browsers_languages(client, site_content):
    assert {"accept-language", "cookie"} <= vary(client.get("/"))
    assert "accept-language" not in vary(client.get("/robots.txt"))
    assert "accept-language" not in vary(client.get("/sitemap.xml"))
    assert "accept-language" not in vary(client.get("/nl/"))


def test_a_page_from_the_cache_keeps_every_security_header(client, page_cache, site_content):
    drawn = client.get("/en/projects/")
    kept = client.get("/en/projects/")
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Content-Language",
    ):
        assert kept[header] == drawn[header]


def test_a_page_asked_over_http_still_goes_to_https(client, settings, page_cache, site_content):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/en/projects/", secure=True).status_code == 200
    response = client.get("/en/projects/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
