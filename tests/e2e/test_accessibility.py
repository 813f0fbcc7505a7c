"""axe-core finds no accessibility violation on the site's main pages, in every
language, in both colour schemes and on a phone."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.e2e.axe import violations
from tests.e2e.conftest import requests_elsewhere

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def _page_path(slug_en):
    from pages.models import Page

    return Page.objects.get(slug_en=slug_en).get_absolute_url()


# Each entry gives a page's path in the active language. Add pages here as they come.
PAGES = {
    "home": lambda: reverse("pages:home"),
    "about": lambda: _page_path("about"),
    "how-we-work": lambda: _page_path("how-we-work"),
    "projects": lambda: reverse("projects:list"),
    "404": lambda: reverse("pages:detail", kwargs={"slug": "no-such-page"}),
}


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations(live_server, site_content, page, name, language):
    with translation.override(language):
        path = PAGES[name]()
    outside = requests_elsewhere(page, live_server.url)
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == language
    assert violations(page) == []
    # The same page with the visitor's system in dark mode: the colours change.
    page.emulate_media(color_scheme="dark")
    assert violations(page) == []
    # And on a phone, where the layout and the tap targets change.
    page.emulate_media(color_scheme="light")
    page.set_viewport_size(PHONE)
    assert violations(page) == []
    assert outside == [], "every font, icon and script comes from the site itself"
