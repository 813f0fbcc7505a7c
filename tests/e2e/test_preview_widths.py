"""The admin's preview shows a page as visitors will see it, at full width or at a
phone's 390 px, with a toggle the keyboard reaches and a screen reader hears."""

import pytest
from playwright.sync_api import expect

from pages.models import Page
from tests.e2e.helpers import log_in, watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_preview_narrows_to_a_phones_width_with_the_keyboard(editor, new_tab):
    draft = Page.objects.get(slug_en="about")
    draft.status = Page.Status.DRAFT
    draft.save()
    tab = new_tab(locale="en", viewport={"width": 1280, "height": 900})
    log_in(tab, editor.url)
    problems = watch(tab, editor.url)
    tab.goto(f"{editor.url}/admin/pages/page/{draft.pk}/change/")
    tab.get_by_role("link", name="Preview", exact=True).click()

    frame = tab.locator("iframe#preview-frame")
    page_in_frame = tab.frame_locator("iframe#preview-frame")
    expect(page_in_frame.locator(".preview-banner")).to_contain_text("not published")
    toggle = tab.get_by_role("button", name="Phone width (390 px)")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert frame.bounding_box()["width"] > 390

    toggle.focus()
    tab.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(frame).to_have_js_property("clientWidth", 390)
    # The page inside answers as on a phone: its own media queries see 390 px.
    assert page_in_frame.locator("html").evaluate("() => window.innerWidth") <= 390

    tab.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(frame).not_to_have_js_property("clientWidth", 390)
    assert problems == []
