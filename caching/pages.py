"""Whole public pages in the cache, and the HTTP headers that let a proxy or a browser
keep them too. The middleware runs first: an anonymous GET or HEAD of a page under a
language prefix (or PAGE_CACHE_UNPREFIXED) cached under the current content version is
answered without sessions, languages or the database; otherwise the page is rendered and
cached for `seconds_to_keep()`. Signed-in staff always get the page as it is now.

A page's key holds the query parameters its view read, learned while it renders (as
Django's cache middleware learns Vary headers): a filter makes pages of its own, and
parameters no view reads (utm_source, fbclid) add no entry and never reach the page."""

import hashlib
import time
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache, caches
from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.utils import cache as headers
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language_from_path

from caching.version import (
    current_version,
    rendering,
    scheduled_moment,
    seconds_to_keep,
    stored_version,
)


def cache_public_pages(get_response):
    """Middleware: the page cache, for the pages under a language prefix and those of
    PAGE_CACHE_UNPREFIXED (the sitemaps)."""
    unprefixed = tuple(settings.PAGE_CACHE_UNPREFIXED)

    def middleware(request):
        path = request.path_info
        public = get_language_from_path(path) is not None or path.startswith(unprefixed)
        reading = public and request.method in ("GET", "HEAD")
        shared = reading and not _is_signed_in(request)
        # The version and the page in one round trip. A page found needs no database,
        # not even in a process that has just started (what the database would say,
        # the entry holds): with the database frozen, cached pages are still served.
        version, entry = stored_version(_known_key(request) if shared else None)
        with rendering(version=version) as state:
            if entry and entry["version"] == version and timezone.now() < entry["until"]:
                return _from_entry(request, entry)
            if shared:
                return _render(request, get_response, state)
            response = get_response(request)
            if reading:
                mark_private(response)
            return response

    return middleware


def _address(request):
    # Percent-encoded: a cache key must not hold spaces or control characters.
    return f"{request.scheme}://{request.get_host()}{escape_uri_path(request.path)}"


def _known_key(request):
    """The page's key, when the query parameters the page at this address reads are
    known (always, without any); the others are dropped from the request."""
    address = _address(request)
    reads = _reads(address) if request.META.get("QUERY_STRING") else set()
    if reads is None:
        return None
    request.META["QUERY_STRING"] = _read_part(request.GET, reads)
    request.GET = QueryDict(request.META["QUERY_STRING"])
    return f"page:{address}?{request.META['QUERY_STRING']}"


def _render(request, get_response, state):
    address, version = _address(request), current_version()
    seconds = seconds_to_keep(version, settings.PAGE_CACHE_SECONDS) if version else 0
    request.GET = _ReadNoting(request.META.get("QUERY_STRING", ""))
    response = get_response(request)
    if getattr(response, "is_rendered", True) is False:
        response.render()  # a view's TemplateResponse, before the handler renders it
    if not _is_shareable(response):
        if response.status_code >= 400:
            mark_private(response)
        return response
    # Proxies may not keep the page past the moment the next scheduled item comes out.
    mark_public(response, max(seconds_to_keep(version, settings.HTTP_CACHE_SECONDS), 1))
    reads = (_reads(address) or set()) | request.GET.read
    caches["local"].set(f"reads:{address}", reads, settings.PAGE_CACHE_SECONDS)
    if seconds > 0 and state["complete"]:
        cache.set(f"reads:{address}", reads, settings.PAGE_CACHE_SECONDS)
        entry = {
            "version": version,
            # Served until the next scheduled item comes out, which changes the version.
            "until": scheduled_moment(version),
            "content": response.content,
            "headers": list(response.headers.items()),
        }
        cache.set(f"page:{address}?{_read_part(request.GET, reads)}", entry, seconds)
    return headers.get_conditional_response(request, etag=response["ETag"], response=response)


def _reads(address):
    """The query parameters the page at this address reads: this process's memory, or
    what another process (or this one before a restart) noted in the shared cache."""
    key = f"reads:{address}"
    reads = caches["local"].get(key)
    if reads is None:
        reads = cache.get(key)
        if reads is not None:
            caches["local"].set(key, reads, settings.PAGE_CACHE_SECONDS)
    return reads


class _ReadNoting(QueryDict):
    """request.GET, noting the names of the parameters the view reads."""

    def __init__(self, query_string, **kwargs):
        self.read = set()
        super().__init__(query_string, **kwargs)
        self.read.clear()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def lists(self):
        self.read.update(self.keys())
        return super().lists()


def _read_part(query, reads):
    """The query string of the parameters the page reads, in one order."""
    read_here = sorted((name, query.getlist(name)) for name in reads if name in query)
    return urlencode(read_here, doseq=True)


def _from_entry(request, entry):
    # A HEAD gets the headers alone (Content-Length still the page's), as gunicorn
    # would otherwise drop the body with a warning in the log for each one.
    response = HttpResponse(b"" if request.method == "HEAD" else entry["content"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    return headers.get_conditional_response(request, etag=response["ETag"], response=response)


def mark_public(response, max_age):
    """A page any anonymous visitor gets alike: proxies and browsers may keep it for
    HTTP_CACHE_SECONDS, and serve it a little longer while they ask again; the ETag
    turns their next question into a 304. Staff see the same address differently
    (previews, the page as it is now), hence Vary: Cookie."""
    headers.patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        stale_while_revalidate=settings.HTTP_STALE_SECONDS,
    )
    headers.patch_vary_headers(response, ("Cookie",))
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'


def mark_private(response):
    headers.add_never_cache_headers(response)
    headers.patch_vary_headers(response, ("Cookie",))


def _is_signed_in(request):
    """Staff may be previewing or editing: they always see the page as it is now. Only
    a session someone signed in with counts, so a made-up session cookie costs one
    look-up of the session, not a page rendered afresh. This runs before the session
    middleware, so it opens the session itself."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if session_key is None or time.monotonic() < _session_store_down_until[0]:
        return False
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    try:
        return SESSION_KEY in session
    except DatabaseError:
        # The sessions' database is away: whoever it is gets the page every visitor
        # gets (staff cannot edit meanwhile anyway), and for a few seconds the store
        # is not asked again, so that each such visitor does not wait for it in turn.
        _session_store_down_until[0] = time.monotonic() + SESSION_STORE_RETRY_SECONDS
        return False


SESSION_STORE_RETRY_SECONDS = 5
# When the session store may be asked again after a failure, for every thread.
_session_store_down_until = [0.0]


def _is_shareable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # Views that must not be shared (previews, search results) say so.
        and headers.get_max_age(response) is None
        and "private" not in response.get("Cache-Control", "")
    )
