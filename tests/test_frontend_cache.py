"""After an edit, the proxy in front is asked for every address the edit changed."""

import http.server
import threading
from datetime import timedelta

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from citymined import urls
from tests.factories import LANGUAGES

pytestmark = pytest.mark.django_db

# The site with a list that a new app adds in its URLconf and names nowhere else.
urlpatterns = [
    *urls.urlpatterns,
    *i18n_patterns(path("new-list/", lambda request: HttpResponse(), name="new-list")),
]


@pytest.fixture
def proxy(settings):
    """A stand-in for nginx that notes what it is asked for."""
    asked = []

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


def wait_for(asked, count):
    for thread in threading.enumerate():
        if thread.name == "frontend-cache-refresh":
            thread.join(10)
    assert len(asked) >= count


def test_an_edit_refreshes_the_item_in_every_language_and_the_lists(
    proxy, about, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about.published_at -= timedelta(days=1)
        about.save()
    wait_for(proxy, 1)
    paths = {path for _host, path, _header in proxy}
    assert {"/nl/over-ons/", "/fr/a-propos/", "/en/about/"} <= paths
    assert {"/nl/", "/en/projects/", "/en/projects/feed.atom", "/sitemap.xml"} <= paths
    assert {(host, header) for host, _path, header in proxy} == {("www.example.org", "1")}


def test_a_list_no_app_names_is_refreshed_too(
    proxy, about, settings, django_capture_on_commit_callbacks
):
    settings.ROOT_URLCONF = __name__
    with django_capture_on_commit_callbacks(execute=True):
        about.published_at -= timedelta(days=1)
        about.save()
    wait_for(proxy, 1)
    assert {f"/{code}/new-list/" for code in LANGUAGES} <= {path for _host, path, _ in proxy}


def test_a_change_to_one_languages_text_refreshes_that_language_alone(
    proxy, about, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about.title_en = "Who we are"
        about.save()
    wait_for(proxy, 1)
    paths = {path for _host, path, _header in proxy}
    assert {"/en/about/", "/en/", "/en/projects/feed.atom", "/sitemap.xml"} <= paths
    assert not any(path.startswith(("/nl/", "/fr/")) for path in paths)


def test_a_change_to_an_items_own_text_refreshes_its_page_and_the_feeds_alone(
    proxy, about, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about.body_en = "<p>Who we are, rewritten.</p>"
        about.save()
    wait_for(proxy, 1)
    paths = {path for _host, path, _header in proxy}
    assert {"/en/about/", "/en/projects/feed.atom", "/sitemap.xml"} <= paths
    assert not paths & {"/en/", "/en/projects/", "/en/supporters/"}


def test_without_a_proxy_nothing_is_asked(settings, about, django_capture_on_commit_callbacks):
    settings.FRONTEND_CACHE_URL = ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        about.save()
    assert all(callback.__module__ != "caching.purge" for callback in callbacks)
