"""`manage.py backup` and `manage.py restore` bring a site back exactly: every object,
translation and file."""

import hashlib
import io
import json
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection

from operations.backups import backed_up_models, media_files, tables
from projects.models import GalleryImage, Project
from tests.factories import load_initial_data
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    """Every backed-up object, with all its fields (each language's too), comparable
    across databases: primary keys of users and the like are not kept, their natural
    keys are."""
    from django.core import serializers

    objects = []
    for model in backed_up_models():
        rows = serializers.serialize(
            "python",
            model._base_manager.order_by("pk"),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        objects += [json.dumps(row, sort_keys=True, default=str) for row in rows]
    return sorted(objects)


def files():
    root = Path(settings.MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in media_files()
    }


@pytest.fixture
def site(db, media_root):
    # These tests cannot hide in a transaction (restore deletes and loads rows): Django
    # empties the database after each, so each loads the initial content again.
    load_initial_data()
    editor = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    project = Project.objects.first()
    project.title_fr = "Titre « spécial » é"
    project.cover = upload("cover.jpg", image_bytes((300, 200)))
    project.save()
    for number in range(3):
        GalleryImage.objects.create(
            project=project, image=upload(f"g{number}.jpg"), image_alt=f"Photo {number}"
        )
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Project),
        object_id=str(project.pk),
        object_repr=str(project),
        action_flag=CHANGE,
    )


def empty_the_site():
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables()))
    for path in media_files():
        path.unlink()


def test_a_backup_restores_every_object_translation_and_file(site, tmp_path):
    before, before_files = snapshot(), files()
    archive = tmp_path / "site.tar.gz"
    out = StringIO()
    call_command("backup", "--output", str(archive), stdout=out)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert len(manifest["files"]) - 1 == len(before_files) >= 4
    empty_the_site()
    assert snapshot() == [] and files() == {}

    call_command("restore", str(archive), "--noinput", stdout=StringIO())
    assert snapshot() == before
    assert files() == before_files
    assert len(before) == sum(manifest["objects"].values())


def test_restore_refuses_a_site_with_content_and_says_what_it_holds(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    with pytest.raises(CommandError, match=r"not empty: it holds .*5 projects.project.*--replace"):
        call_command("restore", str(archive), "--noinput", stdout=StringIO())


def test_restore_with_replace_brings_back_the_archived_state(site, tmp_path):
    before = snapshot()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    Project.objects.filter(pk=Project.objects.first().pk).update(title_en="Changed")
    out = StringIO()
    call_command("restore", str(archive), "--noinput", "--replace", stdout=out)
    assert "This replaces what the site holds" in out.getvalue()
    assert snapshot() == before


def test_a_damaged_archive_is_refused(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == "data.json":
                data = data.replace(b"La Pile", b"La Pilf")
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    empty_the_site()
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), "--noinput", stdout=StringIO())
