"""An editor edits a page in the admin, one language tab at a time, offline."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.helpers import fill_in_tab, log_in, requests_elsewhere
from tests.factories import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_page_admin_shows_one_tab_per_language(editor, page, about):
    external = requests_elsewhere(page, editor.url)
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/pages/page/{about.pk}/change/")
    tabs = page.locator(".ui-tabs-nav").first.locator("li")
    expect(tabs).to_have_count(len(LANGUAGES))
    # As the editor reads them: the stylesheet writes the codes in capitals.
    expect(tabs).to_have_text([code.upper() for code in LANGUAGES], use_inner_text=True)
    # Only one language's field shows at a time; its tab brings the next one.
    tabs.nth(0).click()
    expect(page.locator("#id_title_nl")).to_be_visible()
    expect(page.locator("#id_title_fr")).to_be_hidden()
    tabs.nth(1).click()
    expect(page.locator("#id_title_fr")).to_be_visible()
    expect(page.locator("#id_title_nl")).to_be_hidden()
    expect(page.locator("#id_title_fr")).to_have_value("À propos de City Mine(d)")
    assert external == []


def test_the_tabs_open_on_the_language_last_used_also_after_saving(editor, page, about):
    log_in(page, editor.url)
    form = f"{editor.url}/admin/pages/page/{about.pk}/change/"
    page.goto(form)
    page.locator('li[aria-controls="tab_id_title_fr"]').click()
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    # Every field opens in French now, on this form and on other pages'.
    expect(page.locator("#id_title_fr")).to_be_visible()
    expect(page.locator("#id_description_fr")).to_be_visible()
    page.goto(f"{editor.url}/admin/pages/page/add/")
    expect(page.locator("#id_title_fr")).to_be_visible()
    expect(page.locator("#id_title_nl")).to_be_hidden()


def test_an_error_in_another_tab_wins_over_the_language_last_used(editor, page, about):
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/pages/page/add/")
    fill_in_tab(page, "slug", "nl", "over-ons")  # the About page's Dutch address
    fill_in_tab(page, "title", "fr", "Gazette")
    fill_in_tab(page, "slug", "fr", "gazette")
    page.locator("input[name=_save]").first.click()
    # The slug opens on its error, in Dutch; the other fields on French, used last.
    expect(page.locator("#id_slug_nl")).to_be_focused()
    expect(page.locator("#id_title_fr")).to_be_visible()
    expect(page.locator("#id_title_nl")).to_be_hidden()


def test_the_switch_says_the_shown_language_and_the_default_one_is_remembered(editor, page, about):
    """Issue 21: the top switch read the default language while every tab showed the
    admin's, and after saving on the default language the form reopened on the admin's."""
    default = settings.LANGUAGE_CODE
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/pages/page/{about.pk}/change/")
    switch = page.locator("#modeltranslation-main-switch")
    shown = [code for code in LANGUAGES if page.locator(f"#id_title_{code}").is_visible()]
    assert len(shown) == 1 and shown[0] != default  # the admin's language, not the default
    expect(switch.locator("option:checked")).to_have_text(shown[0])

    page.locator(f'li[aria-controls="tab_id_title_{default}"]').click()
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator(f"#id_title_{default}")).to_be_visible()
    expect(page.locator(f"#id_description_{default}")).to_be_visible()
    expect(page.locator(f"#id_title_{shown[0]}")).to_be_hidden()
    expect(switch.locator("option:checked")).to_have_text(default)
