"""Two editors in two browsers edit the same page: the later save is refused with what
was typed kept, and goes through once saved again, keeping both people's work."""

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.helpers import fill_in_tab, log_in, save_in_admin, type_rich_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_later_save_is_refused_with_input_kept_then_saved(editor, new_tab, django_user_model):
    from pages.models import Page

    django_user_model.objects.create_superuser("colleague", "c@example.org", "a-long-passphrase")
    page = Page.objects.get(slug_en="how-we-work")
    url = f"{editor.url}/admin/pages/page/{page.pk}/change/"
    first, second = new_tab(locale="en-GB"), new_tab(locale="en-GB")
    log_in(first, editor.url)
    log_in(second, editor.url, "colleague")
    first.goto(url)
    second.goto(url)

    type_rich_text(first, "body", "nl", " Een nieuwe zin.")
    save_in_admin(first)
    # The editor's own HTML for the untouched texts is no change.
    with translation.override("en"):
        assert LogEntry.objects.latest("pk").get_change_message() == "Changed Text [nl]."

    fill_in_tab(second, "title", "en", "How we work together")
    second.locator("input[name=_save]").first.click()
    refusal = second.locator(".errorlist.nonfield")
    expect(refusal).to_contain_text("editor saved this page on")
    expect(refusal).to_contain_text("Dutch: Text")
    expect(second.locator("#id_title_en")).to_have_value("How we work together")

    save_in_admin(second)
    page.refresh_from_db()
    assert page.title_en == "How we work together"
    assert "Een nieuwe zin." in page.body_nl
