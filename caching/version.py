"""The content version: the one token that every cached page, fragment and value is
keyed under. Every change to content replaces it (invalidate()), which invalidates
everything cached at once, in every process; what was cached under an older version is
never served again and expires by itself.

With a cache the processes share (CACHE_URL=redis://…) the version lives there. With
the default per-process cache it lives in CONTENT_VERSION_FILE, which every process of
the machine reads. It also changes when a scheduled item's moment of publication comes,
so that pages never outlive it."""

import math
import os
import tempfile
import uuid
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone

from content.models import next_publication

VERSION_KEY = "content-version"
# An evicted or expired version is replaced by a new one, which invalidates the cache.
VERSION_SECONDS = 24 * 60 * 60

# The version a request read as it started ({"version": …}), so that all it renders is
# cached under one version: an edit landing meanwhile invalidates it, never adopts it.
_request_version = ContextVar("content_version", default=None)


def shared_cache():
    """The cache every process shares, or None for the per-process default."""
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


def stored_version():
    """The version as stored, without the database: a page cached under it may be
    served until the moment its entry says (scheduled_moment, kept with the entry)."""
    shared = shared_cache()
    if shared is None:
        try:
            return Path(settings.CONTENT_VERSION_FILE).read_text() or None
        except FileNotFoundError:
            invalidate()
            return Path(settings.CONTENT_VERSION_FILE).read_text()
    version = shared.get(VERSION_KEY)
    if version is None:
        # Missing, or Redis is away: then `add` fails too and nothing is cached.
        shared.add(VERSION_KEY, uuid.uuid4().hex, VERSION_SECONDS)
        version = shared.get(VERSION_KEY)
    return version


def current_version():
    """The version content is cached under now, or None when it cannot be read (the
    shared cache is away): then nothing is cached, and pages are rendered."""
    held = _request_version.get()
    if held is None:  # outside a request: a command, a test
        version = stored_version()
        return None if version is None or _has_come_out(version) else version
    if "checked" not in held:
        held["checked"] = True
        if held["version"] is not None and _has_come_out(held["version"]):
            # Whatever this request read may predate it: it caches nothing.
            held["version"] = None
    return held["version"]


def _has_come_out(version):
    """Whether a scheduled item has come out since `version`: the content changed as if
    it had been saved, and the version is replaced."""
    if scheduled_moment(version) > timezone.now():
        return False
    invalidate()
    return True


def read_for_request():
    """Reads the version as the request starts, before it reads any content: an edit
    landing while it renders then invalidates what it caches. Returns the token to
    reset."""
    return _request_version.set({"version": stored_version()})


def version_read_at_start():
    """The version the request read as it started, without asking whether a scheduled
    item has come out since (which the database says): a cached page knows that itself."""
    held = _request_version.get()
    return held["version"] if held is not None else stored_version()


def forget_request(token):
    _request_version.reset(token)


def scheduled_moment(version):
    """When the next scheduled item comes out (far in the future if none is), worked
    out once per process and version. Asks the database: a cached page keeps the
    moment with it, so that serving it does not."""
    key = f"next-publication:{version}"
    moment = caches["local"].get(key)
    if moment is None:
        moment = next_publication() or timezone.now() + timezone.timedelta(days=3650)
        # As long as the fragments cached under the same version: with the page cache off
        # (PAGE_CACHE_SECONDS=0), pages rendered afresh still ask the database only once.
        caches["local"].set(key, moment, max(settings.FRAGMENT_CACHE_SECONDS, 1))
    return moment


def seconds_to_keep(version, at_most):
    """How long a page may be kept under `version`: `at_most`, but never past the moment
    the next scheduled item comes out, which may change any list or menu."""
    if version is None:
        return at_most
    until = math.ceil((scheduled_moment(version) - timezone.now()).total_seconds())
    return max(min(at_most, until), 0)
