"""With its figures about the tables, SQLite reads each list in its index's order and
stops at the first rows, and the feed and the sitemap index read the published dates'
index, however many projects there are (content/planner.py)."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython, SeparateDatabaseAndState
from django.test.utils import CaptureQueriesContext

from content import planner
from projects.models import Project
from tests.factories import make_project, make_projects

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL keeps its own figures"),
]


def plan(queryset):
    return queryset.explain()


def explained(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return " ".join(row[3] for row in cursor.fetchall())


def rows_counted_for_projects():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT stat FROM sqlite_stat1 WHERE tbl = 'projects_project' AND idx = %s",
            ["project_published_order"],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0].split()[0])


@pytest.fixture
def many_projects(site_content):
    make_projects(400)
    planner.refresh_statistics()  # as seeding, loading and restoring do


def test_lists_read_their_order_and_stop_at_the_first_rows(many_projects):
    for queryset, index in (
        (Project.objects.published()[:12], "project_published_order"),
        (Project.objects.featured()[:6], "project_featured_order"),
    ):
        assert index in plan(queryset)
        assert "TEMP B-TREE" not in plan(queryset), index


def test_the_feed_and_the_sitemap_index_read_the_dates_index(many_projects, client):
    for path in ("/en/projects/feed.atom", "/sitemap.xml"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        plans = [explained(query["sql"]) for query in queries if "projects_project" in query["sql"]]
        assert plans, path
        for query_plan in plans:
            assert "project_published_dates" in query_plan, (path, query_plan)
            assert "TEMP B-TREE" not in query_plan, (path, query_plan)


def test_the_figures_follow_the_content_as_it_grows(
    site_content, monkeypatch, django_capture_on_commit_callbacks
):
    planner.refresh_statistics()
    before = rows_counted_for_projects()
    make_projects(300)
    monkeypatch.setattr(planner, "_next_due", 0.0)
    with django_capture_on_commit_callbacks(execute=True):
        make_project("one-more", 2020)
    assert rows_counted_for_projects() == Project.objects.count() > before + 300


def test_many_saves_ask_for_one_measure_then_none_for_a_while(
    site_content, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(planner, "_next_due", 0.0)
    with django_capture_on_commit_callbacks() as callbacks:
        for number in range(3):
            make_project(f"saved-{number}", 2020)
    assert callbacks.count(planner.refresh_statistics) == 1
    with django_capture_on_commit_callbacks() as callbacks:
        make_project("soon-after", 2020)
    assert planner.refresh_statistics not in callbacks


@pytest.mark.parametrize(("app", "migration"), [("pages", "0007"), ("projects", "0011")])
def test_a_new_default_leaves_the_table_and_its_figures(app, migration):
    """SQLite changes a column by copying the table, which loses the planner's figures:
    a default that lives in Python alone changes the models' state, not the table."""
    operations = MigrationLoader(connection).get_migration_by_prefix(app, migration).operations
    for operation in operations:
        assert isinstance(operation, SeparateDatabaseAndState | RunPython), operation
        assert not getattr(operation, "database_operations", ())
