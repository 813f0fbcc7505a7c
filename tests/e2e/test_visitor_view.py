"""What a visitor sees, at a phone's, a tablet's and a laptop's width: a section's
sub-pages in a clear place, a search box that says what it is for, and the home page's
featured projects filling their row. Screenshots of each go to the test artifacts."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import save_screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 768, 1280)


@pytest.fixture
def site(live_server, site_content):
    return live_server.url


@pytest.mark.parametrize("width", WIDTHS)
def test_a_sub_page_is_found_in_its_section_not_as_a_stray_menu_line(new_tab, site, width):
    tab = new_tab(viewport={"width": width, "height": 900}, locale="fr-BE")
    tab.goto(f"{site}/fr/a-propos/")
    section = tab.get_by_role("navigation", name="Dans cette rubrique")
    expect(section.get_by_role("link", name="Notre méthode")).to_be_visible()
    expect(section.get_by_role("link", name="À propos de City Mine(d)")).to_have_attribute(
        "aria-current", "page"
    )
    menu = tab.get_by_role("navigation", name="Menu principal")
    toggle = tab.get_by_role("button", name="Menu")
    if toggle.is_visible():
        # On a phone the opened menu lists it under its parent, indented.
        toggle.click()
        parent = menu.get_by_role("link", name="À propos de City Mine(d)").bounding_box()
        child = menu.get_by_role("link", name="Notre méthode").bounding_box()
        assert child["x"] > parent["x"] and child["y"] > parent["y"]
    else:
        # On a wide screen the header lists the top pages only.
        expect(menu.get_by_role("link", name="Notre méthode")).to_be_hidden()
    tab.get_by_role("navigation", name="Dans cette rubrique").get_by_role(
        "link", name="Notre méthode"
    ).click()
    expect(tab).to_have_url(f"{site}/fr/methode/")
    # The menu (folded away on a phone) marks the section being read.
    expect(tab.locator('.main-nav a[href="/fr/a-propos/"]')).to_have_attribute(
        "aria-current", "true"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_box_shows_what_it_is_for(new_tab, site, width):
    tab = new_tab(viewport={"width": width, "height": 900}, locale="fr-BE")
    tab.goto(f"{site}/fr/")
    field = tab.get_by_role("searchbox", name="Rechercher sur le site")
    expect(field).to_be_visible()
    expect(field).to_have_attribute("placeholder", "Projets, pages…")
    # The whole placeholder fits in the field.
    assert field.evaluate("f => f.scrollWidth <= f.clientWidth")


def test_two_featured_projects_fill_their_row(new_tab, site):
    tab = new_tab(viewport={"width": 1280, "height": 900}, locale="fr-BE")
    tab.goto(f"{site}/fr/")
    grid = tab.locator("#featured-title + .card-grid")
    cards = grid.locator(":scope > li")
    expect(cards).to_have_count(2)
    row = grid.bounding_box()
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first["y"] == second["y"]
    assert second["x"] + second["width"] == pytest.approx(row["x"] + row["width"], abs=1)


def test_screenshots_of_the_pages_a_visitor_reads(new_tab, site, artifacts):
    tab = new_tab(viewport={"width": 1280, "height": 900}, locale="fr-BE")
    for name, path in [
        ("home", "/fr/"),
        ("section", "/fr/methode/"),
        ("project-funders", "/fr/projets/la-pile/"),
        ("supporters", "/fr/soutiens/"),
    ]:
        tab.goto(f"{site}{path}")
        save_screenshots(tab, artifacts, f"visitor-{name}-fr")
    for width in WIDTHS:
        assert (artifacts / f"visitor-home-fr-{width}.png").exists()
