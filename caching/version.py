"""The content version, which every cached page, fragment and value is keyed under, and
the moment it ends (the next scheduled item comes out). Each change to content replaces it
(invalidate()): what was cached before is never served again, in any process, and expires
by itself. It lives in the shared cache (CACHE_URL=redis://…), or CONTENT_VERSION_FILE."""

import math
import os
import tempfile
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError
from django.utils import timezone

from content.models import next_publication

VERSION_KEY = "content-version"
VERSION_SECONDS = 24 * 60 * 60  # then replaced, which invalidates the cache

# What is being rendered, outermost first: a request (holding the version it read first,
# so that an edit landing meanwhile invalidates what it caches), and values it caches.
_rendering = ContextVar("rendering", default=())


def invalidate(schedule_changed=True):
    """A new content version: everything cached before is stale, in every process. The edit
    reads when it ends (the next scheduled item), not its visitors; within a transaction,
    schedule_changed=False keeps the moment known, and the commit reads it again."""
    until = None if schedule_changed else stored_version()[0][1]
    _store(until or _next_change())


def _next_change():
    try:
        return next_publication() or timezone.now() + timedelta(days=3650)
    except DatabaseError:  # unknown: the version ends at once, and the next page asks again
        return timezone.now()


def _store(until):
    version = (uuid.uuid4().hex, until)
    if not isinstance(shared := caches["default"], LocMemCache):
        shared.set(VERSION_KEY, version, VERSION_SECONDS)
        return version
    path = Path(settings.CONTENT_VERSION_FILE)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as written:
        written.write(f"{version[0]} {until.isoformat()}")
    os.replace(written.name, path)
    return version


def stored_version(key=None):
    """The version, as (name, end), and the default cache's value under `key` (a page),
    read together: with Redis, in one round trip. (None, None): Redis is away."""
    shared = caches["default"]
    if isinstance(shared, LocMemCache):
        return _version_in_file(), shared.get(key) if key else None
    found = shared.get_many([VERSION_KEY, key] if key else [VERSION_KEY])
    version = found.get(VERSION_KEY)
    if not isinstance(version, tuple):  # missing, an older release's, or Redis is away
        if getattr(shared, "is_available", lambda: True)():  # no query while it is away
            _store(_next_change())
        return shared.get(VERSION_KEY, (None, None)), None
    return version, found.get(key)


def _version_in_file():
    try:
        name, until = Path(settings.CONTENT_VERSION_FILE).read_text().split()
        return name, datetime.fromisoformat(until)
    except (FileNotFoundError, ValueError):  # none yet, or an older release's
        return _store(_next_change())


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
    """The name of the version content is cached under now, or None (the shared cache
    is away, or the version just ended)."""
    held = _held_version()
    name, until = held["version"]
    if name is not None and until <= timezone.now():
        # A scheduled item came out: whatever this request read may predate it.
        invalidate()
        held["version"], name = (None, None), None
    return name


def seconds_to_keep(at_most):
    """`at_most`, but never past the moment the next scheduled item comes out."""
    name, until = _held_version()["version"]
    left = math.ceil((until - timezone.now()).total_seconds()) if name else at_most
    return max(min(at_most, left), 0)


def _held_version():
    held = next(iter(_rendering.get()), None)  # the request's
    if held is None or "version" not in held:  # outside a request: a command, a test
        held = {"version": stored_version()[0]}
    return held
