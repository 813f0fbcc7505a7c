"""What many pages show the same (menus, the footer, the organisation, cards, the list's
counts), cached by each process under the current content version for at most
FRAGMENT_CACHE_SECONDS, in the `local` cache: a page rendered afresh then renders only
what is its own. Templates use Django's `{% cache %}` with `content_version` (see
context()); Python uses `cached()`, `cached_many()`, and `cards()` for a list's items."""

import uuid

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from caching.version import current_version, rendering

_MISSING = object()


def seconds_to_keep():
    return 0 if settings.DEBUG else settings.FRAGMENT_CACHE_SECONDS


def context(request):
    """For `{% cache fragment_seconds "name" … content_version LANGUAGE_CODE using="local" %}`:
    the version is read only when a fragment asks; while it cannot be read, a key of its
    own each time, so nothing is reused."""
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


def cards(model, ids, template, name, prepare=None, eager=0, **context):
    """The HTML of `template` for each object of `model` whose key is in `ids`, in that
    order, with the object as `name` besides `context`: each drawn once per process,
    language and content version, so that a list reads only which objects it shows.
    `prepare(objects)` reads what the drawn ones need at once; the first `eager` get
    `lazy` false (their pictures load at once). An object gone since has none."""
    fixed = (model._meta.label_lower, get_language(), template, *sorted(context.items()))
    keys = [(pk, position >= eager, *fixed) for position, pk in enumerate(ids)]

    def draw(missing):
        objects = model._default_manager.in_bulk([key[0] for key in missing])
        if prepare:
            prepare(objects.values())
        return {
            key: render_to_string(template, {name: objects[key[0]], "lazy": key[1], **context})
            for key in missing
            if key[0] in objects
        }

    drawn = cached_many(keys, draw)
    return [drawn[key] for key in keys if key in drawn]


def _parts(key):
    return key if isinstance(key, tuple) else (key,)
