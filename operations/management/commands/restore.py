import shutil
import tarfile
import tempfile

from django.core.management.base import BaseCommand, CommandError

from operations.backups import (
    BackupError,
    existing_content,
    progress_bar,
    read_backup,
    replace_content,
)


class Command(BaseCommand):
    help = (
        "Brings a freshly migrated site back to the state of a `backup` archive. A site "
        "that already has content is only replaced with --replace. The archive is checked "
        "whole before anything changes; its files wait in a staging folder (in TMPDIR) "
        "until the database is restored."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--replace", action="store_true", help="delete the content already here first"
        )
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, archive, replace, interactive, **options):
        staging = tempfile.mkdtemp(prefix="citymined-restore-")
        handed_over = False
        try:
            backup = self.read(archive, staging)
            existing = existing_content(backup)
            if existing:
                what = ", ".join(f"{count} {name}" for name, count in existing.items())
                if not replace:
                    raise CommandError(
                        f"This site is not empty: it holds {what}. Run again with --replace "
                        "to delete all of it and restore the archive instead."
                    )
                self.stdout.write(f"This replaces what the site holds: {what}.")
                if interactive and input("Type 'yes' to continue: ") != "yes":
                    raise CommandError("Nothing was changed.")
            try:
                # It removes the staging folder once the files are moved in.
                replace_content(backup, progress_bar(self.stderr._out))
                handed_over = True
            except BackupError as error:
                raise CommandError(f"{archive} refused: {error}") from error
        finally:
            if not handed_over:
                shutil.rmtree(staging, ignore_errors=True)
        objects = sum(backup.manifest["objects"].values())
        files = len(backup.manifest["files"]) - 1
        self.stdout.write(f"Restored {objects} objects and {files} files from {archive}.")

    def read(self, archive, staging):
        try:
            return read_backup(archive, staging)
        except (BackupError, OSError, tarfile.TarError, EOFError) as error:
            raise CommandError(f"{archive} refused, nothing was changed: {error}") from error
