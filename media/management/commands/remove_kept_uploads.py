from django.core.management.base import BaseCommand

from media.kept_uploads import remove_expired


class Command(BaseCommand):
    help = "Removes files kept from refused admin forms for more than a day."

    def handle(self, *args, **options):
        self.stdout.write(f"Removed {remove_expired()} kept uploads.")
