"""Whole public pages kept in the cache, so that most visitors get a page without it
being rendered again.

A cached page is valid until the content changes: every save or delete of content
(pages, projects, partners, …) moves the "content version" that each cache key carries,
so an editor's change shows at once. Pages also expire after PAGE_CACHE_SECONDS, which
bounds how late an item scheduled for a later publication date appears.

With several server processes the cache must be shared (CACHE_URL=redis://…), or one
process would keep serving what another has been told is out of date."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import get_max_age
from django.utils.translation import get_language_from_path

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"
CONTENT_APPS = {"pages", "projects"}


def content_version():
    """The current version, or None when the cache cannot be asked: pages are then
    rendered without it, never refused."""
    try:
        return cache.get_or_set(VERSION_KEY, lambda: str(time.time_ns()), timeout=None)
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)
        return None


def content_changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        cache.set(VERSION_KEY, str(time.time_ns()), timeout=None)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal}")


def _is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        # Staff may be previewing or editing: they always see the page as it is now.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


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
        # The host is part of the page: canonical and Open Graph links are absolute.
        key = f"page:{version}:{request.get_host()}:{request.get_full_path()}"
        response = cache.get(key)
        if response is None:
            response = get_response(request)
            if getattr(response, "is_rendered", True) is False:
                response.render()  # a view's TemplateResponse, before the handler renders it
            if _is_cacheable_response(response):
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    return cached


def public_page_cache(get_response):
    """Middleware: keeps the pages under a language prefix (/nl/, /fr/, /en/)."""
    cached = cached_until_content_changes(get_response)

    def middleware(request):
        if get_language_from_path(request.path_info) is None:
            return get_response(request)
        return cached(request)

    return middleware
