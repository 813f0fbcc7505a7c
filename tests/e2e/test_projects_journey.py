"""Visitors find a project through the list's filters, look at its pictures and reach
its funders, on a laptop and on a phone; an editor translates a project in the admin."""

import re

import pytest
from playwright.sync_api import expect

from projects.models import Project
from tests.e2e.helpers import (
    fill_in_tab,
    log_in,
    save_in_admin,
    save_screenshots,
    shows_french_translation,
    type_rich_text,
    watch,
)
from tests.factories import GALLERY, add_gallery

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def site(live_server, site_content):
    """The initial content, with pictures in La Pile's gallery."""
    add_gallery(Project.objects.get(slug_en="la-pile"))
    return live_server.url


def expect_loaded(pictures):
    """Every picture really loaded: the browser chose and drew one of its renditions."""
    for picture in pictures.all():
        picture.scroll_into_view_if_needed()
        expect(picture).to_have_js_property("complete", True)
        assert picture.evaluate("img => img.naturalWidth") > 0


def test_visitor_filters_the_projects_opens_one_sees_its_pictures_and_its_funders(
    site, page, artifacts
):
    problems = watch(page, site)
    page.goto(f"{site}/en/projects/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects")
    filters = page.get_by_role("navigation", name="Filter the projects")
    cards = page.locator(".card-grid .card h3")

    filters.get_by_role("link", name=re.compile(r"^Environment")).click()
    expect(page).to_have_url(f"{site}/en/projects/?theme=environment")
    expect(cards).to_have_text(["La Pile", "Friche Eggevoort"])
    filters.get_by_role("link", name=re.compile(r"^Ongoing")).click()
    expect(page).to_have_url(f"{site}/en/projects/?theme=environment&period=ongoing")
    expect(cards).to_have_text(["La Pile"])
    # The chosen filters say so to everyone, and one link clears them all.
    expect(filters.locator("[aria-current=true]")).to_have_text(
        [re.compile(r"^Environment \(1\)"), re.compile(r"^Ongoing \(1\)")]
    )
    expect(filters.get_by_role("link", name="Clear all filters")).to_have_attribute(
        "href", "/en/projects/"
    )
    save_screenshots(page, artifacts, "projects-filtered-en")

    cards.get_by_role("link", name="La Pile").click()
    expect(page).to_have_url(f"{site}/en/projects/la-pile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("La Pile")
    expect_loaded(page.locator(".project-cover img"))
    gallery = page.get_by_role("region", name="Pictures")
    expect(gallery.get_by_role("img")).to_have_count(len(GALLERY))
    expect(gallery.get_by_role("img").first).to_have_accessible_name(GALLERY[0]["alt_en"])
    expect(gallery.locator("figcaption")).to_have_text(
        [GALLERY[0]["caption_en"], GALLERY[1]["caption_en"]]
    )
    expect_loaded(gallery.get_by_role("img"))
    save_screenshots(page, artifacts, "project-gallery-en")

    # The funder's own site is one click away (not followed: this machine is offline).
    funders = page.get_by_role("region", name="Partners and funders")
    expect(funders.get_by_role("link", name="City of Brussels")).to_have_attribute(
        "href", "https://www.brussels.be/"
    )
    expect(funders).to_contain_text("With the support of the City of Brussels.")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{site}/fr/projets/la-pile/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("region", name="Images").locator("figcaption").first).to_have_text(
        GALLERY[0]["caption_fr"]
    )
    funders = page.get_by_role("region", name="Partenaires et bailleurs de fonds")
    expect(funders.get_by_role("link", name="Ville de Bruxelles")).to_have_attribute(
        "href", "https://www.brussels.be/"
    )
    assert problems == []


def test_on_a_phone_visitor_goes_from_the_menu_to_a_project_and_its_funders(
    new_tab, site, artifacts
):
    tab = new_tab(viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-BE")
    problems = watch(tab, site)
    tab.goto(f"{site}/nl/")
    tab.get_by_role("button", name="Menu").tap()
    tab.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Projecten").tap()
    expect(tab).to_have_url(f"{site}/nl/projecten/")

    filters = tab.get_by_role("navigation", name="Projecten filteren")
    filters.get_by_role("link", name=re.compile(r"^Technologie")).tap()
    expect(tab).to_have_url(f"{site}/nl/projecten/?theme=technology")
    cards = tab.locator(".card-grid .card h3")
    expect(cards).to_have_text(["La Pile"])
    # Long Dutch labels and the chips wrap: nothing sticks out sideways.
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    cards.get_by_role("link", name="La Pile").tap()
    expect(tab).to_have_url(f"{site}/nl/projecten/la-pile/")
    gallery = tab.get_by_role("region", name="Beelden")
    expect(gallery.locator("figcaption")).to_have_text(
        [GALLERY[0]["caption_nl"], GALLERY[1]["caption_nl"]]
    )
    expect_loaded(gallery.get_by_role("img"))
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    save_screenshots(tab, artifacts, "project-phone-nl")

    # Its funders, thanked once on its page, link to their own sites; the footer's
    # strip does not list them again.
    credits = tab.get_by_role("region", name="Partners en financiers")
    expect(credits.get_by_role("link", name="Stad Brussel")).to_have_attribute(
        "href", "https://www.brussels.be/"
    )
    expect(tab.get_by_role("region", name="Met de financiële steun van")).to_have_count(0)

    # Elsewhere the footer's funders, under their logos, link to their own sites.
    tab.goto(f"{site}/nl/")
    strip = tab.get_by_role("region", name="Met de financiële steun van")
    expect(strip.get_by_role("link", name="Stad Brussel")).to_have_attribute(
        "href", "https://www.brussels.be/"
    )
    strip.get_by_role("link", name="Al onze partners en financiers").tap()
    expect(tab).to_have_url(f"{site}/nl/steun/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Steun")
    assert problems == []


def test_editor_translates_a_project_in_the_three_language_tabs_and_sees_it_on_the_site(
    editor, page, artifacts
):
    site = editor.url
    micronomics = Project.objects.get(slug_en="micronomics")
    page.goto(f"{site}/fr/projets/micronomics/")
    expect(page.locator(".fallback-notice").first).to_be_visible()

    log_in(page, site)
    page.goto(f"{site}/admin/projects/project/{micronomics.pk}/change/")
    teasers = {
        "nl": "De economie van de stad, van onderuit bekeken.",
        "fr": "L'économie de la ville, vue d'en bas.",
        "en": "The city's economy, seen from the bottom up.",
    }
    for code, teaser in teasers.items():
        fill_in_tab(page, "teaser", code, teaser)
    # French had no text at all: a title, its address and a body.
    fill_in_tab(page, "title", "fr", "Micronomics")
    fill_in_tab(page, "slug", "fr", "micronomics")
    type_rich_text(
        page, "body", "fr", "Micronomics a regardé l'économie de la ville à partir de la rue."
    )
    save_screenshots(page, artifacts, "admin-project-fr-tab")
    save_in_admin(page)

    paths = {
        "nl": "/nl/projecten/micronomics/",
        "fr": "/fr/projets/micronomics/",
        "en": "/en/projects/micronomics/",
    }
    shows_french_translation(page, site, paths, ".lead", teasers, "à partir de la rue")
    save_screenshots(page, artifacts, "project-translated")
