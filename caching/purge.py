"""Tells the proxy in front (deploy/nginx) which addresses an edit changed, so that it
stops serving its copy of them at once rather than after HTTP_CACHE_SECONDS.

Debian's nginx has no purge module, so the site asks for each address again with the
refresh header, from the loopback: nginx then skips its copy, asks the site (whose own
page cache the edit has already put out of date) and keeps the new answer. The pages
refreshed are those the page cache puts out of date (caching/invalidation.py,
pages_changed): the changed item's address in every language the change reached, and
every page at a fixed address in those languages (the home page, the lists, the
feeds: found in the URLconf) and the sitemap; other pages that mention it (a menu, a
related item) follow within HTTP_CACHE_SECONDS + HTTP_STALE_SECONDS."""

import http.client
import logging
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from caching.invalidation import EVERYWHERE, pages_changed

logger = logging.getLogger(__name__)


def content_changed(instance=None, reach=EVERYWHERE):
    if not settings.FRONTEND_CACHE_URL:
        return
    paths = pages_changed(instance, reach)
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
