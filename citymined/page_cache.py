"""Whole public pages kept in the cache, so that most visitors get a page without it
being rendered again.

A cached page is valid until the content changes: every save or delete of content
(pages, projects, partners, …) moves the "content version" that each cache key carries,
so an editor's change shows at once. Pages also expire after PAGE_CACHE_SECONDS, and no
later than the moment the next scheduled item appears, which then moves the version too.

With several server processes the cache must be shared (CACHE_URL=redis://…), or one
process would keep serving what another has been told is out of date."""

import logging
import math
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import get_max_age
from django.utils.translation import get_language_from_path

from citymined.content import next_publication

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"
# The query parameters that public pages read, as the apps declare them.
_read_parameters = set()


def pages_read_parameters(*names):
    """Public pages read these query parameters (filters, page numbers, a search): an
    app names its own from its AppConfig.ready(). Every other parameter (utm_source,
    fbclid, anything a crawler makes up) is dropped before a cacheable page is looked
    up or drawn, so it can neither add an entry to the cache nor leak into the page's
    links."""
    _read_parameters.update(names)


def _drop_unread_parameters(request):
    unread = [name for name in request.GET if name not in _read_parameters]
    if unread:
        query = request.GET.copy()
        for name in unread:
            del query[name]
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()


def content_version():
    """The current version, or None when the cache cannot be asked: pages are then
    rendered without it, never refused."""
    try:
        return cache.get_or_set(VERSION_KEY, lambda: str(time.time_ns()), timeout=None)
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)
        return None


def content_changed(sender, **kwargs):
    cache.set(VERSION_KEY, str(time.time_ns()), timeout=None)


def refresh_on_change(*models):
    """Public pages show these models: a save or delete of one of them, or a change to
    its many-to-many links, puts every cached page out of date. Every kind of content
    (a Content subclass) is watched by itself; an app names the other models its pages
    show (partners, cities, …) from its AppConfig.ready()."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(content_changed, sender=model, dispatch_uid="page-cache")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                content_changed, sender=field.remote_field.through, dispatch_uid="page-cache"
            )


def page_lifetime(version):
    """How long a page may be kept: PAGE_CACHE_SECONDS, but no later than the moment
    the next scheduled item appears, since that may change any list or menu. Worked out
    once per content version (editors' changes move it) rather than for every page."""
    next_moment = cache.get_or_set(
        f"next-publication:{version}", lambda: next_publication() or "none", timeout=None
    )
    if next_moment == "none":
        return settings.PAGE_CACHE_SECONDS
    until = math.ceil((next_moment - timezone.now()).total_seconds())
    if until <= 0:
        # The scheduled item is out: the site's content has changed as if it were saved.
        content_changed(sender=None)
        return 1
    return min(settings.PAGE_CACHE_SECONDS, until)


def _is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        # A HEAD is answered from (and may fill) the same entry as a GET.
        and request.method in ("GET", "HEAD")
        and not _is_signed_in(request)
    )


def _is_signed_in(request):
    """Staff may be previewing or editing: they always see the page as it is now. Only
    a session someone signed in with counts, so a made-up session cookie costs one
    look-up of the session, not a page drawn afresh."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return SESSION_KEY in request.session


def _is_cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # Views that must not be shared (previews, search results) say so.
        and get_max_age(response) is None
        and "private" not in response.get("Cache-Control", "")
    )


def cached_until_content_changes(get_response):
    """Wraps a view (or the rest of the middleware chain) so that its pages are kept."""

    def cached(request):
        version = content_version() if _is_cacheable_request(request) else None
        if version is None:
            return get_response(request)
        _drop_unread_parameters(request)
        # The host is part of the page: canonical and Open Graph links are absolute.
        key = f"page:{version}:{request.get_host()}:{request.get_full_path()}"
        response = cache.get(key)
        if response is None:
            response = get_response(request)
            if getattr(response, "is_rendered", True) is False:
                response.render()  # a view's TemplateResponse, before the handler renders it
            if _is_cacheable_response(response):
                cache.set(key, response, page_lifetime(version))
        return response

    return cached


def public_page_cache(get_response):
    """Middleware: keeps the pages under a language prefix (`/<code>/`)."""
    cached = cached_until_content_changes(get_response)

    def middleware(request):
        if get_language_from_path(request.path_info) is None:
            return get_response(request)
        return cached(request)

    return middleware
