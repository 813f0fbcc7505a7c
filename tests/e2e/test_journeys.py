"""What visitors and editors do on the site, walked through in Chromium.

Each journey saves screenshots at three widths into the test artifacts."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import violations
from tests.e2e.helpers import (
    fill_in_tab,
    log_in,
    requests_elsewhere,
    save_in_admin,
    save_screenshots,
    shows_french_translation,
    type_rich_text,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def site(live_server, site_content):
    return live_server.url


def test_french_visitor_reads_about_in_english_then_switches_to_dutch(new_tab, site, artifacts):
    tab = new_tab(locale="fr-BE")
    elsewhere = requests_elsewhere(tab, site)

    tab.goto(f"{site}/")
    expect(tab).to_have_url(f"{site}/fr/")
    expect(tab.locator("html")).to_have_attribute("lang", "fr")
    save_screenshots(tab, artifacts, "home-fr")

    tab.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="À propos de City Mine(d)"
    ).click()
    expect(tab).to_have_url(f"{site}/fr/a-propos/")
    # No French text yet: the English one, marked as such, under a visible notice.
    notice = tab.locator(".fallback-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Traduction en cours")
    expect(notice).to_contain_text("anglais")
    expect(tab.locator(".fallback")).to_have_attribute("lang", "en")
    save_screenshots(tab, artifacts, "about-fr-fallback")

    tab.get_by_role("navigation", name="Langue").get_by_role("link", name="Nederlands").click()
    expect(tab).to_have_url(f"{site}/nl/over-ons/")
    expect(tab.locator("html")).to_have_attribute("lang", "nl")
    expect(tab.locator("h1")).to_have_text("Over City Mine(d)")
    expect(tab.locator(".fallback-notice")).to_have_count(0)

    # Back at the site's address, Dutch is remembered over the browser's French.
    tab.goto(f"{site}/")
    expect(tab).to_have_url(f"{site}/nl/")
    assert elsewhere == []


def test_on_a_phone_the_menu_opens_and_closes_from_its_button(new_tab, site, artifacts):
    tab = new_tab(viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-BE")
    tab.goto(f"{site}/nl/")
    toggle = tab.get_by_role("button", name="Menu")
    menu_link = tab.get_by_role("link", name="Onze werkwijze")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu_link).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu_link).to_be_visible()
    assert violations(tab) == []
    tab.screenshot(path=artifacts / "menu-open-360.png")

    # From the keyboard: Escape closes it and leaves focus on the button.
    tab.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    tab.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    tab.keyboard.press("Tab")
    expect(tab.get_by_role("link", name="Over City Mine(d)")).to_be_focused()

    menu_link.click()
    expect(tab).to_have_url(f"{site}/nl/werkwijze/")
    expect(tab.locator("h1")).to_have_text("Onze werkwijze")
    save_screenshots(tab, artifacts, "how-we-work-nl")


def test_without_javascript_the_phone_menu_is_simply_shown(new_tab, site):
    tab = new_tab(viewport=PHONE, java_script_enabled=False)
    tab.goto(f"{site}/en/")
    expect(tab.get_by_role("button", name="Menu")).to_be_hidden()
    expect(tab.get_by_role("link", name="How we work")).to_be_visible()


def test_keyboard_users_can_skip_to_the_content(new_tab, site):
    tab = new_tab()
    tab.goto(f"{site}/en/about/")
    tab.keyboard.press("Tab")
    skip = tab.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    tab.keyboard.press("Enter")
    expect(tab.locator("main")).to_be_focused()


def test_editor_translates_a_page_in_the_language_tabs_and_sees_it_on_the_site(
    editor, page, about, artifacts
):
    site = editor.url
    log_in(page, site)
    page.goto(f"{site}/admin/pages/page/{about.pk}/change/")
    titles = {"nl": "Over ons, vernieuwd", "fr": "À propos, revu", "en": "About us, revised"}
    for code, title in titles.items():
        fill_in_tab(page, "title", code, title)
    type_rich_text(
        page, "body", "fr", "City Mine(d) rend le développement urbain l'affaire de tous."
    )
    save_screenshots(page, artifacts, "admin-page-fr-tab")
    save_in_admin(page)

    paths = {"nl": "/nl/over-ons/", "fr": "/fr/a-propos/", "en": "/en/about/"}
    shows_french_translation(page, site, paths, "h1", titles, "l'affaire de tous")
    save_screenshots(page, artifacts, "about-translated")
