"""A site made before the models moved out of the project package into the apps that
own them migrates forward with nothing lost: its content, its history, its translation
records, its staff's preferences and roles. The databases in tests/files/site-2026-12-07
were made by `migrate`, `load_initial_data` and `manage.py shell < populate.shell.txt`
(beside them), at the commit before the move (e8e1a6c)."""

import gzip
import os
import shutil
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db import connection

FIXTURES = settings.BASE_DIR / "tests" / "files" / "site-2026-12-07"

# What the older site holds, read with `manage.py shell` after migrating it.
CHECK = """
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from reversion.models import Version
from content.models import FormerAddress, Organisation, SeedRecord
from pages.models import Page
from projects.models import Project
from translations.models import SourceLanguage, TranslationRecord

ed = User.objects.get(username="ed")
project = Project.objects.order_by("pk").first()
print(Project.objects.count(), Page.objects.count(), Organisation.current().name)
print(SeedRecord.objects.count(), all(record.content_object for record in SeedRecord.objects.all()))
print(FormerAddress.owner(Project, "oude-naam") == project.pk)
print(TranslationRecord.objects.count(), SourceLanguage.objects.count())
print(ed.staff_profile.admin_language, ed.has_perm("translations.translate_fr"))
print(Version.objects.get_for_object(project).count())
print(ContentType.objects.filter(app_label="citymined").count())
"""
EXPECTED = [
    "5 3 City Mine(d)",
    "21 True",
    "True",
    "113 21",
    "fr True",
    "3",
    "0",
]


def manage(database_url, tmp_path, *arguments, stdin=None):
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CONTENT_VERSION_FILE": str(tmp_path / "content-version"),
        "MEDIA_ROOT": str(tmp_path / "uploads"),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout


@pytest.fixture
def older_site(tmp_path):
    """The URL of a database made at the commit before the move, of this run's kind."""
    if connection.vendor == "sqlite":
        path = tmp_path / "older.sqlite3"
        with gzip.open(FIXTURES / "main.sqlite3.gz") as source, path.open("wb") as target:
            shutil.copyfileobj(source, target)
        yield f"sqlite:///{path}"
        return
    import psycopg

    params = connection.settings_dict
    server = {
        "host": params["HOST"] or "127.0.0.1",
        "port": str(params["PORT"] or 5432),
        "user": params["USER"] or "postgres",
    }
    name = f"older_site_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        dump = gzip.decompress((FIXTURES / "main.postgresql.sql.gz").read_bytes())
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", server["host"], "-p", server["port"]]
            + ["-U", server["user"], "-d", name],
            input=dump,
            capture_output=True,
            check=True,
        )
        yield f"postgres://{server['user']}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_site_made_before_the_apps_moved_migrates_with_nothing_lost(older_site, tmp_path):
    manage(older_site, tmp_path, "migrate", "--no-input")

    assert (
        manage(older_site, tmp_path, "shell", "--no-imports", stdin=CHECK).split("\n")[
            : len(EXPECTED)
        ]
        == EXPECTED
    )


def test_the_migrated_site_matches_the_models_and_migrates_again(older_site, tmp_path):
    manage(older_site, tmp_path, "migrate", "--no-input")

    assert "No migrations to apply" in manage(older_site, tmp_path, "migrate", "--no-input")
    manage(older_site, tmp_path, "makemigrations", "--check", "--dry-run")
