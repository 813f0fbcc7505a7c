"""One archive holds a whole site: its database content (Django's serialisation, with
natural keys, so it loads into SQLite or PostgreSQL alike), its uploaded files (from
whichever storage holds them: the disk, S3), and a manifest with the checksum of each,
the archive's format and the migrations its database had. Resized image copies are left
out: they are made again from the originals.

A restore that cannot succeed changes nothing. The archive is read once, as a stream,
into a staging folder, each member's checksum worked out as it is copied (memory stays
bounded whatever a file's size); every check runs before the first write (member names,
checksums, format, migrations, the fields of every row); the database is replaced in one
transaction, and the files are moved into the storage once it has committed."""

import datetime
import decimal
import hashlib
import io
import json
import posixpath
import shutil
import sys
import tarfile
import uuid
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from operations.signals import restored

# 2: the manifest lists the migrations applied ("migrations"). Format 1 is still read.
FORMAT = 2
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
    # Worked out again from the texts by the first reader (translations/status.py).
    "translations.statuscount",
    # The background worker's queue: work of the site that wrote the archive (mails
    # sent, copies made there); a restore queues what the restored site needs.
    "django_tasks_database.dbtaskresult",
}
# Rows that `migrate` itself makes (the roles' groups): matched by their natural key with
# the archive's, not counted as content that a restore would replace.
MADE_BY_MIGRATE = {"auth.group"}
# Members are copied in pieces of this size.
CHUNK = 1024 * 1024


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
    """The names of the uploaded files in the default storage (the disk, or S3), resized
    copies left out."""
    names = []

    def walk(folder):
        folders, files = default_storage.listdir(folder)
        names.extend(posixpath.join(folder, name) for name in files)
        for name in folders:
            path = posixpath.join(folder, name)
            if path != settings.IMAGEKIT_CACHEFILE_DIR:
                walk(path)

    try:
        walk("")
    except FileNotFoundError:  # no upload yet: MEDIA_ROOT was never made
        return []
    return sorted(names)


def applied_migrations():
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


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


def load_content(rows):
    """Saves every object of `rows` as it was (no save() logic of the models), then
    moves the databases' id sequences past the restored ids."""
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


class _Hashing:
    """A file read through it has its checksum worked out on the way."""

    def __init__(self, source):
        self.source = source
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.source.read(size)
        self.digest.update(data)
        return data


def write_backup(output, progress=lambda done, total: None):
    """Writes the archive to `output` (a path) and returns its manifest."""
    with transaction.atomic():  # one consistent view of the content
        data = serialized_content()
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": applied_migrations(),
            "objects": counts(),
            "files": {DATA: checksum(data)},
        }
    files = media_files()
    with tarfile.open(output, "w:gz") as archive:
        _add(archive, DATA, data)
        for done, name in enumerate(files, 1):
            info = tarfile.TarInfo(MEDIA + name)
            info.size = default_storage.size(name)
            info.mtime = int(timezone.now().timestamp())
            with default_storage.open(name, "rb") as source:
                reader = _Hashing(source)
                archive.addfile(info, reader)
            manifest["files"][MEDIA + name] = reader.digest.hexdigest()
            progress(done, len(files))
        _add(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
    return manifest


@dataclass
class Backup:
    """An archive read and checked, its members in a staging folder."""

    manifest: dict
    rows: list
    staging: Path
    # {file name in the storage: its staged copy}
    media: dict = dataclass_field(default_factory=dict)

    def natural_keys(self, label):
        model = apps.get_model(label)
        scalar = {f.name for f in model._meta.concrete_fields}
        return {
            tuple(model(**{k: v for k, v in row["fields"].items() if k in scalar}).natural_key())
            for row in self.rows
            if row["model"] == label
        }


def read_backup(path, staging):
    """Reads the archive at `path` once, as a stream, into the folder `staging`, and
    checks all of it; a BackupError says what is wrong. Nothing outside `staging` is
    written."""
    staged = {}
    with tarfile.open(path, "r|gz") as archive:
        for member in archive:
            _check_member(member, staged)
            target = Path(staging) / str(len(staged))  # never the member's own name
            staged[member.name] = (target, _copy(archive.extractfile(member), target))
    if MANIFEST not in staged:
        raise BackupError(f"{path} has no {MANIFEST}: it is not a backup of this site.")
    manifest = _read_manifest(staged.pop(MANIFEST)[0])
    for name, expected in manifest["files"].items():
        if name not in staged or staged[name][1] != expected:
            raise BackupError(f"{name} is missing from the archive or damaged.")
    unexpected = sorted(set(staged) - set(manifest["files"]))
    if unexpected:
        raise BackupError(f"The archive holds files its manifest does not list: {unexpected}")
    _check_migrations(manifest)
    with staged[DATA][0].open("rb") as data:
        rows = json.load(data)
    _check_rows(rows)
    media = {name.removeprefix(MEDIA): target for name, (target, _sum) in staged.items()}
    media.pop(DATA)
    return Backup(manifest, rows, Path(staging), media)


def _check_member(member, staged):
    name = member.name
    if member.issym() or member.islnk():
        raise BackupError(f"{name} is a link: a backup holds files only.")
    if not member.isfile():
        raise BackupError(f"{name} is not a file: a backup holds files only.")
    if name.startswith("/") or "\\" in name or "\0" in name:
        raise BackupError(f"{name} is an absolute or unusable path.")
    if ".." in name.split("/") or posixpath.normpath(name) != name:
        raise BackupError(f"{name} is not a plain path inside the archive.")
    if name not in (DATA, MANIFEST) and not (name.startswith(MEDIA) and len(name) > len(MEDIA)):
        raise BackupError(f"{name} has no place in a backup of this site.")
    if name in staged:
        raise BackupError(f"{name} is in the archive twice.")


def _copy(source, target):
    """Copies `source` to the path `target` piece by piece; its SHA-256."""
    digest = hashlib.sha256()
    with target.open("wb") as copy:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            copy.write(chunk)
    return digest.hexdigest()


def _read_manifest(path):
    try:
        manifest = json.loads(path.read_bytes())
        version = manifest["format"]
        files = manifest["files"]
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"The manifest cannot be read: {error}") from error
    if not isinstance(version, int) or not isinstance(files, dict) or DATA not in files:
        raise BackupError("The manifest cannot be read: it is not a backup of this site.")
    if version > FORMAT:
        raise BackupError(
            f"The archive has format {version}, written by a newer version of the site; "
            f"this one reads up to format {FORMAT}. Update the site, then restore."
        )
    return manifest


