"""The production configuration is safe as documented, and refuses to run unsafely."""

import os
import re
import runpy
import secrets
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.resilience.servers import Site

ROOT = Path(__file__).resolve().parent.parent
A_REAL_KEY = "tests-only-KsfMLPl4KcnuCGRRdJyRwm-WLESoUf1GM6cKJT7r3azWBlyEhNwH-MuMHW1uG"


def manage(*args, **environment):
    # Only what production would have: the suite's own variables (such as the browser
    # tests' DJANGO_ALLOW_ASYNC_UNSAFE) are not part of a deployment.
    env = {"PATH": os.environ["PATH"], **environment}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def example_environment():
    """The production values `.env.example` lists, with a real secret key."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    return {**values, "SECRET_KEY": A_REAL_KEY}


def load_settings(monkeypatch, **environment):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "citymined" / "settings.py"))


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("change-me", "placeholder"),
        ("test-only-key", "placeholder"),
        ("short-but-not-a-placeholder", "shorter than 50"),
        ("change-me-" * 6, "change-me"),
        ("changeme" + "Zq8vL2mXw4Rt7Yp1Kd9Hs3Nf6Bj0Gc5Ue2Wa8Qx4Te1Io7Py", "changeme"),
        ("django-insecure-" + "Zq8vL2mXw4Rt7Yp1Kd9Hs3Nf6Bj0Gc5Ue2Wa8Qx4Te1Io7Py", "insecure"),
        ("my-Secret-" + "Zq8vL2mXw4Rt7Yp1Kd9Hs3Nf6Bj0Gc5Ue2Wa8Qx4Te1Io7Py", "secret"),
        ("an-example-key-" + "Zq8vL2mXw4Rt7Yp1Kd9Hs3Nf6Bj0Gc5Ue2Wa8Qx4Te1Io7Py", "example"),
        ("ab" * 30, "fewer than 20 different characters"),
        ("abcdefghijklmnopqrstuvwxyz0123456789" * 2, "repeats a pattern"),
        ("k3Y-" + "x" * 30 + "abcdefghijklmnopqrstuvwxyz", "repeats a pattern"),
    ],
)
def test_the_site_refuses_to_start_on_a_weak_key(monkeypatch, key, reason):
    with pytest.raises(ImproperlyConfigured, match=f"SECRET_KEY is too weak: .*{reason}"):
        load_settings(monkeypatch, DEBUG="0", SECRET_KEY=key)


def test_a_generated_key_and_the_test_suites_key_are_accepted(monkeypatch):
    makefile = (ROOT / "Makefile").read_text()
    suites_key = re.search(r"^test: export SECRET_KEY = (\S+)$", makefile, re.M)[1]
    for key in (suites_key, A_REAL_KEY, secrets.token_urlsafe(50)):
        assert load_settings(monkeypatch, DEBUG="0", SECRET_KEY=key)["SECRET_KEY"] == key


def test_development_still_starts_on_the_development_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert load_settings(monkeypatch, DEBUG="1")["SECRET_KEY"] == "dev-only-insecure-key"


def test_check_deploy_finds_nothing_with_the_example_production_settings():
    # Checks of the stored search vectors ask the database for its version: the example's
    # database does not exist here, the test's own does.
    environment = {**example_environment(), "DATABASE_URL": os.environ.get("DATABASE_URL", "")}
    if not environment["DATABASE_URL"]:
        del environment["DATABASE_URL"]
    result = manage("check", "--deploy", "--fail-level", "DEBUG", **environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_variable_in_settings_is_listed_in_the_example():
    settings_source = (ROOT / "citymined" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    assert read - set(example_environment()) == set()


@pytest.mark.django_db
def test_pages_refuse_browser_features_they_never_use(client, site_content):
    response = client.get("/en/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_gunicorn_does_not_name_itself():
    site = Site(SECRET_KEY=A_REAL_KEY)
    try:
        with urllib.request.urlopen(site.url("/robots.txt"), timeout=10) as response:
            server = response.headers["Server"]
    finally:
        site.stop()
    assert "gunicorn" not in server.lower()
