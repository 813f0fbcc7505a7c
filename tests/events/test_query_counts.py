"""The news and events pages cost what the projects list costs: a few queries drawn
afresh, the same with a dozen items as with hundreds."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event
from news.models import News
from tests.factories import make_content

pytestmark = pytest.mark.django_db

MAX_QUERIES = 6
PAGES = [
    "/en/news/",
    "/en/news/?page=2",
    "/en/news/item-0-en/",
    "/en/news/feed.atom",
    "/en/events/",
    "/en/events/archive/",
    "/en/events/event-0-en/",
    "/en/events/event-0-en.ics",
    "/en/events/feed.ics",
    "/en/",
]


def add(count, start=0):
    now = timezone.now()
    for number in range(start, start + count):
        make_content(News, f"item-{number}", published_at=now - timedelta(hours=number))
        begins = now + timedelta(days=number - count // 2)
        make_content(
            Event, f"event-{number}", starts_at=begins, ends_at=begins + timedelta(hours=2)
        )


def queries(client, path):
    client.get(path)  # the first visitor fills the copies kept per content version
    with CaptureQueriesContext(connection) as run:
        assert client.get(path).status_code == 200, path
    return len(run)


def test_news_and_events_pages_run_few_queries_whatever_their_number(client, site_content):
    add(12)
    small = {path: queries(client, path) for path in PAGES}
    add(120, start=12)
    large = {path: queries(client, path) for path in PAGES}
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large
