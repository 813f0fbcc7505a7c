"""The site as a host runs it, started by a test: several gunicorn processes on a copy
of the test database, their own Redis or none, and nginx in front with the
configuration deploy/render_nginx.py writes for hosts. Nothing of the machine's own
nginx, Redis or PostgreSQL is touched."""

import contextlib
import http.cookiejar
import os
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests.admin_forms import form_values
from tests.resilience.servers import ROOT, Nginx, Site, free_port

SECRET_KEY = "deploy-tests-only-9Tf49z7gJY8jITQ78sFPvYIDH3sSV5nfh1iERWcLDCWS4sYIUG"


@contextlib.contextmanager
def copy_of_test_database(folder):
    """A database the servers share, committed, holding the initial content; the test
    database itself (other tests roll back to it) is left as it was."""
    if connection.vendor == "sqlite":
        path = Path(folder) / "site.sqlite3"
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
        yield f"sqlite:///{path}"
        return
    import psycopg

    params = connection.settings_dict
    name, copy = params["NAME"], f"{params['NAME']}_stack"
    server = {
        "host": params["HOST"] or "127.0.0.1",
        "port": params["PORT"] or 5432,
        "user": params["USER"] or "postgres",
    }
    connection.close()  # a template database must have no one connected
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
    try:
        yield f"postgres://{server['user']}@{server['host']}:{server['port']}/{copy}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


def site_environment(folder, database_url, **extra):
    return {
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "CONTENT_VERSION_FILE": str(Path(folder) / "content-version"),
        "MEDIA_ROOT": str(Path(folder) / "media"),
        "STATIC_ROOT": str(settings.STATIC_ROOT),
        "SERVE_MEDIA": "0",
        "PAGE_CACHE_SECONDS": "300",
        "HTTP_CACHE_SECONDS": "300",
        # The default when CACHE_URL is not set: a cache of its own in each process.
        "CACHE_URL": "locmemcache://",
        **extra,
    }


def manage(environment, code):
    """Runs `code` in a `manage.py shell` of its own, as a host's command would; its
    output."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "0", **environment},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.strip()


class Stack:
    """`workers` gunicorn processes sharing one database (and `environment`), with or
    without nginx in front."""

    def __init__(self, folder, database_url, processes=2, nginx=False, **environment):
        self.environment = site_environment(folder, database_url, **environment)
        nginx_port = free_port() if nginx else None
        if nginx:
            self.environment["FRONTEND_CACHE_URL"] = f"http://127.0.0.1:{nginx_port}"
        self.sites = [Site(**self.environment) for _ in range(processes)]
        self.nginx = None
        if nginx:
            upstreams = [site.port for site in self.sites]
            self.nginx = Nginx(folder, nginx_port, upstreams, static_root=settings.STATIC_ROOT)

    def manage(self, code):
        return manage(self.environment, code)

    def stop(self):
        if self.nginx:
            self.nginx.stop()
        for site in self.sites:
            site.stop()


def get(url, cookies=None, headers=None):
    """(status, headers, body) of a GET, with the cookies of `cookies` (a CookieJar)."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(cookies or http.cookiejar.CookieJar()),
        _NoRedirects,
    )
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def signed_in_editor(environment, base_url):
    """A superuser's session, as after a login: a CookieJar holding it."""
    session_key = manage(
        environment,
        "from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY,"
        " HASH_SESSION_KEY\n"
        "from importlib import import_module\n"
        "from django.conf import settings\n"
        "users = get_user_model().objects\n"
        "user = users.filter(username='editor').first()"
        " or users.create_superuser('editor', 'e@example.org', 'x')\n"
        "session = import_module(settings.SESSION_ENGINE).SessionStore()\n"
        "session[SESSION_KEY] = str(user.pk)\n"
        "session[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
        "session[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "session.create()\n"
        "print(session.session_key)",
    )
    jar = http.cookiejar.CookieJar()
    host = urllib.parse.urlsplit(base_url).hostname
    jar.set_cookie(
        http.cookiejar.Cookie(
            0, settings.SESSION_COOKIE_NAME, session_key, None, False, host, False, False,
            "/", True, False, None, False, None, None, {},
        )
    )  # fmt: skip
    return jar


def save_in_admin(base_url, editor, admin_path, form_id, **changes):
    """Opens an item's change form in the admin at `base_url` as `editor`, changes the
    fields `changes` names and saves it, as a browser would."""
    status, _headers, html = get(f"{base_url}{admin_path}", cookies=editor)
    assert status == 200, html[:500]
    data = form_values(html, form_id)
    data.update({name: [value] for name, value in changes.items()})
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(editor), _NoRedirects)
    body = urllib.parse.urlencode(data, doseq=True).encode()
    try:
        opener.open(urllib.request.Request(f"{base_url}{admin_path}", data=body), timeout=60)
    except urllib.error.HTTPError as error:
        assert error.code == 302, error.read().decode()[:2000]
