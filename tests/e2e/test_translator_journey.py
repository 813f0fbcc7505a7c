"""A French translator, who may only look at the content and translate into French,
goes from the translations dashboard to a project whose French is out of date,
translates it beside the Dutch source, and finds the French page complete."""

import pytest
from playwright.sync_api import expect

from content.models import url_in
from tests.e2e.axe import violations
from tests.e2e.helpers import log_in, save_screenshots, watch
from tests.factories import LANGUAGES, make_project, make_translator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOURCE, TARGET = LANGUAGES[:2]


@pytest.fixture
def stale_project(live_server, site_content):
    """Published with its French text missing, then its Dutch title rewritten."""
    project = make_project("kanaal", **{f"title_{SOURCE}": "Kanaal", f"body_{TARGET}": ""})
    setattr(project, f"title_{SOURCE}", "Kanaal van Brussel")
    project.save()
    return project


def test_a_french_translator_brings_a_stale_project_up_to_date(
    page, live_server, stale_project, artifacts
):
    base = live_server.url
    make_translator(TARGET)
    french_page = f"{base}{url_in(stale_project, TARGET)}"
    page.goto(french_page)
    expect(page.locator(".fallback-notice")).to_have_count(1)

    problems = watch(page, base)
    log_in(page, base, "traductrice")
    page.locator(".translations-link a").click()
    expect(page.locator("table.translation-matrix")).to_be_visible()
    assert violations(page) == []
    save_screenshots(page, artifacts, "translations-dashboard")
    projects_row = page.locator('tr[data-model="projects.project"]')
    projects_row.locator(f'td[data-language="{TARGET}"] li.stale a').click()

    # The Dutch source stands beside the French field, with what changed in it.
    title_row = page.locator("section.translate-row", has=page.locator(f"#id_title_{TARGET}"))
    expect(title_row.locator(f'.translate-source-text[lang="{SOURCE}"]')).to_have_text(
        "Kanaal van Brussel"
    )
    expect(title_row.locator(".translate-changes ins")).to_have_text("van Brussel")
    # The text paragraph by paragraph, each beside its own box.
    segment = page.locator(".translate-segment").first
    expect(segment.locator(f'.translate-source-text[lang="{SOURCE}"]')).to_contain_text(
        "kanaal: text in nl."
    )
    assert violations(page) == []
    save_screenshots(page, artifacts, "translate-view")
    page.fill(f"#id_title_{TARGET}", "Canal de Bruxelles")
    page.fill(f"#id_body_{TARGET}-1", "Le canal relie les quartiers.")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(title_row.locator(".translation-status.complete")).to_be_visible()

    page.goto(french_page)
    expect(page.locator("h1")).to_have_text("Canal de Bruxelles")
    expect(page.locator("main")).to_contain_text("Le canal relie les quartiers.")
    expect(page.locator(".fallback-notice")).to_have_count(0)
    assert problems == []


def test_the_lists_status_column_reads_at_a_laptops_and_a_phones_width(
    editor, page, stale_project, artifacts
):
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/projects/project/")
    save_screenshots(page, artifacts, "project-list-translations")
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        badge = page.locator('tr:has-text("kanaal") a.translation-status.missing')
        expect(badge).to_be_visible()
        box = badge.bounding_box()
        assert box["x"] >= 0
        # Beside the title, in view without scrolling sideways.
        assert box["x"] + box["width"] <= width
    save_screenshots(page, artifacts, "project-list-translations")
