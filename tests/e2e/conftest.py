"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
from pathlib import Path

import pytest

from tests.factories import load_initial_data

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


@pytest.fixture
def site_content(site_content):
    """The initial content. The server runs in another thread, so browser tests cannot
    hide in a transaction: Django empties the database after each, and the next one
    loads the initial content again (the first one in a process finds it there)."""
    load_initial_data()


@pytest.fixture(autouse=True)
def stable_upload_names(settings, media_root):
    """Tests load the same initial content again: its images keep their names, so
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
