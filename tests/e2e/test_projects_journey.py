"""A visitor filters the projects by theme, opens one, and reads it in French."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_filters_by_theme_opens_a_project_and_switches_language(
    live_server, site_content, page, artifacts
):
    problems = []
    # Only the favicon is not ours to serve (yet).
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico")
            else None
        ),
    )
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and problems.append(message.text),
    )
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(live_server.url) or request.url.startswith("data:")
            else problems.append(request.url)
        ),
    )

    page.goto(f"{live_server.url}/en/projects/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects")
    page.locator(".filters").get_by_role("link", name=re.compile(r"^Environment")).click()

    expect(page).to_have_url(re.compile(r"/en/projects/\?theme=environment$"))
    cards = page.locator(".card-grid .card h3")
    expect(cards).to_have_text(["La Pile", "Friche Eggevoort"])
    expect(page.locator(".filters [aria-current=true]")).to_contain_text("Environment")

    cards.get_by_role("link", name="Friche Eggevoort").click()
    expect(page).to_have_url(f"{live_server.url}/en/projects/friche-eggevoort/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Friche Eggevoort")
    expect(page.locator(".project-cover img")).to_have_js_property("complete", True)
    # The resized cover really loaded: the browser chose one of the renditions.
    assert page.locator(".project-cover img").evaluate("img => img.naturalWidth") > 0

    page.locator(".language-switcher").get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{live_server.url}/fr/projets/friche-eggevoort/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".lead").first).to_have_text(
        "Un terrain vague sous le Parlement européen, géré comme un bien commun."
    )
    expect(page.locator(".funder-strip")).to_contain_text("Ville de Bruxelles")
    page.screenshot(path=artifacts / "project-fr.png", full_page=True)
    assert problems == []
