"""Whole public pages in the cache, and the HTTP headers that let a proxy or a browser
keep them too. An anonymous GET or HEAD of a page under a language prefix (or
PAGE_CACHE_UNPREFIXED) cached under the current content version is answered without
sessions or the database; signed-in staff always get the page as it is now. A page's key
holds the query parameters its view read, learned while it renders (as Django's cache
middleware learns Vary headers): parameters no view reads (utm_source, fbclid) add no
entry and never reach the page."""

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

from caching.version import current_version, rendering, seconds_to_keep, stored_version


def cache_public_pages(get_response):
    unprefixed = tuple(settings.PAGE_CACHE_UNPREFIXED)

    def middleware(request):
        path = request.path_info
        public = get_language_from_path(path) is not None or path.startswith(unprefixed)
        reading = public and request.method in ("GET", "HEAD")
        shared = reading and not _is_signed_in(request)
        # The version and the page in one round trip, without the database (the entry
        # holds what it would say): with the database frozen, cached pages are served.
        version, entry = stored_version(_known_key(request) if shared else None)
        with rendering(version=version) as state:
            if entry and entry["version"] == version[0] and timezone.now() < version[1]:
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
    """The page's key, once the parameters this address reads are known; the others are
    dropped from the request."""
    address = _address(request)
    reads = caches["local"].get(f"reads:{address}") if request.META.get("QUERY_STRING") else set()
    if reads is None:
        return None
    request.META["QUERY_STRING"] = _read_part(request.GET, reads)
    request.GET = QueryDict(request.META["QUERY_STRING"])
    return f"page:{address}?{request.META['QUERY_STRING']}"


def _render(request, get_response, state):
    address, version = _address(request), current_version()
    seconds = seconds_to_keep(settings.PAGE_CACHE_SECONDS) if version else 0
    request.GET = _ReadNoting(request.META.get("QUERY_STRING", ""))
    response = get_response(request)
    if getattr(response, "is_rendered", True) is False:
        response.render()  # a view's TemplateResponse, before the handler renders it
    if not _is_shareable(response):
        if response.status_code >= 400:
            mark_private(response)
        return response
    # Proxies may not keep the page past the moment the next scheduled item comes out.
    mark_public(response, max(seconds_to_keep(settings.HTTP_CACHE_SECONDS), 1))
    # Each process learns which parameters a page reads by rendering it once.
    reads = caches["local"].get(f"reads:{address}", set()) | request.GET.read
    caches["local"].set(f"reads:{address}", reads, settings.PAGE_CACHE_SECONDS)
    if seconds > 0 and state["complete"]:
        entry = {
            "version": version,
            "content": response.content,
            "headers": list(response.headers.items()),
        }
        cache.set(f"page:{address}?{_read_part(request.GET, reads)}", entry, seconds)
    return headers.get_conditional_response(request, etag=response["ETag"], response=response)


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
    # A HEAD gets the headers alone: gunicorn would drop the body with a warning.
    response = HttpResponse(b"" if request.method == "HEAD" else entry["content"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    return headers.get_conditional_response(request, etag=response["ETag"], response=response)


def mark_public(response, max_age):
    """Proxies and browsers may keep the page, and serve it a little longer while they
    ask again (the ETag makes that a 304). Staff see it otherwise: Vary: Cookie."""
    headers.patch_cache_control(
        response, public=True, max_age=max_age, stale_while_revalidate=settings.HTTP_STALE_SECONDS
    )
    headers.patch_vary_headers(response, ("Cookie",))
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'


def mark_private(response):
    headers.add_never_cache_headers(response)
    headers.patch_vary_headers(response, ("Cookie",))


def _is_signed_in(request):
    """Whether a session someone signed in with comes with the request (a made-up
    cookie costs one look-up, not a page rendered). Runs before the session middleware."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if session_key is None or time.monotonic() < _session_store_down_until[0]:
        return False
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    try:
        return SESSION_KEY in session
    except DatabaseError:
        # The sessions' database is away: everyone gets the visitors' page, and the
        # store is not asked again for a few seconds, so that no one waits for it.
        _session_store_down_until[0] = time.monotonic() + SESSION_STORE_RETRY_SECONDS
        return False


SESSION_STORE_RETRY_SECONDS = 5
_session_store_down_until = [0.0]  # for every thread


def _is_shareable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # Views that must not be shared (previews, search results) say so.
        and headers.get_max_age(response) is None
        and "private" not in response.get("Cache-Control", "")
    )
