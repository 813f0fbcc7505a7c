"""A POST to an address that takes none answers 405 Method Not Allowed, not the CSRF
check's 403 ("Forbidden"), which reads as if the visitor had done something wrong. The
admin's forms, which do take a POST, keep their CSRF check."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser_client():
    """A client that checks CSRF tokens as Django does for a real browser."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        "/fr/a-propos/",
        "/fr/projets/",
        "/fr/projets/?city=brussels",
        "/fr/projets/la-pile/",
        "/fr/soutiens/",
        "/fr/recherche/?q=ville",
        "/fr/projets/feed.rss",
        "/fr/projets/feed.atom",
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-projects.xml",
        "/manifest.webmanifest",
        "/language/en/?next=/en/",
    ],
)
def test_post_to_a_public_address_answers_405(browser_client, site_content, path):
    response = browser_client.post(path, {"anything": "1"})
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert browser_client.get(path).status_code in (200, 302)


def test_put_and_delete_answer_405_too(browser_client, site_content):
    assert browser_client.put("/en/about/").status_code == 405
    assert browser_client.delete("/en/about/").status_code == 405
    assert browser_client.head("/en/about/").status_code == 200


def test_admin_login_still_checks_its_csrf_token(browser_client, admin_user):
    response = browser_client.post("/admin/login/", {"username": "admin", "password": "x"})
    assert response.status_code == 403
    page = browser_client.get("/admin/login/")
    token = page.cookies["csrftoken"].value
    response = browser_client.post(
        "/admin/login/",
        {"username": "admin", "password": "password", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
