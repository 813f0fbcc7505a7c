"""The nginx configuration of deploy/, as a host renders it, in front of two gunicorn
processes sharing Redis and the database: anonymous pages come from nginx's cache,
editors always reach the site, and an edit shows through nginx at once."""

import os
import time
import urllib.request
from pathlib import Path

import pytest

from tests.deploy.stack import (
    Stack,
    copy_of_test_database,
    get,
    save_in_admin,
    signed_in_editor,
)
from tests.resilience.servers import NGINX, REDIS_SERVER, RedisServer

pytestmark = [
    # The servers read a committed copy of the test database (see copy_of_test_database).
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (os.path.exists(NGINX) and os.path.exists(REDIS_SERVER)),
        reason="nginx or redis-server is not installed (.ci/run installs both)",
    ),
]


@pytest.fixture(scope="module")
def stack(tmp_path_factory, django_db_setup, django_db_blocker):
    folder = tmp_path_factory.mktemp("stack")
    redis = RedisServer()
    redis.start()
    with django_db_blocker.unblock(), copy_of_test_database(folder) as database_url:
        stack = Stack(folder, database_url, nginx=True, CACHE_URL=redis.url)
        try:
            yield stack
        finally:
            stack.stop()
            redis.stop()


def through_nginx(stack, path, **kwargs):
    return get(f"{stack.nginx.url}{path}", **kwargs)


def test_anonymous_pages_come_from_nginxs_cache(stack):
    first = through_nginx(stack, "/en/projects/")
    again = through_nginx(stack, "/en/projects/")
    assert first[0] == again[0] == 200
    assert again[1]["X-Cache-Status"] == "HIT"
    assert again[2] == first[2]
    assert "Set-Cookie" not in again[1]


def test_pages_are_compressed(stack):
    request = urllib.request.Request(
        f"{stack.nginx.url}/en/about/", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Encoding"] == "gzip"


def test_uploads_can_never_run_as_pages(stack):
    media = Path(stack.environment["MEDIA_ROOT"])
    media.mkdir(exist_ok=True)
    (media / "note.html").write_text("<script>alert(1)</script>")
    status, headers, _body = through_nginx(stack, "/media/note.html")
    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]


def test_a_signed_in_editor_bypasses_nginxs_cache(stack):
    through_nginx(stack, "/en/about/")
    assert through_nginx(stack, "/en/about/")[1]["X-Cache-Status"] == "HIT"
    editor = signed_in_editor(stack.environment, stack.nginx.url)
    status, headers, _body = through_nginx(stack, "/en/about/", cookies=editor)
    assert status == 200
    assert headers["X-Cache-Status"] == "BYPASS"
    assert "private" in headers["Cache-Control"]
    # What the editor got is not what visitors get next.
    assert through_nginx(stack, "/en/about/")[1]["X-Cache-Status"] == "HIT"


def test_an_edit_through_one_process_shows_through_nginx_at_once(stack):
    editor = signed_in_editor(stack.environment, stack.nginx.url)
    for path in ("/en/about/", "/fr/a-propos/", "/en/"):
        through_nginx(stack, path)
        assert through_nginx(stack, path)[1]["X-Cache-Status"] == "HIT"
    page_id = stack.manage(
        "from pages.models import Page; print(Page.objects.get(slug_en='about').pk)"
    )
    one_process = stack.sites[0].url("")
    save_in_admin(
        one_process,
        editor,
        f"/admin/pages/page/{page_id}/change/",
        "page_form",
        title_en="Who we are",
        title_fr="Qui sommes-nous",
    )
    # The other process, without nginx, at once.
    assert "<h1>Who we are</h1>" in get(stack.sites[1].url("/en/about/"))[2]
    # nginx is told by the process that saved: each language's address, at once.
    shows_through_nginx(stack, "/en/about/", "<h1>Who we are</h1>")
    shows_through_nginx(stack, "/fr/a-propos/", "<h1>Qui sommes-nous</h1>")
    assert through_nginx(stack, "/en/about/")[1]["X-Cache-Status"] == "HIT"


def shows_through_nginx(stack, path, text, within=5):
    """The refresh takes as long as drawing the pages again."""
    deadline = time.monotonic() + within
    while text not in through_nginx(stack, path)[2]:
        assert time.monotonic() < deadline, f"nginx kept serving {path} from before the edit"
        time.sleep(0.1)
