"""The database's planner chooses, for each query, among the indexes that the lists, the
feed and the sitemaps read, from what it knows of the tables' sizes and spreads.

PostgreSQL keeps those figures itself (autovacuum analyses a table as it grows). SQLite
keeps none unless asked: without them it guesses, and once a table has an index that
matches more of a query's conditions than the one in the list's order, it reads that one
and sorts every project, where it should read the first dozen rows of the order's index
(at 12,000 projects, the home page at half its speed). With the figures, it reads each
query's own index. So, on SQLite, the content's tables are measured again after many
rows arrive at once (seeding, the initial content, a restore, the migration that added
the index) and once content changes, at most once per STATISTICS_SECONDS per process:
figures taken when there were 17 projects mislead the planner at 12,000, so they must
keep pace with the growth. Measuring reads each of their indexes whole, which takes
5 to 40 ms at 12,000 projects (a sample, PRAGMA analysis_limit, misled the planner into
sorting the home page's projects again). Other connections (each worker's) read the
new figures when they next connect, within CONN_MAX_AGE."""

import logging
import time

from django.db import DatabaseError, connection, transaction

from content.models import content_models

logger = logging.getLogger(__name__)

STATISTICS_SECONDS = 30.0

# When content changes may next ask for the figures (time.monotonic()).
_next_due = 0.0


def content_tables():
    """Every kind of content's table and those of its many-to-many links."""
    tables = []
    for model in content_models():
        tables.append(model._meta.db_table)
        tables += [
            field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many
        ]
    return tables


def refresh_statistics():
    """Measures the content's tables again, for SQLite's planner (PostgreSQL's keeps its
    own)."""
    if connection.vendor != "sqlite":
        return
    try:
        with connection.cursor() as cursor:
            for table in content_tables():
                cursor.execute(f'ANALYZE "{table}"')
    except DatabaseError:
        # The figures only steer the planner: a busy or read-only database keeps the
        # old ones, and the edit that asked stands.
        logger.warning("Planner statistics not refreshed", exc_info=True)


def statistics_follow_content(sender=None, **kwargs):
    """A receiver of every save and deletion of content: one measure once the change is
    committed, then none for STATISTICS_SECONDS, however many
    saves a transaction makes (an admin save sends several signals, a restore thousands)."""
    global _next_due
    if connection.vendor != "sqlite" or time.monotonic() < _next_due:
        return
    _next_due = time.monotonic() + STATISTICS_SECONDS
    transaction.on_commit(refresh_statistics)


def refresh_statistics_after(**kwargs):
    """After many rows arrived at once (a restored backup)."""
    refresh_statistics()
