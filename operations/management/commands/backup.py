from django.core.management.base import BaseCommand

from operations.backups import progress_bar, write_backup


class Command(BaseCommand):
    help = "Writes the site's database content and uploaded files to one archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="the archive to write (.tar.gz)")

    def handle(self, *args, output, **options):
        manifest = write_backup(output, progress_bar(self.stderr._out))
        objects = sum(manifest["objects"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(f"Wrote {output}: {objects} objects and {files} files.")
