"""A database that stops answering once connected (its host frozen, a network that keeps
the connection open but carries nothing) would hold a visitor until gunicorn's timeout:
libpq's connect_timeout covers only connecting, statement_timeout is enforced by the
server, which never hears the query, and tcp_user_timeout never fires while something
on the way still acknowledges the packets. So, while a request is answered, each wait for
the database has a deadline on this side: DATABASE_ANSWER_TIMEOUT seconds. Past it the
connection is closed and the request ends with an OperationalError, which the "back
soon" page (operations/health.py) turns into a 503 with Retry-After.

Only requests: a backup or a restore (management commands) may wait longer on one large
query, and the server's statement_timeout bounds them."""

from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import OperationalError
from django.db.backends.signals import connection_created
from psycopg import errors

_answering = ContextVar("answering_a_request", default=False)


def request_begins(**kwargs):
    _answering.set(True)


def request_ends(**kwargs):
    _answering.set(False)


def give_waits_a_deadline(sender, connection, **kwargs):
    """connection_created: the new PostgreSQL connection's waits get the deadline."""
    seconds = settings.DATABASE_ANSWER_TIMEOUT
    if connection.vendor != "postgresql" or not seconds:
        return
    raw = connection.connection
    wait = raw.wait

    def wait_with_deadline(gen, *args, timeout=None, **kwargs):
        if not _answering.get():
            return wait(gen, *args, timeout=timeout, **kwargs)
        try:
            return wait(gen, *args, timeout=min(timeout or seconds, seconds), **kwargs)
        except errors._WaitTimeout:
            # Abandoned halfway through a message, the connection cannot be used again.
            raw.close()
            # Django's own error, not psycopg's: the health check Django runs on a kept
            # connection must not swallow it and spend connect_timeout more on a new one.
            raise OperationalError(
                f"The database did not answer within {seconds} seconds."
            ) from None

    # psycopg's connection is a plain object: its cursors call this instance's wait().
    raw.wait = wait_with_deadline


def connect():
    request_started.connect(request_begins, dispatch_uid="database-deadline-begins")
    request_finished.connect(request_ends, dispatch_uid="database-deadline-ends")
    connection_created.connect(give_waits_a_deadline, dispatch_uid="database-deadline")
