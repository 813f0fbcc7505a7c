"""/healthz tells a load balancer whether the site can serve, and what is missing."""

import pytest
from django.db import OperationalError

from operations import health

pytestmark = pytest.mark.django_db


def test_health_check_answers_ok_uncached_and_without_cookies(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] and not response.cookies


def test_health_check_names_the_database_when_it_fails(client, monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}


def test_an_unreachable_database_answers_back_soon_in_the_visitors_language(client, monkeypatch):
    from pages import views

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.PageDetailView, "get", unreachable)
    client.raise_request_exception = False
    response = client.get("/fr/a-propos/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert '<html lang="fr">' in response.content.decode()


def test_other_errors_are_still_server_errors(client, monkeypatch):
    from pages import views

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(views.PageDetailView, "get", broken)
    client.raise_request_exception = False
    assert client.get("/fr/a-propos/").status_code == 500


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Permissions-Policy",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


@pytest.mark.parametrize(
    ("error", "status"), [(OperationalError("connection refused"), 503), (ValueError("bug"), 500)]
)
def test_error_pages_made_before_any_middleware_carry_the_security_headers(
    client, monkeypatch, settings, page_cache, error, status
):
    """The page cache, first of the middleware, fails before any other has run: the
    answer it turns into still says what a browser may do with it."""
    from caching import pages

    def failing(*args, **kwargs):
        raise error

    settings.SECURE_HSTS_SECONDS = 3600
    monkeypatch.setattr(pages, "current_version", failing)
    client.raise_request_exception = False
    response = client.get("/fr/a-propos/", secure=True)
    assert response.status_code == status
    for header in SECURITY_HEADERS:
        assert response.has_header(header), header
    assert response["X-Frame-Options"] == "DENY"
    assert "max-age=3600" in response["Strict-Transport-Security"]
    assert "default-src 'self'" in response["Content-Security-Policy"]
