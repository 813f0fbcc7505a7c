"""The content version, which every cached page, fragment and value is keyed under.
Every change to content, and a scheduled item coming out, replaces it (invalidate()):
everything cached before is never served again, in any process, and expires by itself.
It lives in the cache the processes share (CACHE_URL=redis://…), or CONTENT_VERSION_FILE."""

import math
import os
import tempfile
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone

from content.models import next_publication

VERSION_KEY = "content-version"
VERSION_SECONDS = 24 * 60 * 60  # then replaced, which invalidates the cache

# What is being rendered, outermost first: a request (holding the version it read first,
# so that an edit landing meanwhile invalidates what it caches), and values it caches.
_rendering = ContextVar("rendering", default=())


def shared_cache():
    cache = caches["default"]
    return None if isinstance(cache, LocMemCache) else cache


def invalidate():
    """A new content version: everything cached before is stale, in every process."""
    version = uuid.uuid4().hex
    shared = shared_cache()
    if shared is not None:
        shared.set(VERSION_KEY, version, VERSION_SECONDS)
        return
    path = Path(settings.CONTENT_VERSION_FILE)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as written:
        written.write(version)
    os.replace(written.name, path)


def stored_version(key=None):
    """The version, and the default cache's value under `key` (a page), read together:
    with Redis, in one round trip."""
    shared = shared_cache()
    if shared is None:
        path = Path(settings.CONTENT_VERSION_FILE)
        if not path.exists():
            invalidate()
        return path.read_text() or None, caches["default"].get(key) if key else None
    found = shared.get_many([VERSION_KEY, key] if key else [VERSION_KEY])
    if VERSION_KEY not in found:
        # Missing, or Redis is away: then `add` fails too and nothing is cached.
        shared.add(VERSION_KEY, uuid.uuid4().hex, VERSION_SECONDS)
        return shared.get(VERSION_KEY), None
    return found[VERSION_KEY], found.get(key)


@contextmanager
def rendering(**state):
    """While something is rendered: {"complete": True} until what it shows calls
    do_not_cache(); for a request, also the `version` it read before any content."""
    state["complete"] = True
    token = _rendering.set((*_rendering.get(), state))
    try:
        yield state
    finally:
        _rendering.reset(token)


def do_not_cache():
    """A part failed for a moment: neither it nor its page is cached; the next tries again."""
    for state in _rendering.get():
        state["complete"] = False


def current_version():
    """The version content is cached under now, or None (the shared cache is away)."""
    held = next(iter(_rendering.get()), None)  # the request's
    if held is None or "version" not in held:  # outside a request: a command, a test
        held = {"version": stored_version()[0]}
    if "checked" not in held:
        held["checked"] = True
        if held["version"] is not None and scheduled_moment(held["version"]) <= timezone.now():
            # A scheduled item came out: whatever this request read may predate it.
            invalidate()
            held["version"] = None
    return held["version"]


def scheduled_moment(version):
    """When the next scheduled item comes out (far ahead if none), once per process and
    version. A cached page keeps the moment, so that serving it needs no database."""
    return caches["local"].get_or_set(
        f"next-publication:{version}",
        lambda: next_publication() or timezone.now() + timezone.timedelta(days=3650),
        max(settings.FRAGMENT_CACHE_SECONDS, 1),
    )


def seconds_to_keep(version, at_most):
    """`at_most`, but never past the moment the next scheduled item comes out."""
    if version is None:
        return at_most
    until = math.ceil((scheduled_moment(version) - timezone.now()).total_seconds())
    return max(min(at_most, until), 0)
