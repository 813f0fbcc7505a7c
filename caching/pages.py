"""Whole public pages kept in the cache, so that most visitors get a page without it
being rendered again, and marked so that a proxy or a browser may keep them too.

A cached page is valid until the content changes: every save or delete of content
(pages, projects, partners, …) moves the "content version" that each entry carries, so
an editor's change shows at once in every process. A change to one language's text
alone (a translator's) moves that language's part of the version only, so the other
languages' pages stay cached; a change to what only the item's own page shows (its body)
moves the part of that page's address alone, and of the pages that show every edit
(caching/invalidation.py). The version lives where every process sees it: in a
small file (CONTENT_VERSION_FILE), read on every request, which costs a few
microseconds, and with a shared cache (CACHE_URL=redis://…), there too. Pages also
expire after PAGE_CACHE_SECONDS, and no later than the moment the next scheduled
item appears, which then moves the version too.

The lookup runs before sessions, languages and CSRF (see MIDDLEWARE). Each process
keeps a copy of the pages it served last, so a page found costs no round trip to Redis,
and one when the process has no copy yet. The file moves at once for every process of
the machine; the version in Redis, which other machines move, is read at most once per
PAGE_CACHE_VERSION_SECONDS."""

import fcntl
import hashlib
import json
import logging
import math
import os
import tempfile
import threading
import time
from collections import OrderedDict
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    get_max_age,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.translation import get_language_from_path

from caching.invalidation import EVERYWHERE, pages_changed, reach_of, remember_stored_row
from content.models import LANGUAGE_CODES, next_publication

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"
# The query parameters that public pages read, as the apps declare them.
_read_parameters = set()
# Called with the changed object (the proxy's refresh, for instance).
_change_listeners = []


def pages_read_parameters(*names):
    """Public pages read these query parameters (filters, page numbers, a search): an
    app names its own from its AppConfig.ready(). Every other parameter (utm_source,
    fbclid, anything a crawler makes up) is dropped before a cacheable page is looked
    up or drawn, so it can neither add an entry to the cache nor leak into the page's
    links."""
    _read_parameters.update(names)


def on_content_change(listener):
    """`listener(instance, reach)` runs after `content_changed`, once the version has
    moved (`reach`: the pages the change reached, an edit_reach.Reach)."""
    _change_listeners.append(listener)
    return listener


def _drop_unread_parameters(request):
    unread = [name for name in request.GET if name not in _read_parameters]
    if unread:
        query = request.GET.copy()
        for name in unread:
            del query[name]
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()


def _shared_cache():
    """The cache every process shares, or None for the per-process default."""
    default = caches["default"]
    return None if isinstance(default, LocMemCache) else default


def _new_version():
    return str(time.time_ns())


# The content version has a part for the whole site ("*") and one per language: an edit
# confined to one language's text moves that language's part alone
# (caching/invalidation.py), anything else moves the site's. An edit confined to an
# item's own pages moves, instead, the part of each of their addresses ("path:…") and the
# part of every edit ("every-edit"), on which what all languages share depends.
SITE = "*"
EVERY_EDIT = "every-edit"
PATH = "path:"
# Addresses' parts the file keeps (each parse costs more with each): past this, the
# site's part moves instead, which puts every page out of date and lets them all go.
MAX_PATH_PARTS = 100


def _scopes(language):
    """The parts of the version that the pages of `language` depend on (every part for
    what all languages share, such as the sitemap or the data kept by each process)."""
    if language in LANGUAGE_CODES:
        return (SITE, language)
    return (SITE, *LANGUAGE_CODES, EVERY_EDIT)


def _path_scope(path):
    return f"{PATH}{path}"


def _version_file():
    return str(settings.CONTENT_VERSION_FILE)


# The file as last read (its name and text) and what it says: it is parsed again only
# when its text changed. Its text, not its inode and time, which a quick replacement
# can leave as they were.
_file_read = (None, None)


def _read_version_file():
    """{scope: version}, read on every request: one small file, parsed again only when its
    text changed."""
    global _file_read
    try:
        with open(_version_file()) as file:
            seen = (_version_file(), file.read())
        if _file_read[0] == seen:
            return _file_read[1]
        versions = _parse(seen[1])
    except FileNotFoundError:
        versions = None
    except OSError:
        logger.warning("Content version unreadable", exc_info=True)
        return None
    if versions is None or not all(scope in versions for scope in _scopes(None)):
        return _write_version_file((SITE,))
    _file_read = (seen, versions)
    return versions


def _parse(text):
    try:
        versions = json.loads(text)
    except ValueError:
        return None
    return versions if isinstance(versions, dict) else None


