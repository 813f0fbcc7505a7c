from django.core.management.base import BaseCommand

from media.models import Image
from media.tasks import copies_of


class Command(BaseCommand):
    help = (
        "Makes the resized copies that the library's pictures lack (a storage moved or "
        "emptied, a worker that failed), here rather than by the background worker."
    )

    def handle(self, *args, **options):
        made = failed = 0
        images = Image.objects.exclude(file="").order_by("pk")
        for image in images.iterator():
            try:
                made += copies_of(image)
            except (OSError, ValueError) as error:
                failed += 1
                self.stderr.write(f"{image.file.name}: {error}")
        self.stdout.write(f"Made {made} copies of {images.count()} pictures.")
        if failed:
            self.stdout.write(f"{failed} pictures could not be read; pages show their originals.")
