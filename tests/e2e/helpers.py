"""What the browser journeys do again and again: logging in, watching for problems,
screenshots, and the admin's language tabs."""

import re

from playwright.sync_api import expect


def log_in(browser_page, base_url, username="editor"):
    browser_page.goto(f"{base_url}/admin/login/")
    browser_page.fill("#id_username", username)
    browser_page.fill("#id_password", "a-long-passphrase")
    browser_page.click("input[type=submit]")
    browser_page.wait_for_url(f"{base_url}/admin/")


def requests_elsewhere(browser_page, base_url):
    """The addresses of every request the page makes to another host, as they happen."""
    elsewhere = []

    def check(request):
        if not request.url.startswith((base_url, "data:")):
            elsewhere.append(request.url)

    browser_page.on("request", check)
    return elsewhere


def watch(browser_page, base_url):
    """What goes wrong as the visitor walks, as it happens: error answers, requests to
    other hosts, script errors and whatever the Content-Security-Policy blocks (which
    Chromium reports as a console error)."""
    problems = []

    def answered(response):
        if response.status >= 400:
            problems.append(f"{response.status} {response.url}")

    def requested(request):
        if not request.url.startswith((base_url, "data:")):
            problems.append(f"request elsewhere: {request.url}")

    browser_page.on("response", answered)
    browser_page.on("request", requested)
    browser_page.on("pageerror", lambda error: problems.append(str(error)))
    browser_page.on(
        "console", lambda message: message.type == "error" and problems.append(message.text)
    )
    return problems


def save_screenshots(browser_page, folder, name):
    """The whole page at a phone's, a tablet's and a laptop's width; the tab keeps its
    own size afterwards."""
    size = browser_page.viewport_size
    for width in (360, 768, 1280):
        browser_page.set_viewport_size({"width": width, "height": 900})
        browser_page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    browser_page.set_viewport_size(size)


# The admin's language tabs, as an editor uses them.


def fill_in_tab(browser_page, field, language, value):
    browser_page.locator(f'li[aria-controls="tab_id_{field}_{language}"]').click()
    browser_page.fill(f"#id_{field}_{language}", value)


def type_rich_text(browser_page, field, language, text):
    browser_page.locator(f'li[aria-controls="tab_id_{field}_{language}"]').click()
    browser_page.locator(f"#tab_id_{field}_{language} [contenteditable=true]").click()
    browser_page.keyboard.type(text)


def save_in_admin(browser_page):
    browser_page.locator("input[name=_save]").first.click()
    expect(browser_page.locator(".messagelist .success")).to_be_visible()


def french_marked_in_progress(browser_page):
    """The switcher's French link, which says whether French shows fallback text."""
    switcher = browser_page.get_by_role("navigation", name="Language")
    return switcher.locator('a[lang="fr"]')


def shows_french_translation(browser_page, site, paths, selector, texts, body_part):
    """After an editor translated an item: each language's page shows its own text in
    `selector`, French shows `body_part` without the fallback notice, and the switcher
    no longer marks French as a translation in progress."""
    browser_page.goto(site + paths["fr"])
    expect(browser_page.locator(selector)).to_have_text(texts["fr"])
    expect(browser_page.locator(".rich-text")).to_contain_text(body_part)
    expect(browser_page.locator(".fallback-notice")).to_have_count(0)
    for code, path in paths.items():
        browser_page.goto(site + path)
        expect(browser_page.locator(selector)).to_have_text(texts[code])
    expect(french_marked_in_progress(browser_page)).not_to_have_class(re.compile("is-fallback"))
