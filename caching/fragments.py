"""What many pages show the same (menus, the footer, cards, a list's counts), cached by each
process for FRAGMENT_CACHE_SECONDS in the `local` cache. Templates use `{% cache %}` with
`content_version` (context()): any edit invalidates those. Values cached by `cached()`,
`cards()`… stay until an edit to a table of content their queries read."""

import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from caching import version


def fragment_seconds():
    return 0 if settings.DEBUG else settings.FRAGMENT_CACHE_SECONDS


def context(request):
    """For `{% cache fragment_seconds "name" … content_version LANGUAGE_CODE using="local" %}`:
    the version, read when a fragment asks (unreadable: a new key each time)."""
    name = SimpleLazyObject(lambda: version.current_version() or uuid.uuid4().hex)
    return {"content_version": name, "fragment_seconds": fragment_seconds()}


def cached(name, compute):
    """`compute()`, once per process until an edit to what it read."""
    key = name if isinstance(name, tuple) else (name,)
    return cached_many([key], lambda keys: {key: compute()})[key]


def cached_many(keys, compute_missing):
    """{key: value} for each of `keys` (tuples naming all a value depends on but the
    content), computed once per process until an edit to a table of content its queries
    read (any edit, for a value that read none), those missing at once by
    `compute_missing(keys)`."""
    if version.current_version() is None or fragment_seconds() <= 0:
        return compute_missing(list(keys))
    versions = version.table_versions()  # before anything is read
    names = {key: ":".join(map(str, key)) for key in keys}
    found = caches["local"].get_many(names.values())
    values = {
        key: found[name][1]
        for key, name in names.items()
        if name in found and version.is_current(found[name][0], versions)
    }
    if missing := [key for key in names if key not in values]:
        with version.rendering(read=set()) as state, connection.execute_wrapper(version.note_query):
            computed = compute_missing(missing)
        if state["complete"]:
            stamp = version.stamp_of(state["read"], versions)
            cache = {names[key]: (stamp, value) for key, value in computed.items()}
            caches["local"].set_many(cache, fragment_seconds())
        values.update(computed)
    return values


def cards(queryset, ids, template, name, prepare=None, eager=0, **context):
    return card_lists(queryset, template, name, prepare, [(ids, eager, context)])[0]


def card_lists(queryset, template, name, prepare, lists):
    """For each list (ids, eager, context) of a page, `template` rendered for each object of
    `queryset` in `ids`, in order, as `name` with `context`, cached as cached_many() does,
    per language; those missing read at once, with `prepare(objects)`.
    The first `eager` of a list get `lazy` false (their pictures load at once)."""
    fixed = (queryset.model._meta.label_lower, get_language(), template)
    keys = [
        [(pk, i >= eager, *fixed, tuple(sorted(context.items()))) for i, pk in enumerate(ids)]
        for ids, eager, context in lists
    ]

    def render(missing):
        objects = queryset.in_bulk({key[0] for key in missing})
        if prepare:
            prepare(objects.values())
        drawn = [key for key in missing if key[0] in objects]
        contexts = ({name: objects[k[0]], "lazy": k[1], **dict(k[-1])} for k in drawn)
        return {key: render_to_string(template, c) for key, c in zip(drawn, contexts, strict=True)}

    rendered = cached_many([key for group in keys for key in group], render)
    return [[rendered[key] for key in group if key in rendered] for group in keys]
