"""Pages drawn afresh, in process: queries and the median time of 20 renders of the home
page, the projects list, a project, the supporters page and the feed in every language,
the sitemap index and the first and last pages of the projects' sitemap, plus the
admin's list of projects for a superuser. No HTTP server and no page cache, so what is
left is the view, the database and the templates.

    DATABASE_URL=sqlite:////tmp/flat.sqlite3 DEBUG=0 PAGE_CACHE_SECONDS=0 \
        SECRET_KEY=tests-only-key-never-used-in-production-0123456789abcdef \
        .venv/bin/python -m bench.render_times [--explain]

--explain prints the database's plan for each query of the first language's pages.
--after-edit times the first visitor after an edit every list shows (a project's title,
as bench/after_edit.py): what each process kept from the projects' table (cards, the
filters' counts) is rendered again, the rest (menus, the footer's funders) is kept."""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citymined.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from caching.version import invalidate  # noqa: E402
from projects.models import Project  # noqa: E402
from projects.sitemaps import ProjectSitemap  # noqa: E402

RUNS = 20


def public_pages(language):
    project = Project.objects.published().order_by("pk").last()
    with translation.override(language):
        return {
            "home": reverse("pages:home"),
            "list": reverse("projects:list"),
            "project": project.get_absolute_url(),
            "supporters": reverse("supporters"),
            "feed": reverse("feeds:rss"),
        }


def site_files():
    """Outside the language prefixes: measured once. The projects' sitemap's last full
    page is the furthest into the archive."""
    last = max(1, Project.objects.published().count() // ProjectSitemap.limit)
    return {
        "sitemap index": "/sitemap.xml",
        "sitemap, first page": "/sitemap-projects.xml",
        "sitemap, last full page": f"/sitemap-projects.xml?p={last}",
    }


def measure(client, path, after_edit=False):
    client.get(path)  # the first visitor's work: resized images, kept data
    if after_edit:
        edited()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    # Read now: the next request empties the connection's log.
    captured = list(queries.captured_queries)
    times = []
    for _ in range(RUNS):
        if after_edit:
            edited()
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    return len(captured), statistics.median(times), captured


def edited():
    """As if a project's title, which every list shows, had just been saved."""
    invalidate(schedule_changed=False, tables=[Project._meta.db_table])


def explain(captured):
    with connection.cursor() as cursor:
        for query in captured:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
            cursor.execute(prefix + sql)
            plan = [" ".join(str(part) for part in row) for row in cursor.fetchall()]
            print("   ", sql[:160])
            for line in plan:
                print("       ", line)


def main():
    setup_test_environment()
    show_plans = "--explain" in sys.argv
    after_edit = "--after-edit" in sys.argv
    client = Client()
    print(f"{Project.objects.count()} projects, {connection.vendor}")
    for language, _name in settings.LANGUAGES:
        for name, path in public_pages(language).items():
            count, ms, captured = measure(client, path, after_edit)
            print(f"{language} {name:<11} {count:>2} queries {ms:7.1f} ms  {path}")
            if show_plans and language == settings.LANGUAGES[0][0]:
                explain(captured)
    for name, path in site_files().items():
        count, ms, captured = measure(client, path)
        print(f"{name:<23} {count:>2} queries {ms:7.1f} ms  {path}")
    admin, _created = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client.force_login(admin)
    path = reverse("admin:projects_project_changelist")
    count, ms, captured = measure(client, path)
    print(f"admin changelist {count:>2} queries {ms:7.1f} ms  {path}")
    if show_plans:
        explain(captured)


if __name__ == "__main__":
    main()
