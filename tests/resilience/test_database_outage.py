"""With the database cut or hung, visitors get a translated "back soon" page with
Retry-After within seconds, cached pages keep being served, and the site recovers by
itself. Exercised on the PostgreSQL run, through a proxy the test cuts and freezes."""

import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.factories import load_initial_data
from tests.resilience.servers import Site, TcpProxy

pytestmark = pytest.mark.django_db(transaction=True)

CONNECT_TIMEOUT = 2


@pytest.fixture
def site(db, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the database outage is exercised on the PostgreSQL run")
    # The server reads the database from another process, outside any test transaction:
    # Django empties it after each such test, so each loads the initial content again.
    load_initial_data()
    params = connection.settings_dict
    proxy = TcpProxy(int(params["PORT"] or 5432))
    user = params["USER"] or "postgres"
    site = Site(
        SECRET_KEY="outage-tests-only-1VldNCnNDL94yH-RKMgPRY2yLCVA_XsNlG_63haUokrVJBmgP50X",
        DATABASE_URL=f"postgres://{user}@127.0.0.1:{proxy.port}/{params['NAME']}",
        DATABASE_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT),
        CACHE_URL="locmemcache://",
        PAGE_CACHE_SECONDS="300",
        # The pictures the initial content was loaded with: a page missing one is not kept.
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    yield site, proxy
    site.stop()
    proxy.close()


def fetch(site, path):
    request = urllib.request.Request(site.url(path), headers={"Accept-Language": "fr"})
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return status, headers, body.decode(), time.monotonic() - start


def test_a_database_outage_answers_back_soon_and_recovers(site):
    site, proxy = site
    assert fetch(site, "/en/projects/")[0] == 200  # now in the page cache
    assert fetch(site, "/healthz")[0] == 200

    proxy.cut()
    status, headers, body, elapsed = fetch(site, "/fr/a-propos/")
    assert (status, headers["Retry-After"]) == (503, "30")
    assert elapsed < 1
    assert "Bientôt de retour" in body
    assert fetch(site, "/en/projects/")[0] == 200
    status, _headers, body, _elapsed = fetch(site, "/healthz")
    assert status == 503
    assert '"database": "unavailable"' in body

    proxy.restore()
    assert fetch(site, "/fr/a-propos/")[0] == 200


def test_a_hung_database_costs_seconds_not_minutes(site):
    site, proxy = site
    assert fetch(site, "/en/projects/")[0] == 200
    proxy.freeze()
    status, headers, _body, elapsed = fetch(site, "/fr/a-propos/")
    assert status == 503
    assert headers["Retry-After"]
    assert elapsed < CONNECT_TIMEOUT + 2
    cached = fetch(site, "/en/projects/")
    assert cached[0] == 200
    assert cached[3] < 1
    proxy.restore()
    assert fetch(site, "/fr/a-propos/")[0] == 200