def _write_version_file(scopes):
    """Moves the parts named (and starts any part missing), under a lock so that two
    processes moving different parts at once both count, and replaced whole, so that a
    reader never sees half a file."""
    path = _version_file()
    try:
        directory = os.path.dirname(path) or "."
        os.makedirs(directory, exist_ok=True)
        with open(f"{path}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                with open(path) as file:
                    versions = _parse(file.read()) or {}
            except FileNotFoundError:
                versions = {}
            versions = _moved(versions, scopes, _new_version())
            handle, temporary = tempfile.mkstemp(dir=directory, prefix=".content-version.")
            with os.fdopen(handle, "w") as file:
                file.write(json.dumps(versions))
            os.replace(temporary, path)
    except OSError:
        logger.warning("Content version not written", exc_info=True)
        return None
    return versions


def _moved(versions, scopes, version):
    versions = {**versions, **dict.fromkeys(scopes, version)}
    for scope in _scopes(None):
        versions.setdefault(scope, version)
    paths = [scope for scope in versions if scope.startswith(PATH)]
    if SITE in scopes or len(paths) > MAX_PATH_PARTS:
        # Every page's version moves with the site's: no address's part is needed.
        versions = {scope: moved for scope, moved in versions.items() if scope not in paths}
        versions[SITE] = version
    return versions


def _remote_key(scope):
    return f"{VERSION_KEY}:{scope}"


class _RemoteVersion:
    """The version other machines move, read from the shared cache by each process: the
    common parts at most once per PAGE_CACHE_VERSION_SECONDS, in one round trip, and an
    address's part again only after an edit confined to some page moved the part of
    every edit. A page found costs none."""

    def __init__(self):
        self.value, self.read_at = None, 0.0
        # {path scope: (its part, "-" if it never moved; the part of every edit then)}
        self.paths = {}

    def get(self, shared, path=None):
        """{scope: part}, the address's too when asked, or None when Redis cannot be
        read (pages are then drawn, not served from the cache)."""
        common = self._common(shared)
        if common is None or path is None:
            return common
        scope = _path_scope(path)
        held = self.paths.get(scope)
        if held is not None and held[1] == common[EVERY_EDIT]:
            return {**common, scope: held[0]}
        # With the part of every edit, which always exists: missing, Redis is away.
        found = shared.get_many([_remote_key(scope), _remote_key(EVERY_EDIT)])
        every_edit = found.get(_remote_key(EVERY_EDIT))
        if every_edit is None:
            return None
        part = found.get(_remote_key(scope), "-")
        self._keep_path(scope, part, every_edit)
        return {**common, EVERY_EDIT: every_edit, scope: part}

    def _common(self, shared):
        value, read_at = self.value, self.read_at
        if value is not None and time.monotonic() - read_at < settings.PAGE_CACHE_VERSION_SECONDS:
            return value
        keys = [_remote_key(scope) for scope in _scopes(None)]
        found = shared.get_many(keys)
        if len(found) < len(keys):
            for key in keys:
                if key not in found:
                    shared.add(key, _new_version(), timeout=None)
            found = shared.get_many(keys)
        # A failure is not remembered: the cache itself leaves a dead Redis alone.
        value = None
        if len(found) == len(keys):
            value = {scope: found[_remote_key(scope)] for scope in _scopes(None)}
        self.value, self.read_at = value, time.monotonic()
        return value

    def _keep_path(self, scope, part, every_edit):
        if len(self.paths) >= 4 * settings.PAGE_CACHE_LOCAL_ENTRIES:
            self.paths = {}
        self.paths[scope] = (part, every_edit)

    def move(self, shared, scopes, paths=()):
        """The addresses' parts first: a process that sees the part of every edit move
        then finds theirs moved too. Kept without a time limit, as every part of the
        version: if Redis must evict, it may evict pages, which expire (volatile-lru)."""
        version = _new_version()
        path_scopes = [_path_scope(path) for path in paths]
        if path_scopes:
            shared.set_many(dict.fromkeys(map(_remote_key, path_scopes), version), timeout=None)
        shared.set_many(dict.fromkeys(map(_remote_key, scopes), version), timeout=None)
        value = self.value
        if value is not None:
            self.value = {**value, **dict.fromkeys(scopes, version)}
            self.read_at = time.monotonic()
            for scope in path_scopes:
                self._keep_path(scope, version, self.value[EVERY_EDIT])


remote_version = _RemoteVersion()


def content_version(language=None, path=None):
    """The version the pages of `language` are kept under (None: what every language
    shares), and with `path`, the page at that address: from the file every process of
    this machine sees, and with a shared cache, from there too (for other machines).
    None when either cannot be read: pages are then rendered without the cache, never
    refused."""
    parts = _version_parts(path)
    if parts is None:
        return None
    version = "/".join(parts(scope) for scope in _scopes(language))
    return version if path is None else f"{version}|{parts(_path_scope(path))}"


def content_versions():
    """{language: version} for every language, and for None what they share, from one
    reading of the file and of the shared cache: what a request keeps data under
    (caching/fragments.py). None when either cannot be read."""
    parts = _version_parts()
    if parts is None:
        return None
    return {
        language: "/".join(parts(scope) for scope in _scopes(language))
        for language in (None, *LANGUAGE_CODES)
    }


def _version_parts(path=None):
    """A function giving each part of the version, both places read, or None."""
    local = _read_version_file()
    shared = _shared_cache()
    remote = remote_version.get(shared, path) if shared is not None and local is not None else {}
    if local is None or remote is None:
        return None

    def part(scope):
        # An address's part is "-" until an edit confined to its page moves it.
        return f"{local.get(scope, '-')}:{remote[scope]}" if remote else local.get(scope, "-")

    return part


def _move_version(scopes, paths=()):
    _write_version_file((*scopes, *(_path_scope(path) for path in paths)))
    shared = _shared_cache()
    if shared is not None:
        remote_version.move(shared, scopes, paths)


def content_changed(sender=None, **kwargs):
    """Moves the version at once (this process, and tests inside a transaction, see the
    change) and again once the transaction commits, so that a page another process drew
    from the data before the commit is not kept under the new version. A save that only
    changed some languages' text moves those languages' part alone, and one confined to
    the item's own page, that page's part (and of those showing every edit)."""
    instance = kwargs.get("instance")
    signal = kwargs.get("signal")
    reach = (
        reach_of(instance, saved=signal is post_save) if signal is not m2m_changed else EVERYWHERE
    )
    if reach.own_pages:
        scopes, paths = (EVERY_EDIT,), pages_changed(instance, reach)
    else:
        scopes, paths = (SITE,) if reach.languages is None else tuple(reach.languages), ()
    _move_version(scopes, paths)
    transaction.on_commit(lambda: _move_version(scopes, paths))
    for listener in _change_listeners:
        listener(instance, reach)


def refresh_on_change(*models):
    """Public pages show these models: a save or delete of one of them, or a change to
    its many-to-many links, puts every cached page out of date. Every kind of content
    (a Content subclass) is watched by itself; an app names the other models its pages
    show (partners, cities, …) from its AppConfig.ready()."""
    for model in models:
        pre_save.connect(remember_stored_row, sender=model, dispatch_uid="page-cache")
        for signal in (post_save, post_delete):
            signal.connect(content_changed, sender=model, dispatch_uid="page-cache")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                content_changed, sender=field.remote_field.through, dispatch_uid="page-cache"
            )


