"""`manage.py backup` and `manage.py restore` bring a site back exactly: every object,
translation and file."""

import hashlib
import io
import json
import os
import shlex
import tarfile
import tracemalloc
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection

from operations.backups import backed_up_models, media_files, tables
from projects.models import GalleryImage, Project
from tests.factories import load_initial_data, make_image

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
    checksums = {}
    for name in media_files():
        with default_storage.open(name, "rb") as content:
            checksums[name] = hashlib.sha256(content.read()).hexdigest()
    return checksums


@pytest.fixture
def site(db, media_root):
    # These tests cannot hide in a transaction (restore deletes and loads rows): Django
    # empties the database after each, so each loads the initial content again.
    load_initial_data()
    editor = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    project = Project.objects.first()
    project.title_fr = "Titre « spécial » é"
    project.cover = make_image("cover", (300, 200))
    project.save()
    for number in range(3):
        GalleryImage.objects.create(project=project, image=make_image(f"g{number}"))
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Project),
        object_id=str(project.pk),
        object_repr=str(project),
        action_flag=CHANGE,
    )


def empty_the_site():
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables()))
    for name in media_files():
        default_storage.delete(name)


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


# A restore that cannot succeed changes nothing.


def make_archive(tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    return archive


def repack(archive, target, *, data=None, manifest=None, extra=()):
    """A copy of `archive` with its data and manifest as `data(rows)` and
    `manifest(dict)` change them, and `extra` members (TarInfo, bytes) added and listed
    in the manifest with their right checksums: only what is under test is wrong."""
    with tarfile.open(archive) as source:
        members = {m.name: (m, source.extractfile(m).read()) for m in source}
    listing = json.loads(members.pop("manifest.json")[1])
    if data:
        info, content = members["data.json"]
        content = json.dumps(data(json.loads(content))).encode()
        members["data.json"] = (info, content)
        listing["files"]["data.json"] = hashlib.sha256(content).hexdigest()
    for info, content in extra:
        members[info.name] = (info, content)
        listing["files"][info.name] = hashlib.sha256(content).hexdigest()
    if manifest:
        listing = manifest(listing)
    with tarfile.open(target, "w:gz") as out:
        for info, content in members.values():
            info.size = len(content)
            out.addfile(info, io.BytesIO(content) if info.isfile() else None)
        content = json.dumps(listing).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(content)
        out.addfile(info, io.BytesIO(content))
    return target


def member(name, kind=tarfile.REGTYPE, link=""):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    return info, b"" if kind != tarfile.REGTYPE else b"written where it should not be"


def edited_since_the_backup():
    """The site after the backup: a restore that goes ahead brings the title back."""
    project = Project.objects.order_by("pk").first()
    Project.objects.filter(pk=project.pk).update(title_en="Changed since")
    return project.pk


@pytest.mark.parametrize(
    "extra",
    [
        member("media/../../escaped.txt"),
        member("/tmp/absolute.txt"),
        member("../escaped.txt"),
        member("media/link.jpg", tarfile.SYMTYPE, "/etc/passwd"),
        member("media/hard.jpg", tarfile.LNKTYPE, "data.json"),
        member("settings.py"),
    ],
    ids=["dot-dot in media", "absolute", "dot-dot", "symbolic link", "hard link", "elsewhere"],
)
def test_an_archive_with_an_unsafe_member_is_refused_before_anything_changes(site, tmp_path, extra):
    bad = repack(make_archive(tmp_path), tmp_path / "bad.tar.gz", extra=[extra])
    pk = edited_since_the_backup()
    before, before_files = snapshot(), files()

    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore", str(bad), "--noinput", "--replace", stdout=StringIO())

    assert Project.objects.get(pk=pk).title_en == "Changed since"
    assert snapshot() == before and files() == before_files
    assert not (tmp_path / "escaped.txt").exists()
    assert not Path("/tmp/absolute.txt").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"manifest": lambda m: {**m, "format": 99}}, "newer version of the site"),
        (
            {"manifest": lambda m: {**m, "migrations": [*m["migrations"], "projects.9999_x"]}},
            "newer version of the site.*projects.9999_x",
        ),
        (
            {"data": lambda rows: [dict(r, fields={**r["fields"], "subtitle": "x"}) for r in rows]},
            "fields this site does not have",
        ),
        (
            {
                "data": lambda rows: [
                    dict(r, fields={k: v for k, v in r["fields"].items() if k != "start_year"})
                    for r in rows
                ]
            },
            "lack fields this site needs.*start_year",
        ),
    ],
    ids=["newer format", "newer migrations", "unknown field", "missing field"],
)
def test_an_archive_of_another_schema_is_refused_before_anything_changes(
    site, tmp_path, change, message
):
    bad = repack(make_archive(tmp_path), tmp_path / "bad.tar.gz", **change)
    pk = edited_since_the_backup()

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(bad), "--noinput", "--replace", stdout=StringIO())

    assert Project.objects.get(pk=pk).title_en == "Changed since"


