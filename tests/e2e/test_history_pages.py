"""The history, its comparison and a restored version's form work in the browser,
offline, with the language tabs."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import fill_in_tab, log_in, save_in_admin, watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_compares_two_versions_and_restores_the_older(editor, page, about):
    problems = watch(page, editor.url)
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/pages/page/{about.pk}/change/")
    fill_in_tab(page, "title", "en", "About us, renamed")
    save_in_admin(page)

    page.goto(f"{editor.url}/admin/pages/page/{about.pk}/history/")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("caption", has_text="English")).to_be_visible()
    expect(page.locator("ins")).to_have_text("us, renamed")

    page.get_by_role("link", name="Back to the history").click()
    page.locator("#change-history tbody th a").last.click()
    expect(page.locator(".ui-tabs-nav").first).to_be_visible()
    page.locator('li[aria-controls="tab_id_title_en"]').first.click()
    expect(page.locator("#id_title_en")).to_have_value(about.title_en)
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    about.refresh_from_db()
    assert about.title_en != "About us, renamed"
    assert problems == []
