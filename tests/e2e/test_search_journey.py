"""A visitor searches from the header and lands on a project, without CSP trouble."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_searches_from_the_header_and_opens_the_project(live_server, site_content, page):
    make_project(languages=["fr"])  # Fabrique de quartier
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{live_server.url}/fr/")
    page.locator(".site-header .search-form input[name=q]").fill("quartiers developpement")
    page.locator(".site-header .search-form button").click()
    expect(page).to_have_url(f"{live_server.url}/fr/recherche/?q=quartiers+developpement")
    result = page.locator(".search-results h2 a")
    expect(result).to_have_text("Fabrique de quartier")
    expect(page.locator(".search-results mark").last).to_have_text("quartiers")
    result.click()
    expect(page).to_have_url(f"{live_server.url}/fr/projets/fabrique-de-quartier/")
    # The page's JSON-LD is data, not script: the strict CSP has nothing to block.
    expect(page.locator('script[type="application/ld+json"]')).to_have_count(2)
    assert not [text for text in problems if "Content Security Policy" in text], problems
