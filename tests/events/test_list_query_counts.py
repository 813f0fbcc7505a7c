"""The news list, the upcoming events and the calendar feed read a few queries whatever
the number of news items and events: drawn afresh for the first visitor after an edit,
a few more than for those after, who read as many for hundreds as for a dozen."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from caching.version import invalidate

pytestmark = pytest.mark.django_db

# The first visitor after an edit also counts the items, asks when the content next
# changes by itself (kept a second with the page cache off, caching/version.py) and
# reads what every page shows (13 today); those after read the page's items only (1).
FIRST_VISIT_QUERIES = 20
LATER_QUERIES = 2
PAGES = ["news:list", "events:list", "events:feed"]


def seed(count, start=0):
    for command in ("seed_news", "seed_events"):
        call_command(command, str(count), f"--start={start}", stdout=StringIO())


def visits(client, path, django_assert_max_num_queries):
    invalidate()  # as after an edit: nothing is kept yet
    with django_assert_max_num_queries(FIRST_VISIT_QUERIES, info=path):
        assert client.get(path).status_code == 200, path
    # A first visit slower than a second (a busy machine) lets that moment go: the next
    # visitor asks again, and those after do not.
    client.get(path)
    with django_assert_max_num_queries(LATER_QUERIES, info=path) as later:
        assert client.get(path).status_code == 200, path
    return len(later)


@pytest.mark.parametrize("name", PAGES)
def test_a_list_or_the_feed_reads_as_few_queries_for_hundreds_as_for_a_dozen(
    client, site_content, django_assert_max_num_queries, name
):
    path = reverse(name)
    seed(12)
    small = visits(client, path, django_assert_max_num_queries)
    seed(600, start=12)
    large = visits(client, path, django_assert_max_num_queries)
    assert small == large
