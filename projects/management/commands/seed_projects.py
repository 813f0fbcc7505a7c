import time

from django.core.management.base import BaseCommand
from django.db import transaction

from caching.version import invalidate
from content.models import LANGUAGE_CODES, Content
from content.planner import refresh_statistics
from projects.models import City, Partner, Project, ProjectPartner, Theme

BATCH = 1000


class Command(BaseCommand):
    help = (
        'Add N published projects ("Sample project 1" …) in every language, for '
        "benchmarks and for trying the site at scale: 12,000 take about a minute on "
        "SQLite. Each is in the first city and on the first theme, funded by the first "
        "funder. Run load_initial_data first. Shows a progress bar on a terminal."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--start", type=int, default=0, help="number of the first one")

    def handle(self, *args, count, start, **options):
        city, theme = City.objects.first(), Theme.objects.first()
        funder = Partner.objects.current_funders().first()
        done = 0
        progress = Progress(count, self.stderr)
        for first in range(start, start + count, BATCH):
            numbers = range(first, min(first + BATCH, start + count))
            with transaction.atomic():
                add_projects(numbers, city, theme, funder)
            done += len(numbers)
            progress.show(done)
        progress.end()
        refresh_statistics()
        self.stdout.write(f"{done} projects added.")


def sample_project(number):
    fields = {}
    for code in LANGUAGE_CODES:
        fields |= {
            f"title_{code}": f"Sample project {number} ({code})",
            f"slug_{code}": f"sample-project-{number}-{code}",
            f"teaser_{code}": f"A neighbourhood project ({code}).",
            f"body_{code}": f"<p>The text of sample project {number} ({code}).</p>" * 3,
        }
    return Project(
        **fields,
        start_year=1990 + number % 30,
        end_year=None if number % 2 else 2021,
        featured=number % 10 == 0,
        status=Content.Status.PUBLISHED,
    )


def add_projects(numbers, city, theme, funder):
    projects = Project.objects.bulk_create(sample_project(number) for number in numbers)
    if city is not None:
        Project.cities.through.objects.bulk_create(
            Project.cities.through(project=project, city=city) for project in projects
        )
    if theme is not None:
        Project.themes.through.objects.bulk_create(
            Project.themes.through(project=project, theme=theme) for project in projects
        )
    if funder is not None:
        ProjectPartner.objects.bulk_create(
            ProjectPartner(project=project, partner=funder, role=ProjectPartner.Role.FUNDER)
            for project in projects
        )
    # bulk_create() sends no signals: the cache must still be invalidated.
    invalidate()


class Progress:
    """A progress bar on a terminal, a line now and then elsewhere (a log, CI)."""

    WIDTH = 30

    def __init__(self, total, out):
        self.total, self.out, self.started = total, out, time.monotonic()
        self.on_terminal = out.isatty()

    def show(self, done):
        share = done / self.total if self.total else 1
        bar = "#" * round(share * self.WIDTH)
        line = (
            f"[{bar:<{self.WIDTH}}] {done:,}/{self.total:,} {time.monotonic() - self.started:.0f} s"
        )
        if self.on_terminal:
            self.out.write(f"\r{line}", ending="", style_func=_plain)
            self.out.flush()
        else:
            self.out.write(line, style_func=_plain)

    def end(self):
        if self.on_terminal:
            self.out.write("", style_func=_plain)


def _plain(text):
    # Progress is no error: not in the error colour Django gives stderr.
    return text
