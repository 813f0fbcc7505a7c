"""The text editor as staff use it: linking to the site's own pages through the link
dialog, and pasting from Word or Google Docs."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pages.models import Page
from tests.e2e.axe import violations
from tests.e2e.helpers import fill_in_tab, log_in, save_in_admin, save_screenshots, watch
from tests.factories import LANGUAGES, make_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILES = Path(__file__).resolve().parent.parent / "files"


def editor_area(tab, field, language):
    tab.locator(f'li[aria-controls="tab_id_{field}_{language}"]').click()
    area = tab.locator(f"#tab_id_{field}_{language} [contenteditable=true]")
    area.click()
    return area


def test_a_link_chosen_by_title_keeps_leading_to_the_page_after_it_is_renamed(
    editor, page, artifacts
):
    target = make_page("workshops")
    source = make_page("programme")
    # Script errors and whatever the admin's Content-Security-Policy blocks.
    problems = watch(page, editor.url)
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/pages/page/{source.pk}/change/")
    area = editor_area(page, "body", "nl")
    page.keyboard.press("ControlOrMeta+a")
    page.locator("#tab_id_body_nl").get_by_role("button", name="insert link").click()

    dialog = page.get_by_role("dialog", name="Link")
    expect(dialog).to_be_visible()
    # Found by its English title, from the keyboard.
    dialog.get_by_role("searchbox", name="Find a page or project").fill("workshops EN")
    result = dialog.get_by_role("button", name="workshops")
    expect(result).to_be_visible()
    dialog.screenshot(path=artifacts / "link-dialog.png")
    assert violations(page, within="dialog[open]") == []
    page.keyboard.press("ArrowDown")
    expect(result).to_be_focused()
    page.keyboard.press("Enter")
    # The Dutch text links to the Dutch address.
    expect(dialog.get_by_label("Address (URL)")).to_have_value("/nl/workshops/")
    expect(dialog.get_by_role("button", name="Insert link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(area.locator("a")).to_have_attribute("href", "/nl/workshops/")
    save_in_admin(page)

    # The page it links to gets another Dutch address.
    page.goto(f"{editor.url}/admin/pages/page/{target.pk}/change/")
    fill_in_tab(page, "slug", "nl", "werkplaatsen")
    save_in_admin(page)

    page.goto(f"{editor.url}/nl/programme/")
    link = page.locator(".rich-text a", has_text="programme")
    expect(link).to_have_attribute("href", "/nl/workshops/")
    link.click()
    expect(page).to_have_url(f"{editor.url}/nl/werkplaatsen/")
    expect(page.locator("h1")).to_have_text("workshops NL")
    assert problems == []


class Tags(HTMLParser):
    """The tags and attributes of stored HTML."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attributes = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _value in attrs]


PASTE = """([html]) => {
    const area = document.querySelector("#tab_id_body_nl [contenteditable=true]")
    const data = new DataTransfer()
    data.setData("text/html", html)
    data.setData("text/plain", "pasted")
    area.dispatchEvent(new ClipboardEvent("paste", {
        clipboardData: data, bubbles: true, cancelable: true,
    }))
}"""


@pytest.mark.parametrize("fragment", ["word-fragment.html", "google-docs-fragment.html"])
def test_pasting_from_a_word_processor_keeps_structure_and_drops_styles(
    editor, page, fragment, artifacts
):
    item = make_page("workshops")
    html = (FILES / fragment).read_text(encoding="utf-8")
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/pages/page/{item.pk}/change/")
    area = editor_area(page, "body", "nl")
    page.keyboard.press("ControlOrMeta+a")
    page.evaluate(PASTE, [html])
    expect(area.locator("table td").first).to_be_visible()
    save_in_admin(page)

    stored = Page.objects.get(pk=item.pk).body_nl
    tags = Tags(stored)
    for tag in ("h2", "h3", "ul", "ol", "li", "a", "strong", "em", "table", "tr", "td"):
        assert tag in tags.tags, f"no <{tag}> in {stored}"
    # Only the editor's own attributes: addresses, merged cells, a numbered list's style.
    assert set(tags.attributes) <= {"href", "colspan", "rowspan", "data-type"}, stored
    for leftover in ("mso", "o:p", "style", "class", "<b>", "<span", "Hlk", "·"):
        assert leftover not in stored
    assert "<h2>Neighbourhood workshops</h2>" in stored
    assert "<strong>free workshop</strong>" in stored
    assert "<em>future of their street</em>" in stored
    assert '<a href="https://www.citymined.org/projects/">our projects page</a>' in stored
    # The nested item stays inside its parent item.
    assert "A map of your street</p><ul><li><p>Printed or drawn" in stored

    page.goto(f"{editor.url}/nl/workshops/")
    table = page.locator(".rich-text table")
    expect(table.locator("tr")).to_have_count(2)
    expect(table.locator("td").last).to_have_text("Anneessens, Brussels")
    save_screenshots(page, artifacts, f"pasted-{fragment.removesuffix('.html')}")


