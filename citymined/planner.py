"""The database's planner chooses, for each query, among the indexes that the lists, the
feed and the sitemaps read, from what it knows of the tables' sizes and spreads.

PostgreSQL keeps those figures itself (autovacuum analyses a table as it grows). SQLite
keeps none unless asked: without them it guesses, and once a table has an index that
matches more of a query's conditions than the one in the list's order, it reads that one
and sorts every project, where it should read the first dozen rows of the order's index
(at 12,000 projects, the home page at half its speed). With the figures, it reads each
query's own index. So, on SQLite, the figures are taken again once content changes,
at most once per STATISTICS_SECONDS per process: taking them costs a few milliseconds
even at 12,000 projects, and they need only keep pace with the tables' growth."""

import logging
import time

from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

STATISTICS_SECONDS = 30.0

_taken_at = None


def refresh_statistics():
    """Takes the tables' figures again, for the planner (after many rows came at once)."""
    global _taken_at
    _taken_at = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    except DatabaseError:
        # The figures only steer the planner: a busy or read-only database keeps the
        # old ones, and the edit that asked stands.
        logger.warning("Planner statistics not refreshed", exc_info=True)


def statistics_follow_content(instance=None, languages=None):
    """A listener of the page cache's content changes (see on_content_change)."""
    if connection.vendor != "sqlite":
        return
    if _taken_at is not None and time.monotonic() - _taken_at < STATISTICS_SECONDS:
        return
    transaction.on_commit(refresh_statistics)
