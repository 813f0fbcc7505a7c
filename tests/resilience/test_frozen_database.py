"""A database that freezes, the site under gunicorn as production runs it: pages in the
cache are served as fast as ever, by a process that has just started too, and every
other page is the "back soon" 503 within five seconds, also when the database froze
after the connection was made (with the settings' own timeouts). Exercised on the
PostgreSQL run, through a proxy the test freezes."""

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from tests.factories import load_initial_data
from tests.resilience.servers import REDIS_SERVER, RedisServer, Site, TcpProxy
from tests.resilience.test_database_outage import fetch

pytestmark = pytest.mark.django_db(transaction=True)

CACHED = ("/en/projects/", "/fr/projets/", "/en/about/")
WITHIN = 5


@pytest.fixture
def surroundings(db, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the database outage is exercised on the PostgreSQL run")
    if not os.path.exists(REDIS_SERVER):
        pytest.skip("redis-server is not installed")
    load_initial_data()
    params = connection.settings_dict
    proxy = TcpProxy(int(params["PORT"] or 5432))
    redis = RedisServer()
    redis.start()
    user = params["USER"] or "postgres"
    environment = {
        "SECRET_KEY": "outage-tests-only-1VldNCnNDL94yH-RKMgPRY2yLCVA_XsNlG_63haUokrVJBmgP50X",
        "DATABASE_URL": f"postgres://{user}@127.0.0.1:{proxy.port}/{params['NAME']}",
        "CACHE_URL": redis.url,
        "PAGE_CACHE_SECONDS": "300",
        # The pictures the initial content was loaded with: a page missing one is not kept.
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    sites = []

    def start(**options):
        sites.append(Site(**environment, **options))
        return sites[-1]

    try:
        yield start, proxy
    finally:
        proxy.restore()  # a worker stuck on the database can then stop
        for site in sites:
            if site.process.poll() is None:
                site.stop()
        proxy.close()
        redis.stop()


def test_cached_pages_need_no_database_even_in_a_process_just_started(surroundings):
    start, proxy = surroundings
    first = start()
    for path in CACHED:
        assert fetch(first, path)[0] == 200
    first.stop()
    proxy.freeze()
    # A new process on the same address, the database frozen since before it started.
    site = start(port=first.port)

    def timed(path):
        status, _headers, body, elapsed = fetch(site, path)
        return status, "City Mine(d)" in body, elapsed

    # The worker's first answer loads what Django loads lazily (URLs, templates' tags),
    # database or not; then the load.
    assert timed(CACHED[0])[:2] == (200, True)
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(timed, CACHED * 40))
    assert {(status, complete) for status, complete, _ in answers} == {(200, True)}
    elapsed = sorted(seconds for _, _, seconds in answers)
    assert elapsed[int(len(elapsed) * 0.99) - 1] < 1


@pytest.mark.parametrize("outage", ["stall", "freeze"])
def test_a_frozen_database_gives_back_soon_within_five_seconds(surroundings, outage):
    """ "stall": the database froze with the connection open (only a deadline on this
    side notices); "freeze": it froze and the connection broke (connect_timeout)."""
    start, proxy = surroundings
    # One thread: its one kept connection is the one that freezes.
    site = start(threads=1)
    assert fetch(site, "/en/projects/")[0] == 200  # cached, and a connection kept
    getattr(proxy, outage)()
    for path in ("/fr/a-propos/", "/nl/over-ons/"):
        status, headers, body, elapsed = fetch(site, path)
        assert (status, headers["Retry-After"]) == (503, "30")
        assert "<h1" in body  # the translated page, not a bare error
        assert elapsed < WITHIN
    start_cached = time.monotonic()
    assert fetch(site, "/en/projects/")[0] == 200
    assert time.monotonic() - start_cached < 1
    proxy.restore()
    assert fetch(site, "/fr/a-propos/")[0] == 200
