"""An editor whose save is refused sees where, even when the field is in another tab."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import fill_in_tab, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_error_in_a_hidden_language_tab_is_shown(editor, page, about):
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/pages/page/add/")
    fill_in_tab(page, "title", "nl", "Nieuwsbrief")
    fill_in_tab(page, "slug", "nl", "over-ons")  # the About page's Dutch address
    fill_in_tab(page, "title", "en", "Newsletter")
    fill_in_tab(page, "slug", "en", "newsletter")
    page.locator("input[name=_save]").first.click()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Slug (Dutch): Another page already uses this address.")
    # The form opens on the Dutch tab, marked, with the field in focus.
    expect(page.locator("a.has-error")).to_have_count(1)
    marked = page.locator('[aria-controls="tab_id_slug_nl"]')
    expect(marked.locator("a.has-error")).to_contain_text("nl (contains an error)")
    # A screen reader hears it in the tab's name.
    expect(marked).to_have_attribute("aria-label", "Dutch (contains an error)")
    expect(page.locator("#id_slug_nl")).to_be_visible()
    expect(page.locator("#id_slug_nl")).to_be_focused()
    # What was typed in the other tab is still there.
    expect(page.locator("#id_title_en")).to_have_value("Newsletter")
