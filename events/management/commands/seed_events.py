from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from caching.version import invalidate
from content.models import LANGUAGE_CODES, Content
from content.planner import refresh_statistics
from events.models import Event, end_of_day
from projects.models import Project

BATCH = 1000


class Command(BaseCommand):
    help = (
        'Add N published events ("Sample event 1" …) in every language: half still to '
        "come, one every other day from tomorrow, and half past; every fifth lasts whole "
        "days. Examples for trying the site and for bench/; the site starts with none "
        "(`make run` invents no events)."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--start", type=int, default=0, help="number of the first one")

    def handle(self, *args, count, start, **options):
        if count < 0:
            self.stderr.write("Give a number of events, 0 or more.")
            return
        project = Project.objects.published().first()
        today = timezone.localtime().replace(hour=19, minute=0, second=0, microsecond=0)
        for first in range(start, start + count, BATCH):
            numbers = range(first, min(first + BATCH, start + count))
            with transaction.atomic():
                Event.objects.bulk_create(sample_event(n, today, project) for n in numbers)
        # bulk_create() sends no signals: the pages and kept lists must still move on.
        invalidate()
        refresh_statistics()
        self.stdout.write(f"{count} events added.")


def sample_event(number, today, project):
    fields = {}
    for code in LANGUAGE_CODES:
        fields |= {
            f"title_{code}": f"Sample event {number} ({code})",
            f"slug_{code}": f"sample-event-{number}-{code}",
            f"teaser_{code}": f"An evening in the neighbourhood ({code}).",
            f"body_{code}": f"<p>The text of sample event {number} ({code}).</p>" * 3,
            f"venue_name_{code}": f"Sample venue ({code})",
            f"venue_address_{code}": "Zaterdagplein 13, 1000 Brussel",
        }
    # Even numbers to come, odd ones past.
    days = number // 2 * 2 + 1
    starts_at = today + timedelta(days=days) if number % 2 == 0 else today - timedelta(days=days)
    all_day = number % 5 == 0
    ends_at = starts_at + (timedelta(days=2) if all_day else timedelta(hours=3))
    return Event(
        **fields,
        status=Content.Status.PUBLISHED,
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
        # bulk_create() does not call save(), which works this out.
        finishes_at=end_of_day(ends_at) if all_day else ends_at,
        free_entry=number % 3 != 0,
        registration_url="" if number % 3 != 0 else "https://example.org/register",
        project=project,
    )
