"""With Redis down or frozen, visitors still get pages, quickly, and the page cache
comes back by itself when Redis does."""

import os
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.resilience.servers import REDIS_SERVER

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.path.exists(REDIS_SERVER), reason="redis-server is not installed"),
]


def timed_get(client, path):
    with CaptureQueriesContext(connection) as queries:
        start = time.monotonic()
        response = client.get(path)
        elapsed = time.monotonic() - start
    assert response.status_code == 200
    return elapsed, len(queries)


def test_pages_are_served_quickly_while_redis_is_frozen(client, site_content, redis):
    timed_get(client, "/en/projects/")
    assert timed_get(client, "/en/projects/")[1] == 0  # from the cache
    redis.freeze()
    try:
        timings = [timed_get(client, "/en/projects/")[0] for _ in range(5)]
    finally:
        redis.thaw()
    # One socket timeout at most, then Redis is left alone for a while.
    assert max(timings) < 1 and sum(timings) < 2


def test_pages_are_cached_again_once_redis_is_back(client, site_content, redis):
    redis.stop()
    assert timed_get(client, "/en/projects/")[1] > 0
    redis.start()
    time.sleep(0.6)
    timed_get(client, "/en/projects/")
    assert timed_get(client, "/en/projects/")[1] == 0


def test_health_check_names_the_cache_when_redis_is_down(client, redis):
    assert client.get("/healthz").json() == {"database": "ok", "cache": "ok"}
    redis.stop()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}
