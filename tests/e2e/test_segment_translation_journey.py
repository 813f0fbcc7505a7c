"""An editor translates one paragraph of About into French on the translate screen, beside
its Dutch source, and the French page shows it with every other paragraph still there,
in the fallback language, each marked with its `lang`, under the notice."""

import re

import pytest
from playwright.sync_api import expect

from content.models import fallback_chain, url_in
from content.segments import split
from pages.models import Page
from tests.e2e.axe import violations
from tests.e2e.helpers import log_in, save_screenshots, watch
from tests.factories import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOURCE, TARGET = LANGUAGES[:2]
FALLBACK = fallback_chain(TARGET)[1]


def test_one_translated_paragraph_of_about_keeps_the_rest_in_the_fallback(editor, page, artifacts):
    base = editor.url
    about = Page.objects.get(slug_en="about")
    segments = len(split(getattr(about, f"body_{SOURCE}")).contents())
    problems = watch(page, base)
    log_in(page, base)
    page.goto(f"{base}/admin/pages/page/{about.pk}/change/")
    page.locator(".translate-link", has_text="Translate into French").click()

    # The source, paragraph by paragraph, each beside its own box.
    boxes = page.locator(f"textarea[name^='body_{TARGET}-']")
    expect(boxes).to_have_count(segments)
    second = page.locator(".translate-segment").nth(1)
    expect(second.locator(f'.translate-source-text[lang="{SOURCE}"]')).to_contain_text(
        split(getattr(about, f"body_{SOURCE}")).contents()[1][:30]
    )
    assert violations(page) == []
    # Usable on a phone: nothing wider than the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    save_screenshots(page, artifacts, "translate-segments")

    page.fill(f"#id_title_{TARGET}", "À propos")
    second.locator("textarea").fill("Le but de City Mine(d) : l’affaire de tous.")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    # Not "complete": the segments done, of all there are.
    expect(page.locator(".translate-summary strong")).to_have_text(re.compile(r"^\d+ of \d+$"))
    assert violations(page) == []

    page.goto(f"{base}{url_in(Page.objects.get(pk=about.pk), TARGET)}")
    main = page.locator("main")
    expect(main.locator("p", has_text="l’affaire de tous")).to_have_count(1)
    expect(main.locator(f".fallback [lang={FALLBACK}]")).to_have_count(segments - 1)
    expect(main.locator(".fallback-notice")).to_have_count(1)
    # Each segment's language is one a screen reader can pronounce.
    assert violations(page) == []
    save_screenshots(page, artifacts, "about-french-in-part")
    assert problems == []