def _check_migrations(manifest):
    """An archive made by a newer schema is refused; an older one (or a format 1
    archive, which does not say) is brought forward by the rows' check below: fields
    added since take their defaults."""
    newer = sorted(set(manifest.get("migrations", [])) - set(applied_migrations()))
    if newer:
        shown = ", ".join(newer[:5]) + (" …" if len(newer) > 5 else "")
        raise BackupError(
            f"The archive comes from a newer version of the site: its database had "
            f"migrations that this one has not ({shown}). Update the site and run "
            "`manage.py migrate`, then restore."
        )


def _check_rows(rows):
    """Every row names a kind of content this site backs up, with fields it has; every
    field the site needs a value for is there."""
    backed_up = {model._meta.label_lower: model for model in backed_up_models()}
    checked = {}
    for row in rows:
        label = row.get("model") if isinstance(row, dict) else None
        model = backed_up.get(label)
        if model is None or not isinstance(row.get("fields"), dict):
            raise BackupError(f"The archive's data holds a row this site cannot load: {label}.")
        names = frozenset(row["fields"])
        if (label, names) in checked:
            continue
        checked[(label, names)] = True
        fields = {f.name: f for f in [*model._meta.concrete_fields, *model._meta.many_to_many]}
        unknown = sorted(names - set(fields))
        if unknown:
            raise BackupError(
                f"The archive's {label} rows have fields this site does not have "
                f"({', '.join(unknown)}): it comes from another version of the site."
            )
        missing = sorted(
            name
            for name, model_field in fields.items()
            if name not in names and _needs_a_value(model_field)
        )
        if missing:
            raise BackupError(
                f"The archive's {label} rows lack fields this site needs ({', '.join(missing)})."
            )


def _needs_a_value(model_field):
    return not (
        model_field.primary_key
        or not model_field.serialize  # never in an archive (the search vectors)
        or model_field.generated
        or model_field.many_to_many
        or model_field.null
        or model_field.has_default()
        or model_field.has_db_default()
        or isinstance(model_field, models.DateTimeField | models.DateField)
        and (model_field.auto_now or model_field.auto_now_add)
    )


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


def existing_content(backup=None):
    """What a restore would replace: a count per kind of object already here, leaving
    out the rows `migrate` makes that the archive has too (matched by natural key)."""
    found = counts()
    for label in MADE_BY_MIGRATE:
        model = apps.get_model(label)
        archived = backup.natural_keys(label) if backup else set()
        others = sum(
            1 for obj in model._base_manager.all() if tuple(obj.natural_key()) not in archived
        )
        if others:
            found[label] = others
        else:
            found.pop(label, None)
    return found


def replace_content(backup, progress=lambda done, total: None):
    """Empties the backed-up tables and loads the archive's content in one transaction;
    once it has committed, moves the staged files into the storage, removes the staging
    folder (which it takes over) and makes the resized copies."""
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # PostgreSQL refuses to TRUNCATE a table with checks still pending from
                # earlier writes of the transaction this one may be part of: run them.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            # Emptied as `flush` does, without the model-level refusals (a page with
            # children, a city in use) that protect editors' work one delete at a time.
            connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables()))
            load_content(backup.rows)
    except (DatabaseError, DeserializationError, ValidationError, ValueError, LookupError) as e:
        raise BackupError(f"its data could not be loaded ({e}); nothing was changed.") from e
    # Right away, or when an enclosing transaction commits.
    transaction.on_commit(lambda: _move_files_in(backup, progress), robust=False)


def _move_files_in(backup, progress):
    try:
        for done, (name, staged) in enumerate(sorted(backup.media.items()), 1):
            # A file of the same name is replaced, not kept beside under another name.
            if default_storage.exists(name):
                default_storage.delete(name)
            with staged.open("rb") as content:
                saved = default_storage.save(name, File(content, name=name))
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}.")
            staged.unlink()
            progress(done, len(backup.media))
        restored.send(sender=None)
    finally:
        shutil.rmtree(backup.staging, ignore_errors=True)


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
