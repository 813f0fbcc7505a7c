"""A site made before the models moved out of the project package into the apps that
own them migrates forward with nothing lost: its content, its history, its translation
records, its staff's preferences and roles. The databases in tests/files/site-2026-12-07
were made by `migrate`, `load_initial_data` and `manage.py shell < populate.shell.txt`
(beside them), at the commit before the move (e8e1a6c)."""

import gzip
import hashlib
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
    # Its 11 covers and logos moved into the library with their source language.
    "113 32",
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


def database_from(fixtures, tmp_path):
    """The URL of a database made from `fixtures` (a SQLite file and a pg_dump, both
    gzipped), of this run's kind."""
    if connection.vendor == "sqlite":
        path = tmp_path / "older.sqlite3"
        with gzip.open(fixtures / "main.sqlite3.gz") as source, path.open("wb") as target:
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
        dump = gzip.decompress((fixtures / "main.postgresql.sql.gz").read_bytes())
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


@pytest.fixture
def older_site(tmp_path):
    """The URL of a database made at the commit before the move, of this run's kind."""
    yield from database_from(FIXTURES, tmp_path)


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


# A site made at main before the library (issue 22): covers, a gallery, logos and a
# news item's cover, described in some languages or all, some files used twice.
# tests/files/site-before-library was made by `migrate`, `load_initial_data` and
# `manage.py shell < populate.shell.txt` (beside them) at cea102a, with an empty media
# folder for each database, so that both hold the same file names.
BEFORE_LIBRARY = settings.BASE_DIR / "tests" / "files" / "site-before-library"

CHECK_LIBRARY = """
import json
from django.conf import settings
from reversion.models import Version
from media.models import Image
from news.models import News
from projects.models import GalleryImage, Partner, Project
from translations.status import field_status
from django.utils import translation

translation.activate(settings.LANGUAGE_CODE)
# The languages the site was made in: one added since has empty columns.
codes = ["nl", "fr", "en"]
def alts(image):
    return json.dumps({code: getattr(image, f"alt_{code}") or "" for code in codes})

pile = Project.objects.get(slug_en="la-pile")
friche = Project.objects.get(slug_en="friche-eggevoort")
gallery = list(pile.images.order_by("order"))
print(Image.objects.count())
print(alts(pile.cover), pile.cover.width, pile.cover.height, pile.cover.file.name)
print([field_status(pile.cover, "alt", code) for code in codes])
print(alts(Project.objects.get(slug_en="micronomics").cover))
print([alts(item.image) for item in gallery])
print([item.caption for item in gallery], [item.image.caption for item in gallery])
print(gallery[2].image == pile.cover, friche.images.get().image == gallery[0].image)
print([field_status(gallery[1].image, "alt", code) for code in codes])
logos = [partner.logo for partner in Partner.objects.order_by("pk")]
print(all(logo and all(getattr(logo, f"alt_{code}") for code in codes) for logo in logos))
print(logos[0].title, logos[0].width)
print(alts(News.objects.get().cover), News.objects.get().cover.title)
print(sorted(image.checksum for image in Image.objects.exclude(checksum="")))
print(Image.objects.filter(checksum="").count())
version = Version.objects.get_for_object(pile).first()
print(json.loads(version.serialized_data)[0]["fields"]["cover"] == pile.cover.pk)
version.revision.revert()
pile.refresh_from_db()
print(pile.cover.alt_nl)
"""


@pytest.fixture
def site_before_library(tmp_path):
    """The URL of a database made at main before the library, of this run's kind."""
    yield from database_from(BEFORE_LIBRARY, tmp_path)


def test_covers_galleries_and_logos_move_into_the_library_with_every_description(
    site_before_library, tmp_path
):
    # One file is there (the others are lost): the library keeps its checksum.
    cover = tmp_path / "uploads" / "projects" / "covers" / "la-pile.jpg"
    cover.parent.mkdir(parents=True)
    cover.write_bytes(b"the cover of La Pile")
    manage(site_before_library, tmp_path, "migrate", "--no-input")

    lines = manage(site_before_library, tmp_path, "shell", "--no-imports", stdin=CHECK_LIBRARY)
    assert lines.splitlines() == [
        # 5 covers and 6 logos, 2 pictures new in the gallery, 1 news cover: the cover
        # shown again in the gallery and the garden in two galleries are one each.
        "14",
        '{"nl": "Buren bij de batterijen", "fr": "Image provisoire pour La Pile", '
        '"en": "Placeholder image for La Pile"} 1600 1000 projects/covers/la-pile.jpg',
        # The French description was made from the Dutch before it changed.
        "['complete', 'stale', 'complete']",
        '{"nl": "Placeholder-afbeelding voor Micronomics", "fr": "", '
        '"en": "Placeholder image for Micronomics"}',
        '[\'{"nl": "Een moestuin", "fr": "Un potager", "en": "A vegetable garden"}\', '
        '\'{"nl": "Een markt", "fr": "", "en": "A market"}\', '
        '\'{"nl": "Buren bij de batterijen", "fr": "Image provisoire pour La Pile", '
        '"en": "Placeholder image for La Pile"}\']',
        "['De tuin', '', ''] ['', '', '']",
        "True True",
        "['complete', 'missing', 'complete']",
        "True",
        "VGC Stedenfonds 480",
        '{"nl": "Bezoekers in de zaal", "fr": "Des visiteurs dans la salle", '
        '"en": "Visitors in the hall"} Opendeurdag',
        f"[{hashlib.sha256(b'the cover of La Pile').hexdigest()!r}]",
        "13",
        "True",
        "Buren bij de batterijen",
    ]


def test_the_site_before_the_library_matches_the_models_after(site_before_library, tmp_path):
    manage(site_before_library, tmp_path, "migrate", "--no-input")

    assert "No migrations to apply" in manage(site_before_library, tmp_path, "migrate")
    manage(site_before_library, tmp_path, "makemigrations", "--check", "--dry-run")
