"""What many pages show the same (menus, the footer, the organisation, cards, the list's
counts), cached by each process under the current content version for at most
FRAGMENT_CACHE_SECONDS, in the `local` cache: a page rendered afresh then renders only
what is its own. Templates use Django's `{% cache %}` with `content_version` (see
context_processors.py); Python uses `cached()` and `cached_many()`, and `cards()` for the
items of a list."""

from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.translation import get_language

from caching.version import current_version

_MISSING = object()
# Set while something is rendered without a part that failed for a moment (a picture's
# resized copies): it is then not cached, and neither is the page.
_incomplete = ContextVar("incomplete", default=False)


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
        computed, complete = _computed(compute_missing, missing)
        if complete:
            local.set_many({names[key]: computed[key] for key in computed}, seconds_to_keep())
        values.update(computed)
    return {key: value for key, value in values.items() if value is not _MISSING}


def cards(model, ids, template, name, **context):
    """The HTML of `template` for each object of `model` whose key is in `ids`, in that
    order, with the object as `name` besides `context`: each drawn once per process,
    language and content version, so that a list reads only which objects it shows. An
    object gone since its key was read has none."""
    fixed = (model._meta.label_lower, get_language(), template, *sorted(context.items()))
    keys = [(pk, *fixed) for pk in ids]

    def draw(missing):
        objects = model._default_manager.in_bulk([key[0] for key in missing])
        return {
            key: render_to_string(template, {name: objects[key[0]], **context})
            for key in missing
            if key[0] in objects
        }

    drawn = cached_many(keys, draw)
    return [drawn[key] for key in keys if key in drawn]


def _parts(key):
    return key if isinstance(key, tuple) else (key,)


def _computed(compute_missing, keys):
    token = _incomplete.set(False)
    try:
        computed = compute_missing(keys)
        complete = not _incomplete.get()
    finally:
        _incomplete.reset(token)
    if not complete:
        do_not_cache()  # what it is part of lacks it too
    return computed, complete


def start_request():
    """Forgets what the thread's previous request did not cache; a token to reset."""
    return _incomplete.set(False)


def end_request(token):
    _incomplete.reset(token)


def do_not_cache():
    """What is being rendered lacks a part that failed for a moment (a picture whose
    copies could not be made): it is not cached, so the next request tries again."""
    _incomplete.set(True)


def is_incomplete():
    return _incomplete.get()
