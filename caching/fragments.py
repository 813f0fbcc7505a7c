"""What every page shows and few edits change (the organisation's details, the menus,
the funders in the footer, the list of cities and themes), kept in each server process
until the content changes.

Read from the database for every page, these rows cost as many queries as the page's
own content. They are kept against the content version that the page cache already
moves on every save (caching/pages.py), so an edit shows on the next page drawn,
in every process that sees the same version.

What many pages of one language show the same (a project's card, the menu, the footer)
is kept against the version of that language's pages (until_language_changes): an edit
of another language's text, or one confined to an item's own page (its text, its
gallery), leaves it kept. Pages drawn afresh then draw what is theirs alone.

A request keeps what it draws under the versions read as it started (read_versions_first),
never under one read later: an edit that lands while a page is drawn may have come
after the page read the content, and what it drew must not pass for the edited one."""

import threading
from collections import OrderedDict
from contextvars import ContextVar

from django.utils import timezone

from caching.pages import content_changed, content_version, content_versions
from content.models import next_publication

_kept = {}

# The versions read as the current request started, or None outside a request.
_request_versions = ContextVar("request_versions", default=None)
# Set while something is drawn without a part that failed for a moment (a picture's
# copies): it is then not kept.
_incomplete = ContextVar("incomplete", default=False)


class _Pool:
    """Kept values, at most `size`; past it, those used longest ago are dropped."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, version):
        with self.lock:
            held = self.entries.get(key)
            if held is None or held[0] != version:
                return None
            self.entries.move_to_end(key)
            return held

    def put(self, values, version):
        with self.lock:
            for key, value in values.items():
                self.entries[key] = (version, value)
                self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


# A project's card and what it is drawn from, for a few hundred lists: a few megabytes.
ITEMS = _Pool(3000)
# What templates keep ({% keep %}): the menus, footers and heads of each language. Apart,
# so that a crawler walking every list does not push them out.
FRAGMENTS = _Pool(500)


class _RequestVersions:
    """The versions read as a request started ({language or None: version}, empty when
    they could not be read), and whether a scheduled item has been looked for."""

    def __init__(self):
        self.versions = content_versions() or {}
        self.looked_for_scheduled = False

    def get(self, language):
        if not self.looked_for_scheduled:
            self.looked_for_scheduled = True
            # Before this request keeps anything: it may keep under the new version.
            if _moved_as_scheduled_came_out(self.versions.get(None)):
                self.versions = content_versions() or {}
        return self.versions.get(language)


def read_versions_first(get_response):
    """Middleware: reads the content versions (a file, and Redis at most once in a
    while) before anything reads the content."""

    def middleware(request):
        token = _request_versions.set(_RequestVersions())
        try:
            return get_response(request)
        finally:
            _request_versions.reset(token)

    return middleware


def _moved_as_scheduled_came_out(version):
    """A scheduled item that has come out since the version moved moves it, as its save
    would have (whether the page cache is on or not)."""
    if version is None:
        return False
    due = _kept_value("next-publication", version, next_publication)
    if due is None or due > timezone.now():
        return False
    content_changed()
    return True


def _version(language=None):
    versions = _request_versions.get()
    if versions is None:  # outside a request: a command, a feed drawn by a test
        return content_version(language)
    return versions.get(language)


def until_content_changes(name, compute):
    """`compute()`, worked out once per process and content version. Without a version
    (the cache is down) it is worked out every time: never served stale."""
    return _kept_value(name, _version(), compute)


def _kept_value(name, version, compute):
    if version is None:
        return compute()
    held = _kept.get(name)
    if held is not None and held[0] == version:
        return held[1]
    value = compute()
    _kept[name] = (version, value)
    return value


def until_language_changes(keys, compute_missing, language, pool=ITEMS):
    """{key: value} for each of `keys`, each worked out once per process and version of
    the pages of `language`: the version that moves with every edit its lists, menus
    and footer can show. `compute_missing(keys)` gives {key: value} for those not kept,
    all at once (one query for any number). A key names all its value depends on but
    the content (the item, the language, how it is drawn). Without a version, or when
    something failed while drawing it, it is worked out again next time."""
    version = _version(language)
    if version is None:
        return compute_missing(list(keys))
    found, missing = {}, []
    for key in keys:
        held = pool.get(key, version)
        if held is None:
            missing.append(key)
        else:
            found[key] = held[1]
    if missing:
        computed, complete = _drawn(compute_missing, missing)
        if complete:
            pool.put(computed, version)
        found.update(computed)
    return found


def _drawn(compute_missing, keys):
    token = _incomplete.set(False)
    try:
        computed = compute_missing(keys)
        complete = not _incomplete.get()
    finally:
        _incomplete.reset(token)
    if not complete:
        drawn_incomplete()  # what it is part of lacks it too
    return computed, complete


def drawn_incomplete():
    """What is being drawn lacks a part that failed for a moment (a picture whose copies
    could not be made): it is not kept, so the next page tries again."""
    _incomplete.set(True)
