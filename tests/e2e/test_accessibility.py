"""axe-core finds no accessibility violation on the site's main pages, in every
language, in both colour schemes and on a phone."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.axe import COLOUR_RULES, violations
from tests.e2e.helpers import requests_elsewhere
from tests.factories import LANGUAGES, add_gallery

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A small Android phone and today's common iPhone width.
PHONES = [{"width": 360, "height": 740}, {"width": 390, "height": 844}]
DESKTOP = {"width": 1280, "height": 720}


def _page_path(slug_en):
    from pages.models import Page

    return Page.objects.get(slug_en=slug_en).get_absolute_url()


def _project_path(slug_en):
    from projects.models import Project

    return Project.objects.get(slug_en=slug_en).get_absolute_url()


def _news_path(slug_en):
    from news.models import News

    return News.objects.get(slug_en=slug_en).get_absolute_url()


def _event_path(slug_en):
    from events.models import Event

    return Event.objects.get(slug_en=slug_en).get_absolute_url()


def _news_year():
    from news.models import News

    return News.objects.published().latest("published_at").published_at.year


def _past_event_year():
    from events.models import Event

    return Event.objects.past().first().starts_at.year


def _search_path(words):
    return f"{reverse('search:results')}?q={words}"


# Each entry gives a page's path in the active language. Add pages here as they come.
PAGES = {
    "home": lambda: reverse("pages:home"),
    "about": lambda: _page_path("about"),
    "how-we-work": lambda: _page_path("how-we-work"),
    "projects": lambda: reverse("projects:list"),
    "projects-filtered": lambda: reverse("projects:list") + "?theme=environment",
    # With its picture gallery (see add_pages_content) and four funders.
    "project": lambda: _project_path("la-pile"),
    # No French text: in French it shows the English one under a notice.
    "project-untranslated": lambda: _project_path("micronomics"),
    "supporters": lambda: reverse("supporters"),
    # The project's name is the same in every language, so each finds it.
    "search": lambda: _search_path("Eggevoort"),
    "search-nothing": lambda: _search_path("zzyzx"),
    "404": lambda: reverse("pages:detail", kwargs={"slug": "no-such-page"}),
    # News and events made by seed_news and seed_events (see add_pages_content).
    "news": lambda: reverse("news:list"),
    "news-item": lambda: _news_path("sample-news-0-en"),
    "news-year": lambda: reverse("news:year", args=[_news_year()]),
    "events": lambda: reverse("events:list"),
    "events-past": lambda: reverse("events:archive"),
    "events-year": lambda: reverse("events:year", args=[_past_event_year()]),
    "event": lambda: _event_path("sample-event-0-en"),
}


def add_pages_content():
    """What the listed pages show beyond the initial content: La Pile's gallery, and a
    few news items and events."""
    from projects.models import Project

    add_gallery(Project.objects.get(slug_en="la-pile"))
    call_command("seed_news", "3", stdout=StringIO())
    call_command("seed_events", "4", stdout=StringIO())


@pytest.fixture
def pages_content(site_content):
    add_pages_content()


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations(live_server, pages_content, page, name):
    outside = requests_elsewhere(page, live_server.url)
    found = {}
    # One test per page, its languages in turn: the content is loaded once.
    for language in LANGUAGES:
        with translation.override(language):
            path = PAGES[name]()
        page.set_viewport_size(DESKTOP)
        page.emulate_media(color_scheme="light")
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        found[path, "light"] = violations(page)
        # With the visitor's system in dark mode only the colours change.
        page.emulate_media(color_scheme="dark")
        found[path, "dark"] = violations(page, COLOUR_RULES)
        # On a phone the layout, the tap targets and what is shown change.
        page.emulate_media(color_scheme="light")
        for phone in PHONES:
            page.set_viewport_size(phone)
            found[path, f"phone {phone['width']}px"] = violations(page)
    assert {where: rules for where, rules in found.items() if rules} == {}
    assert outside == [], "every font, icon and script comes from the site itself"
