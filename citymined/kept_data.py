"""What every page shows and few edits change (the organisation's details, the menus,
the funders in the footer, the list of cities and themes), kept in each server process
until the content changes.

Read from the database for every page, these rows cost as many queries as the page's
own content. They are kept against the content version that the page cache already
moves on every save (citymined/page_cache.py), so an edit shows on the next page drawn,
in every process that sees the same version."""

import time

from citymined.page_cache import content_version

_kept = {}


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


def fragment_version():
    """The content version for keys of cached fragments (`{% cache … content_version %}`):
    without one (the cache is down), a key never used before, so nothing is reused."""
    version = content_version()
    return version if version is not None else f"unversioned-{time.time_ns()}"
