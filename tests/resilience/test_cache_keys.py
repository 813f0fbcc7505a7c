"""A hostile address cannot fill the log through the cache's key warnings."""

import warnings

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def test_a_huge_address_is_not_repeated_in_a_warning(client, settings, site_content):
    settings.PAGE_CACHE_SECONDS = 300
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = client.get("/en/projects/?utm=" + "x" * 100_000)
    assert response.status_code == 200
    assert not [w for w in caught if len(str(w.message)) > 1000]


def test_long_keys_still_find_their_value():
    cache.set("k" * 5000, "value")
    assert cache.get("k" * 5000) == "value"
    assert cache.get("k" * 4999) is None
