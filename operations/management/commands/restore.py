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
        "that already has content is only replaced with --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--replace", action="store_true", help="delete the content already here first"
        )
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, archive, replace, interactive, **options):
        try:
            manifest, members = read_backup(archive)
        except (BackupError, OSError) as error:
            raise CommandError(error) from error
        existing = existing_content()
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
        replace_content(manifest, members, progress_bar(self.stderr._out))
        objects = sum(manifest["objects"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(f"Restored {objects} objects and {files} files from {archive}.")
