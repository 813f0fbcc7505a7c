"""What every page shows and few edits change (the organisation's details, the menus,
the funders in the footer, the list of cities and themes), kept in each server process
until the content changes.

Read from the database for every page, these rows cost as many queries as the page's
own content. They are kept against the content version that the page cache already
moves on every save (citymined/page_cache.py), so an edit shows on the next page drawn,
in every process that sees the same version.

What many pages of one language show the same (a project's card, the menu, the footer)
is kept against the version of that language's pages (until_language_changes): an edit
of another language's text, or one confined to an item's own page (its text, its
gallery), leaves it kept. Pages drawn afresh then draw what is theirs alone."""

import threading
from collections import OrderedDict

from citymined.page_cache import content_version

_kept = {}

# Enough for the items of a few hundred different lists, and a few megabytes at most:
# past it, those used longest ago are dropped.
KEPT_ITEMS = 3000
_items = OrderedDict()
_items_lock = threading.Lock()


def until_content_changes(name, compute):
    """`compute()`, worked out once per process and content version. Without a version
    (the cache is down) it is worked out every time: never served stale."""
    version = content_version()
    if version is None:
        return compute()
    held = _kept.get(name)
    if held is not None and held[0] == version:
        return held[1]
    value = compute()
    _kept[name] = (version, value)
    return value


def until_language_changes(keys, compute_missing, language):
    """{key: value} for each of `keys`, each worked out once per process and version of
    the pages of `language`: the version that moves with every edit its lists, menus
    and footer can show.
    `compute_missing(keys)` gives {key: value} for those not kept, all at once (one query
    for any number). A key names all its value depends on but the content (the item,
    the language, how it is drawn). Without a version, everything is worked out again."""
    version = content_version(language)
    if version is None:
        return compute_missing(list(keys))
    found, missing = {}, []
    with _items_lock:
        for key in keys:
            held = _items.get(key)
            if held is not None and held[0] == version:
                _items.move_to_end(key)
                found[key] = held[1]
            else:
                missing.append(key)
    if missing:
        computed = compute_missing(missing)
        with _items_lock:
            for key, value in computed.items():
                _items[key] = (version, value)
                _items.move_to_end(key)
            while len(_items) > KEPT_ITEMS:
                _items.popitem(last=False)
        found.update(computed)
    return found
