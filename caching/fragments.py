"""What many pages show the same (menus, the footer, cards, a list's counts), cached by each
process under the content version for FRAGMENT_CACHE_SECONDS in the `local` cache. Templates
use `{% cache %}` with `content_version` (context()); Python `cached()`, `cards()`…"""

import uuid

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from caching.version import current_version, rendering


def seconds_to_keep():
    return 0 if settings.DEBUG else settings.FRAGMENT_CACHE_SECONDS


def context(request):
    """For `{% cache fragment_seconds "name" … content_version LANGUAGE_CODE using="local" %}`:
    the version, read when a fragment asks (unreadable: a new key each time)."""
    return {
        "content_version": SimpleLazyObject(lambda: current_version() or uuid.uuid4().hex),
        "fragment_seconds": seconds_to_keep(),
    }


def cached(name, compute):
    """`compute()`, once per process and content version."""
    return cached_many([name], lambda names: {name: compute()})[name]


def cached_many(keys, compute_missing):
    """{key: value} for each of `keys` (strings or tuples naming all a value depends on
    but the content), computed once per process and content version, those missing all at
    once by `compute_missing(keys)`."""
    version = current_version()
    if version is None or seconds_to_keep() <= 0:
        return compute_missing(list(keys))
    names = {key: ":".join(map(str, (version, *_parts(key)))) for key in keys}
    found = caches["local"].get_many(names.values())
    values = {key: found[name] for key, name in names.items() if name in found}
    missing = [key for key in names if key not in values]
    if missing:
        with rendering() as state:
            computed = compute_missing(missing)
        if state["complete"]:
            caches["local"].set_many({names[k]: v for k, v in computed.items()}, seconds_to_keep())
        values.update(computed)
    return values


def cards(model, ids, template, name, prepare=None, eager=0, **context):
    """`template` rendered for each object of `model` in `ids`, in order, as `name` with
    `context`, once per process, language and content version: a list reads only which
    objects it shows. `prepare(objects)` reads what those rendered need; the first `eager`
    get `lazy` false (their pictures load at once)."""
    fixed = (model._meta.label_lower, get_language(), template, *sorted(context.items()))
    keys = [(pk, position >= eager, *fixed) for position, pk in enumerate(ids)]

    def render(missing):
        objects = model._default_manager.in_bulk([key[0] for key in missing])
        if prepare:
            prepare(objects.values())
        return {
            key: render_to_string(template, {name: objects[key[0]], "lazy": key[1], **context})
            for key in missing
            if key[0] in objects
        }

    rendered = cached_many(keys, render)
    return [rendered[key] for key in keys if key in rendered]


def _parts(key):
    return key if isinstance(key, tuple) else (key,)
