"""Tells the proxy in front (deploy/nginx) which addresses an edit changed, so that it
stops serving its copy of them at once rather than after HTTP_CACHE_SECONDS.

Debian's nginx has no purge module, so the site asks for each address again with the
refresh header, from the loopback: nginx then skips its copy, asks the site (whose own
page cache the edit has already put out of date) and keeps the new answer. The changed
item's address in every language the change reached is refreshed, and the lists, feeds
and sitemap the apps name; other pages that mention it (a menu, a related item) follow within
HTTP_CACHE_SECONDS + HTTP_STALE_SECONDS."""

import contextlib
import http.client
import logging
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from citymined.content import LANGUAGE_CODES

logger = logging.getLogger(__name__)

# URL names of the pages that list content (every language's address is refreshed).
_listing_names = set()


def refresh_with_every_change(*url_names):
    """Pages that show any change of content (lists, feeds, the home page): an app names
    its own from its AppConfig.ready()."""
    _listing_names.update(url_names)


def addresses_changed_by(instance, languages=None):
    """The addresses to refresh, in the languages the change reached (None: all)."""
    paths = set()
    for code in LANGUAGE_CODES if languages is None else sorted(languages):
        with translation.override(code):
            paths.update(reverse(name) for name in _listing_names)
            if hasattr(instance, "get_absolute_url"):
                # An item may have no address in this language.
                with contextlib.suppress(NoReverseMatch):
                    paths.add(instance.get_absolute_url())
    return paths


def content_changed(instance=None, languages=None):
    if not settings.FRONTEND_CACHE_URL:
        return
    paths = addresses_changed_by(instance, languages)
    transaction.on_commit(lambda: _refresh_in_background(paths))


def _refresh_in_background(paths):
    # The editor's answer does not wait for nginx, which may itself wait for this worker;
    # not a daemon, so that a command that saved still refreshes before it exits.
    threading.Thread(target=refresh, args=(sorted(paths),), name="frontend-cache-refresh").start()


def refresh(paths):
    proxy = urlsplit(settings.FRONTEND_CACHE_URL)
    for host in settings.FRONTEND_CACHE_HOSTS:
        connection = http.client.HTTPConnection(proxy.hostname, proxy.port or 80, timeout=30)
        try:
            for path in paths:
                connection.request("GET", path, headers={"Host": host, "X-Citymined-Refresh": "1"})
                connection.getresponse().read()
        except OSError as error:
            logger.warning("The proxy's copies were not refreshed: %s", error)
        finally:
            connection.close()