@pytest.mark.parametrize(
    "fragment, items",
    [
        (
            "word-mac-fragment.html",
            [
                "A map of your street",
                "Printed or drawn",
                "Your questions for the city",
                "Bring a pen",
                "Bring a friend",
            ],
        ),
        (
            "google-docs-scripts-fragment.html",
            [
                "A map of your street",
                "Your questions for the city",
                "Bring a pen",
                "Bring a friend",
            ],
        ),
    ],
)
def test_pasting_drops_typed_bullets_and_keeps_sub_and_superscript(editor, page, fragment, items):
    """Issue 21: each item started with Word's "·" (a double bullet on the site), and
    H₂O and m² lost their sub- and superscript."""
    item = make_page("workshops")
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/pages/page/{item.pk}/change/")
    area = editor_area(page, "body", "nl")
    page.keyboard.press("ControlOrMeta+a")
    page.evaluate(PASTE, [(FILES / fragment).read_text(encoding="utf-8")])
    expect(area.locator("sub")).to_have_text("2")
    save_in_admin(page)

    stored = Page.objects.get(pk=item.pk).body_nl
    assert "H<sub>2</sub>O" in stored
    assert "m<sup>2</sup>" in stored
    for glyph in ("·", "•", "§"):
        assert glyph not in stored
    for text in items:
        assert f"<li><p>{text}</p>" in stored, stored
    assert Tags(stored).tags.count("li") == len(items)


TOOLBAR_PLACE = """([field]) => {
    const panel = document.querySelector(`#tab_id_${field}`)
    const editor = panel.querySelector(".prose-editor").getBoundingClientRect()
    const bar = panel.querySelector(".prose-menubar").getBoundingClientRect()
    return {editorTop: editor.top, barTop: bar.top, barBottom: bar.bottom,
            height: window.innerHeight}
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_toolbar_stays_in_view_in_a_long_text(editor, new_tab, about, width):
    """Issue 21: the toolbar scrolled out of sight in long texts, on desktop and phone."""
    tab = new_tab(locale="en", viewport={"width": width, "height": 700})
    log_in(tab, editor.url)
    tab.goto(f"{editor.url}/admin/pages/page/{about.pk}/change/")
    field = f"body_{LANGUAGES[0]}"
    area = editor_area(tab, "body", LANGUAGES[0])
    assert area.locator("p").count() > 10  # a long text
    area.locator("p").last.scroll_into_view_if_needed()
    place = tab.evaluate(TOOLBAR_PLACE, [field])
    assert place["editorTop"] < 0, place  # the text's top is out of sight…
    assert 0 <= place["barTop"] <= 2 and place["barBottom"] < place["height"], (
        place
    )  # …its bar is not


def test_the_editor_checks_spelling_in_the_language_of_the_text(editor, page):
    """A slip such as "governements" is underlined by the browser, with the dictionary
    of the text's language rather than the admin's."""
    problems = watch(page, editor.url)
    about = Page.objects.get(slug_en="about")
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/pages/page/{about.pk}/change/")
    for language in ("nl", "fr", "en"):
        area = editor_area(page, "body", language)
        expect(area).to_have_attribute("spellcheck", "true")
        expect(area).to_have_attribute("lang", language)
    assert problems == []
