"""What many pages show the same (menus, the footer, the organisation, cards, the list's
counts), cached by each process under the current content version for at most
FRAGMENT_CACHE_SECONDS, in the `local` cache: a page rendered afresh then renders only
what is its own. Templates use Django's `{% cache %}` with `content_version` (see
context_processors.py); Python uses `cached()` and `cached_many()`."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches

from caching.version import current_version

_MISSING = object()
# What is being rendered (a page, and a value it caches): do_not_cache() marks them all.
_rendering = ContextVar("rendering", default=())


def seconds_to_keep():
    return 0 if settings.DEBUG else settings.FRAGMENT_CACHE_SECONDS


def cached(name, compute):
    """`compute()`, once per process and content version."""
    return cached_many([name], lambda names: {name: compute()})[name]


def cached_many(keys, compute_missing):
    """{key: value} for each of `keys` (strings or tuples naming all a value depends on
    but the content), each computed once per process and content version:
    `compute_missing(keys)` gives {key: value} for those not cached, all at once."""
    version = current_version()
    if version is None or seconds_to_keep() <= 0:
        return compute_missing(list(keys))
    local = caches["local"]
    names = {key: ":".join(map(str, (version, *_parts(key)))) for key in keys}
    found = local.get_many(names.values())
    values = {key: found.get(name, _MISSING) for key, name in names.items()}
    missing = [key for key, value in values.items() if value is _MISSING]
    if missing:
        with rendering() as complete:
            computed = compute_missing(missing)
        if complete():
            local.set_many({names[key]: computed[key] for key in computed}, seconds_to_keep())
        values.update(computed)
    return {key: value for key, value in values.items() if value is not _MISSING}


def _parts(key):
    return key if isinstance(key, tuple) else (key,)


@contextmanager
def rendering():
    """While something is rendered: yields a function that says, once it is done, whether
    it is complete, that is whether nothing it shows called do_not_cache()."""
    state = {"complete": True}
    token = _rendering.set((*_rendering.get(), state))
    try:
        yield lambda: state["complete"]
    finally:
        _rendering.reset(token)


def do_not_cache():
    """What is being rendered lacks a part that failed for a moment (a picture whose
    copies could not be made): neither it nor what it is part of (the page) is cached,
    so the next request tries again."""
    for state in _rendering.get():
        state["complete"] = False
