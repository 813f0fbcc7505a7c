"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = "/usr/bin/chromium"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"Browser tests need {CHROMIUM}: apt-get install -y chromium")
    skip = pytest.mark.skip(reason=f"no {CHROMIUM}: apt-get install -y chromium to run it")
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def live_server():
    """The site served as in production: static files (with hashed names) come from
    WhiteNoise and STATIC_ROOT, not from Django's development finders."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost", start=False)
    server.thread.static_handler = lambda application: application
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def stable_upload_names(settings, media_root):
    """Each test loads the same initial content again: its images keep their names, so
    their resized copies, made once, serve every later test instead of being made again
    on every first page load (seconds per test)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"allow_overwrite": True}},
    }


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def artifacts():
    """Where screenshots go: CI keeps this folder."""
    folder = Path(os.environ.get("TEST_ARTIFACTS", "test-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def new_tab(browser):
    """A tab in a fresh browser profile with the given options (language, size, …)."""
    contexts = []

    def open_tab(**options):
        contexts.append(browser.new_context(**options))
        return contexts[-1].new_page()

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def editor(live_server, site_content, django_user_model):
    """The site with an editor who may change everything."""
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-passphrase")
    return live_server


def log_in(browser_page, base_url):
    browser_page.goto(f"{base_url}/admin/login/")
    browser_page.fill("#id_username", "editor")
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
    for code in ("nl", "en"):
        browser_page.goto(site + paths[code])
        expect(browser_page.locator(selector)).to_have_text(texts[code])
    expect(french_marked_in_progress(browser_page)).not_to_have_class(re.compile("is-fallback"))
