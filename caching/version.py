"""The content version, which every cached page and `{% cache %}` fragment is keyed under,
and the moment it ends (the next scheduled item comes out); and a version per table of
content, which cached values are checked against (fragments.py). A change replaces the
content version and its tables' (invalidate()), in the shared cache (CACHE_URL), or else
in CONTENT_VERSION_FILE and a file beside it per table, for every process."""

import contextlib
import math
import os
import re
import tempfile
import uuid
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
TABLE_KEY = "table-version:"
EVERYTHING = "*"  # the table every value reads: replaced when a change names no table
WATCHED_TABLES = {EVERYTHING}  # and the tables of content (invalidation.watch_content())
QUOTED_NAME = re.compile(r'"(\w+)"')  # tables, in PostgreSQL's and SQLite's SQL

# What is being rendered, outermost first: a request (holding the versions it read first,
# so that an edit landing meanwhile invalidates what it caches), and values it caches.
_rendering = ContextVar("rendering", default=())


def invalidate(schedule_changed=True, tables=(EVERYTHING,)):
    """A new content version and new versions of `tables`: no process serves a page cached
    before, or a value that read one of `tables`. The edit reads when the version ends, not
    its visitors; schedule_changed=False keeps that moment (the commit reads it again)."""
    until = None if schedule_changed else stored_version()[0][1]
    version = (uuid.uuid4().hex, until or _next_change())
    _write({VERSION_KEY: version} | {TABLE_KEY + table: uuid.uuid4().hex for table in tables})
    return version


def _next_change():
    try:
        return next_publication() or timezone.now() + timedelta(days=3650)
    except DatabaseError:  # unknown: the version ends at once, and the next page asks again
        return timezone.now()


def _write(values):
    if not isinstance(shared := caches["default"], LocMemCache):
        return shared.set_many(values, VERSION_SECONDS)
    # The content version last: whatever fails, no page is new and a value it shows old.
    for key, value in sorted(values.items(), key=lambda item: item[0] == VERSION_KEY):
        text = f"{value[0]} {value[1].isoformat()}" if key == VERSION_KEY else value
        with tempfile.NamedTemporaryFile("w", dir=_file(key).parent, delete=False) as written:
            written.write(text)
        os.replace(written.name, _file(key))


def _read(keys):
    if not isinstance(shared := caches["default"], LocMemCache):
        return shared.get_many(keys)
    found = {}
    for key in keys:
        with contextlib.suppress(FileNotFoundError, ValueError):
            name, *until = _file(key).read_text().split()
            found[key] = (name, datetime.fromisoformat(until[0])) if until else name
    return found


def _file(key):
    path = Path(settings.CONTENT_VERSION_FILE)
    name = f"{path.name}.{key.removeprefix(TABLE_KEY).replace(EVERYTHING, 'all')}"
    return path if key == VERSION_KEY else path.with_name(name)


def table_versions():
    """{table: version} for the tables of content, EVERYTHING and "" (the content version),
    read once per request; a table never changed, or forgotten, gets one."""
    held = _held_version()
    if "tables" not in held:
        found = _read(keys := [TABLE_KEY + table for table in WATCHED_TABLES])
        found |= (new := {key: uuid.uuid4().hex for key in keys if key not in found})
        _write(new)
        held["tables"] = {key.removeprefix(TABLE_KEY): v for key, v in found.items()}
        held["tables"][""] = held["version"][0]
    return held["tables"]


def stored_version(key=None):
    """The version, as (name, end), and the default cache's value under `key` (a page),
    read together: with Redis, in one round trip. (None, None): Redis is away."""
    shared = caches["default"]
    if isinstance(shared, LocMemCache):
        version = _read([VERSION_KEY]).get(VERSION_KEY) or invalidate()  # none yet
        return version, shared.get(key) if key else None
    found = shared.get_many([VERSION_KEY, key] if key else [VERSION_KEY])
    if not isinstance(version := found.get(VERSION_KEY), tuple):  # none, or Redis is away
        if getattr(shared, "is_available", lambda: True)():  # no query while it is away
            invalidate()
        return shared.get(VERSION_KEY, (None, None)), None
    return version, found.get(key)


@contextlib.contextmanager
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


def stamp_of(read, versions):
    """What a value that read the tables `read` is checked against: their versions in
    `versions` (table_versions()) and EVERYTHING's; the content version's if it read none."""
    return tuple((table, versions[table]) for table in (read or {""}) | {EVERYTHING})


def is_current(stamp, versions):
    """Whether the tables a value read are unchanged since (then noted as read again)."""
    if current := all(versions.get(table) == seen for table, seen in stamp):
        note_read(table for table, _ in stamp)
    return current


def note_query(execute, sql, params, many, context):
    """A database execute wrapper: notes the tables of content a query reads."""
    note_read(WATCHED_TABLES.intersection(QUOTED_NAME.findall(sql)))
    return execute(sql, params, many, context)


def note_read(tables):
    tables = set(tables)
    for state in _rendering.get():
        if "read" in state:  # a value being computed, not the request
            state["read"].update(tables)


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
