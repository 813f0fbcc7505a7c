import math
import os

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.factories import delete_all_content, load_initial_data


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, session_media):
    """Every test database starts with the initial content, as `make run` sets the site
    up: it is loaded once per test process (about a second, mostly drawing placeholder
    images), and each test's transaction rolls back to it. Browser tests, which empty
    the database, load it again (tests/e2e/conftest.py); pytest-django runs them after
    all the others."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=session_media):
        load_initial_data()


@pytest.fixture
def site_content(db):
    """The site as `make run` sets it up: the initial content (already there, see
    django_db_setup). Tests ask for it to say that they rely on it."""


@pytest.fixture
def empty_site(db):
    """A site nobody has filled yet, for tests that count or list everything there is:
    the initial content is deleted inside the test's transaction, so it comes back
    for the next test."""
    delete_all_content()


@pytest.fixture
def about(site_content):
    from pages.models import Page

    return Page.objects.get(slug_en="about")


@pytest.fixture
def admin_client(admin_client):
    """A logged-in superuser whose admin speaks English (tests read its messages): their
    browser asks for English and they chose no language of their own."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


@pytest.fixture(scope="session")
def session_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def session_kept_uploads(tmp_path_factory):
    return tmp_path_factory.mktemp("kept-uploads")


@pytest.fixture(autouse=True)
def media_root(settings, session_media, session_kept_uploads):
    """Uploads and resized images go to a temporary folder, never into the repo. The
    folder lasts the whole run, so the same resized logos are not made again for every
    test; uploads get unique names there anyway. Files kept from refused forms wait in
    a folder of their own."""
    settings.MEDIA_ROOT = session_media
    settings.KEPT_UPLOADS_ROOT = session_kept_uploads
    clear_caches()
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Logging in staff in tests need not cost the production hasher's 0.6 s."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def planner_figures_kept(monkeypatch):
    """Saves do not measure the tables for SQLite's planner (content/planner.py), so
    that no test's commit depends on how long ago the last measure was;
    tests/test_planner.py lets them."""
    from content import planner

    monkeypatch.setattr(planner, "_next_due", math.inf)


@pytest.fixture(autouse=True)
def fresh_pages(settings, tmp_path):
    """Tests change content behind the page cache's back (rolled-back transactions,
    queryset updates): they see pages rendered afresh. tests/test_page_cache.py turns
    the cache on."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.CONTENT_VERSION_FILE = tmp_path / "content-version"


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production, and empty at the start and end of the test."""
    settings.PAGE_CACHE_SECONDS = 300
    clear_caches()
    yield
    clear_caches()


def clear_caches():
    from django.core.cache import caches

    for alias in ("default", "local"):
        caches[alias].clear()


@pytest.fixture
def redis(settings, monkeypatch):
    """A Redis server of the test's own as the cache all processes share, the page cache
    on (skipped where redis-server is not installed)."""
    from operations.cache import ForgivingRedisCache
    from tests.resilience.servers import REDIS_SERVER, RedisServer

    if not os.path.exists(REDIS_SERVER):
        pytest.skip("redis-server is not installed")
    server = RedisServer()
    server.start()
    monkeypatch.setattr(ForgivingRedisCache, "RETRY_SECONDS", 0.5)
    monkeypatch.setattr(ForgivingRedisCache, "_down_until", {})
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "operations.cache.ForgivingRedisCache",
            "LOCATION": server.url,
            "KEY_FUNCTION": "operations.cache.make_key",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    settings.PAGE_CACHE_SECONDS = 300
    clear_caches()
    yield server
    server.stop()
    clear_caches()


class StandInProxy(list):
    """What the proxy in front (deploy/nginx) was asked to refresh: (host, path, the
    refresh header) for each request."""

    def paths(self):
        """The paths asked, once the purge's threads are done."""
        import threading

        for thread in threading.enumerate():
            if thread.name == "purge":
                thread.join(10)
        return {path for _host, path, _header in self}


@pytest.fixture
def proxy(settings):
    """A stand-in for nginx that notes what the site's purge asks it for."""
    import http.server
    import threading

    asked = StandInProxy()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append((self.headers["Host"], self.path, self.headers["X-Citymined-Refresh"]))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.FRONTEND_CACHE_URL = f"http://127.0.0.1:{server.server_port}"
    settings.FRONTEND_CACHE_HOSTS = ["www.example.org"]
    yield asked
    server.shutdown()


@pytest.fixture
def background_worker(db, monkeypatch):
    """Runs what the site queued for the background worker, as `manage.py db_worker`
    does in production: call it where the worker would have caught up."""
    from django_tasks_db.management.commands import db_worker

    # The worker shares the test's transaction, which it would take for a connection
    # left in a transaction and close (on PostgreSQL; SQLite's in-memory one stays).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run_queued_tasks():
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run_queued_tasks