def test_an_older_archive_is_brought_forward(site, tmp_path):
    """A format 1 archive (no migrations listed) whose rows lack a field added since:
    the field takes its default."""
    Project.objects.update(featured=True)

    def without_featured(rows):
        for row in rows:
            if row["model"] == "projects.project":
                del row["fields"]["featured"]
        return rows

    def format_one(manifest):
        del manifest["migrations"]
        return {**manifest, "format": 1}

    old = repack(
        make_archive(tmp_path), tmp_path / "old.tar.gz", data=without_featured, manifest=format_one
    )
    call_command("restore", str(old), "--noinput", "--replace", stdout=StringIO())
    assert Project.objects.exists() and not Project.objects.filter(featured=True).exists()


def test_files_are_moved_in_only_once_the_database_is_restored(site, tmp_path):
    """A row that cannot be loaded (a value of the wrong kind) rolls the database back,
    and no file of the archive reaches the storage."""
    archive = make_archive(tmp_path)
    names = media_files()
    for name in names:
        default_storage.delete(name)

    def unloadable(rows):
        project = next(row for row in rows if row["model"] == "projects.project")
        project["fields"]["start_year"] = "not a year"
        return rows

    bad = repack(archive, tmp_path / "bad.tar.gz", data=unloadable)
    pk = edited_since_the_backup()
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore", str(bad), "--noinput", "--replace", stdout=StringIO())
    assert Project.objects.get(pk=pk).title_en == "Changed since"
    assert media_files() == []


def documented_restore():
    """The commands of docs/deployment.md that bring a site back, as written there."""
    doc = (Path(__file__).parents[2] / "docs" / "deployment.md").read_text()
    block = doc.split("To bring a site back", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [shlex.split(line) for line in block.strip().splitlines()]


def test_the_documented_restore_works_on_a_freshly_migrated_site(site, tmp_path):
    before, before_files = snapshot(), files()
    archive = make_archive(tmp_path)
    empty_the_site()
    commands = documented_restore()
    assert [command[2] for command in commands] == ["migrate", "restore"]
    for program, manage, name, *args in commands:
        assert (program, manage) == (".venv/bin/python", "manage.py")
        # The archive's path is the documentation's example; the rest is as written.
        args = [str(archive) if arg.endswith(".tar.gz") else arg for arg in args]
        call_command(name, *args, stdout=StringIO())
    assert snapshot() == before
    assert files() == before_files


def test_a_large_file_is_backed_up_and_restored_in_bounded_memory(site, tmp_path):
    size = 48 * 1024 * 1024
    with (tmp_path / "big.bin").open("wb") as big:
        for _ in range(size // (1024 * 1024)):
            big.write(os.urandom(1024 * 1024))
    with (tmp_path / "big.bin").open("rb") as big:
        name = default_storage.save("documents/big.bin", big)
    archive = tmp_path / "site.tar.gz"

    tracemalloc.start()
    call_command("backup", "--output", str(archive), stdout=StringIO())
    _now, backup_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    default_storage.delete(name)
    call_command("restore", str(archive), "--noinput", "--replace", stdout=StringIO())
    _now, restore_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert default_storage.size(name) == size
    assert backup_peak < size / 4 and restore_peak < size / 4, (backup_peak, restore_peak)