def page_lifetime(version):
    """How long a page may be kept: PAGE_CACHE_SECONDS, but no later than the moment
    the next scheduled item appears, since that may change any list or menu. Worked out
    once per content version (editors' changes move it) rather than for every page, and
    kept no longer than the pages it serves: each edit makes a new version."""
    # Per version of the language, not of each page: an edit confined to a page's own
    # text (its part, after "|") does not schedule anything.
    next_moment = cache.get_or_set(
        f"next-publication:{version.partition('|')[0]}",
        lambda: next_publication() or "none",
        timeout=max(settings.PAGE_CACHE_SECONDS, 1),
    )
    if next_moment == "none":
        return settings.PAGE_CACHE_SECONDS
    until = math.ceil((next_moment - timezone.now()).total_seconds())
    if until <= 0:
        # The scheduled item is out: the site's content has changed as if it were saved.
        content_changed()
        return 0
    return min(settings.PAGE_CACHE_SECONDS, until)


class _RecentPages:
    """This process's copy of the pages it served last, so that a page found costs no
    transfer of the page from Redis (and with the in-memory default, is the cache)."""

    def __init__(self):
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > settings.PAGE_CACHE_LOCAL_ENTRIES:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


recent_pages = _RecentPages()


def forget_all():
    """Empties this process's pages and forgets the version it read (tests start from
    nothing)."""
    global remote_version, _file_read
    recent_pages.clear()
    remote_version = _RemoteVersion()
    _file_read = (None, None)


def _is_fresh(entry, version):
    return entry is not None and entry["version"] == version and entry["until"] > time.time()


def _lookup(key, language, path):
    """The content version of the page at `path` in `language`, and the entry kept for
    `key` under it (or None): from this process's copy without a round trip, or else in
    one from the shared cache."""
    version = content_version(language, path)
    local = recent_pages.get(key)
    if version is None:
        # The shared cache is away: this process's copy beats no page at all.
        return None, local if local is not None and local["until"] > time.time() else None
    if _is_fresh(local, version):
        return version, local
    shared = _shared_cache()
    entry = shared.get(key) if shared is not None else None
    if not _is_fresh(entry, version):
        return version, None
    recent_pages.put(key, entry)
    return version, entry


