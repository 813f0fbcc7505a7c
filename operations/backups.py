"""One archive holds a whole site: its database content (Django's serialisation, with
natural keys, so it loads into SQLite or PostgreSQL alike), its uploaded files, and a
manifest with the checksum of each. Resized image copies are left out: they are made
again from the originals."""

import datetime
import decimal
import hashlib
import io
import json
import sys
import tarfile
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from operations.signals import restored

FORMAT = 1
DATA = "data.json"
MANIFEST = "manifest.json"
MEDIA = "media/"
# Rows that migrations create, or that mean nothing on another installation.
LEFT_OUT = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "axes.accessattempt",
    "axes.accessattemptexpiration",
    "axes.accessfailurelog",
    "axes.accesslog",
}


class BackupError(Exception):
    pass


def backed_up_models():
    return [
        model
        for model in serializers.sort_dependencies(
            [(config, None) for config in apps.get_app_configs()]
        )
        if model._meta.label_lower not in LEFT_OUT and not model._meta.proxy
    ]


def checksum(data):
    return hashlib.sha256(data).hexdigest()


def media_files():
    root = Path(settings.MEDIA_ROOT)
    copies = root / settings.IMAGEKIT_CACHEFILE_DIR
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and copies not in path.parents)


class ExactEncoder(json.JSONEncoder):
    """Times to the microsecond: Django's JSON serialiser keeps milliseconds only, and
    a restored site must be the same, not nearly."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.date | datetime.time):
            return o.isoformat()
        if isinstance(o, decimal.Decimal | uuid.UUID):
            return str(o)
        return super().default(o)


def serialized_content():
    objects = (obj for model in backed_up_models() for obj in model._base_manager.order_by("pk"))
    rows = serializers.serialize(
        "python", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    return json.dumps(rows, cls=ExactEncoder, indent=1, ensure_ascii=False).encode()


def load_content(data):
    """Saves every object of `data` as it was (no save() logic of the models), then
    moves the databases' id sequences past the restored ids."""
    rows = json.loads(data)
    deferred = []
    for obj in serializers.deserialize("python", rows, handle_forward_references=True):
        obj.save()
        if obj.deferred_fields:
            deferred.append(obj)
    for obj in deferred:
        obj.save_deferred_fields()
    statements = connection.ops.sequence_reset_sql(no_style(), backed_up_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def counts():
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in backed_up_models()
        if model._base_manager.exists()
    }


def _add(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def write_backup(output, progress=lambda done, total: None):
    """Writes the archive to `output` (a path) and returns its manifest."""
    with transaction.atomic():  # one consistent view of the content
        data = serialized_content()
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
            "objects": counts(),
            "files": {DATA: checksum(data)},
        }
    files = media_files()
    root = Path(settings.MEDIA_ROOT)
    with tarfile.open(output, "w:gz") as archive:
        _add(archive, DATA, data)
        for done, path in enumerate(files, 1):
            content = path.read_bytes()
            name = MEDIA + path.relative_to(root).as_posix()
            manifest["files"][name] = checksum(content)
            _add(archive, name, content)
            progress(done, len(files))
        _add(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
    return manifest


def read_backup(path):
    """The manifest and every member's bytes, once all checksums are found right."""
    with tarfile.open(path, "r:gz") as archive:
        members = {m.name: archive.extractfile(m).read() for m in archive if m.isfile()}
    if MANIFEST not in members:
        raise BackupError(f"{path} has no {MANIFEST}: it is not a backup of this site.")
    manifest = json.loads(members.pop(MANIFEST))
    for name, expected in manifest["files"].items():
        if name not in members or checksum(members[name]) != expected:
            raise BackupError(f"{name} is missing from the archive or damaged.")
    unexpected = set(members) - set(manifest["files"])
    if unexpected:
        raise BackupError(f"The archive holds files its manifest does not list: {unexpected}")
    return manifest, members


def tables():
    names = []
    for model in backed_up_models():
        names.append(model._meta.db_table)
        names += [
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        ]
    return names


def existing_content():
    """What a restore would replace: a count per kind of object already here."""
    return counts()


def replace_content(manifest, members, progress=lambda done, total: None):
    """Empties the backed-up tables, then loads the archive's content and files."""
    with transaction.atomic():
        # Emptied as `flush` does, without the model-level refusals (a page with
        # children, a city in use) that protect editors' work one delete at a time.
        connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables()))
        load_content(members[DATA])
    root = Path(settings.MEDIA_ROOT)
    files = [name for name in members if name.startswith(MEDIA)]
    for done, name in enumerate(files, 1):
        target = root / name.removeprefix(MEDIA)
        if root.resolve() not in target.resolve().parents:
            raise BackupError(f"{name} would be written outside MEDIA_ROOT.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(members[name])
        progress(done, len(files))
    restored.send(sender=None)


def progress_bar(stream=sys.stderr, width=30):
    """A progress bar on a terminal, and silence elsewhere (logs, cron, tests)."""
    if not stream.isatty():
        return lambda done, total: None

    def show(done, total):
        filled = width * done // max(total, 1)
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show
