"""Two server processes, each with its page cache: an edit saved through one shows at
once in the pages of the other, with Redis shared between them and with the in-memory
default alike."""

import os

import pytest

from tests.deploy.stack import Stack, copy_of_test_database, get, save_in_admin, signed_in_editor
from tests.resilience.servers import REDIS_SERVER, RedisServer

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.path.exists(REDIS_SERVER), reason="redis-server is not installed"),
]


@pytest.fixture(scope="module", params=["redis", "default"])
def two_processes(request, tmp_path_factory, django_db_setup, django_db_blocker):
    folder = tmp_path_factory.mktemp("processes")
    redis = RedisServer()
    redis.start()
    cache_url = redis.url if request.param == "redis" else "locmemcache://"
    with django_db_blocker.unblock(), copy_of_test_database(folder) as database_url:
        stack = Stack(folder, database_url, CACHE_URL=cache_url)
        try:
            yield stack
        finally:
            stack.stop()
            redis.stop()


def test_an_edit_through_one_process_shows_at_once_in_the_other(two_processes):
    one, other = two_processes.sites
    for site in (one, other):
        for _ in range(2):  # the second answer comes from each process's cache
            assert "<h1>About City Mine(d)</h1>" in get(site.url("/en/about/"))[2]
    page_id = two_processes.manage(
        "from pages.models import Page; print(Page.objects.get(slug_en='about').pk)"
    )
    editor = signed_in_editor(two_processes.environment, one.url(""))
    save_in_admin(
        one.url(""), editor, f"/admin/pages/page/{page_id}/change/", "page_form",
        title_en="Who we are",
    )  # fmt: skip
    for _ in range(8):
        assert "<h1>Who we are</h1>" in get(other.url("/en/about/"))[2]


def test_a_command_that_saves_shows_at_once_in_both(two_processes):
    for site in two_processes.sites:
        get(site.url("/fr/a-propos/"))
    two_processes.manage(
        "from pages.models import Page\n"
        "page = Page.objects.get(slug_en='about')\n"
        "page.title_fr = 'Qui sommes-nous'\n"
        "page.save()"
    )
    for site in two_processes.sites:
        assert "<h1>Qui sommes-nous</h1>" in get(site.url("/fr/a-propos/"))[2]
