"""What many pages show the same (menus, the footer, the organisation, cards, the list's
counts), cached by each process under the current content version for at most
FRAGMENT_CACHE_SECONDS, in the `local` cache: a page rendered afresh then renders only
what is its own. Templates use Django's `{% cache %}` with `content_version` (see
context()); Python uses `cached()` and `cached_many()`."""

import uuid

from django.conf import settings
from django.core.cache import caches
from django.utils.functional import SimpleLazyObject

from caching.version import current_version, rendering

_MISSING = object()


def seconds_to_keep():
    return 0 if settings.DEBUG else settings.FRAGMENT_CACHE_SECONDS


def context(request):
    """What templates' `{% cache %}` fragments are keyed and kept under:
    `{% cache fragment_seconds "name" … content_version LANGUAGE_CODE using="local" %}`.
    Read only when a fragment asks; while the version cannot be read, a key of its own
    each time, so nothing is reused."""
    return {
        "content_version": SimpleLazyObject(lambda: current_version() or uuid.uuid4().hex),
        "fragment_seconds": seconds_to_keep(),
    }


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
        with rendering() as state:
            computed = compute_missing(missing)
        if state["complete"]:
            local.set_many({names[key]: computed[key] for key in computed}, seconds_to_keep())
        values.update(computed)
    return {key: value for key, value in values.items() if value is not _MISSING}


def _parts(key):
    return key if isinstance(key, tuple) else (key,)