def _store(key, version, response):
    lifetime = max(page_lifetime(version), 1)
    entry = {
        "version": version,
        "until": time.time() + lifetime,
        "content": response.content,
        "headers": list(response.headers.items()),
    }
    recent_pages.put(key, entry)
    shared = _shared_cache()
    if shared is not None:
        shared.set(key, entry, lifetime)
    return entry


def _response_from(request, entry):
    # A HEAD gets the headers alone (Content-Length still the page's), as gunicorn
    # would otherwise drop the body with a warning in the log for each one.
    response = HttpResponse(b"" if request.method == "HEAD" else entry["content"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    return get_conditional_response(request, etag=response["ETag"], response=response)


def mark_public(response, max_age=None):
    """A page any anonymous visitor gets alike: proxies and browsers may keep it for
    HTTP_CACHE_SECONDS, and serve it a little longer while they ask again; the ETag
    turns their next question into a 304. Staff see the same address differently
    (previews, the page as it is now), hence Vary: Cookie."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.HTTP_CACHE_SECONDS if max_age is None else max_age,
        stale_while_revalidate=settings.HTTP_STALE_SECONDS,
    )
    patch_vary_headers(response, ("Cookie",))
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'


def mark_private(response):
    add_never_cache_headers(response)
    patch_vary_headers(response, ("Cookie",))


def _is_anonymous_read(request):
    # A HEAD is answered from (and may fill) the same entry as a GET.
    return request.method in ("GET", "HEAD") and not _is_signed_in(request)


def _is_signed_in(request):
    """Staff may be previewing or editing: they always see the page as it is now. Only
    a session someone signed in with counts, so a made-up session cookie costs one
    look-up of the session, not a page drawn afresh. The lookup may run before the
    session middleware, so it opens the session itself then."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if session_key is None:
        return False
    session = getattr(request, "session", None)
    if session is None:
        engine = import_module(settings.SESSION_ENGINE)
        session = engine.SessionStore(session_key)
    return SESSION_KEY in session


def _is_shareable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # Views that must not be shared (previews, search results) say so.
        and get_max_age(response) is None
        and "private" not in response.get("Cache-Control", "")
    )


def _draw(request, get_response):
    response = get_response(request)
    if getattr(response, "is_rendered", True) is False:
        response.render()  # a view's TemplateResponse, before the handler renders it
    return response


def cached_until_content_changes(get_response):
    """Wraps a view (or the rest of the middleware chain) so that its pages are kept,
    and says who else may keep them."""

    def cached(request):
        if not _is_anonymous_read(request):
            response = get_response(request)
            if request.method in ("GET", "HEAD"):
                mark_private(response)
            return response
        if settings.PAGE_CACHE_SECONDS <= 0:
            return _answer_fresh(request, _draw(request, get_response))
        _drop_unread_parameters(request)
        # The host and scheme are part of the page: canonical and Open Graph links are
        # absolute, and a request over HTTP must still reach the redirect to HTTPS.
        key = f"page:{request.scheme}://{request.get_host()}{request.get_full_path()}"
        language = get_language_from_path(request.path_info)
        version, entry = _lookup(key, language, request.path)
        if entry is not None:
            return _response_from(request, entry)
        if version is not None and page_lifetime(version) == 0:
            # A scheduled item has just come out: draw under the version that moved,
            # so that nothing kept under the old one (menus, lists) is used.
            version = content_version(language, request.path)
        keep = None if version is None else (lambda response: _store(key, version, response))
        return _answer_fresh(request, _draw(request, get_response), keep, version)

    return cached


def _answer_fresh(request, response, keep=None, version=None):
    if not _is_shareable(response):
        if response.status_code >= 400:
            mark_private(response)
        return response
    # Proxies may not keep the page past the moment the next scheduled item comes out.
    lifetime = settings.HTTP_CACHE_SECONDS if version is None else page_lifetime(version)
    mark_public(response, min(settings.HTTP_CACHE_SECONDS, max(lifetime, 1)))
    if keep is not None:
        keep(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def public_page_cache(get_response):
    """Middleware: keeps the pages under a language prefix (`/<code>/`), and those of
    PAGE_CACHE_UNPREFIXED."""
    cached = cached_until_content_changes(get_response)
    unprefixed = tuple(settings.PAGE_CACHE_UNPREFIXED)

    def middleware(request):
        path = request.path_info
        if get_language_from_path(path) is None and not path.startswith(unprefixed):
            return get_response(request)
        return cached(request)

    return middleware
