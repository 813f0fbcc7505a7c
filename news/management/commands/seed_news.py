from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from caching.version import invalidate
from content.models import LANGUAGE_CODES, Content
from content.planner import refresh_statistics
from news.models import News
from projects.models import Project

BATCH = 1000


class Command(BaseCommand):
    help = (
        'Add N published news items ("Sample news 1" …) in every language, one a day going '
        "back from today, each about the first published project: examples for trying the "
        "site and for bench/. The site starts with none (`make run` invents no news)."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--start", type=int, default=0, help="number of the first one")

    def handle(self, *args, count, start, **options):
        if count < 0:
            self.stderr.write("Give a number of news items, 0 or more.")
            return
        project = Project.objects.published().first()
        now = timezone.now().replace(microsecond=0)
        for first in range(start, start + count, BATCH):
            numbers = range(first, min(first + BATCH, start + count))
            with transaction.atomic():
                items = News.objects.bulk_create(sample_news(n, now) for n in numbers)
                if project is not None:
                    News.projects.through.objects.bulk_create(
                        News.projects.through(news=item, project=project) for item in items
                    )
        # bulk_create() sends no signals: the pages and kept lists must still move on.
        invalidate()
        refresh_statistics()
        self.stdout.write(f"{count} news items added.")


def sample_news(number, now):
    fields = {}
    for code in LANGUAGE_CODES:
        fields |= {
            f"title_{code}": f"Sample news {number} ({code})",
            f"slug_{code}": f"sample-news-{number}-{code}",
            f"teaser_{code}": f"What happened in the neighbourhood ({code}).",
            f"body_{code}": f"<p>The text of sample news {number} ({code}).</p>" * 3,
        }
    return News(
        **fields, status=Content.Status.PUBLISHED, published_at=now - timedelta(days=number)
    )
