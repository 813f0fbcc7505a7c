"""A language added to the table in settings gets search without hand-written code or
migrations: its vectors come from `makemigrations`, its configuration from `migrate`."""

import pytest
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models
from django.db.migrations.state import ModelState, ProjectState
from django.test import override_settings

from content.management.autodetector import IndexesAfterTheirFields
from content.models import content_models
from content.search_vectors import (
    SearchDocument,
    SearchIndex,
    create_text_search_configurations,
)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="text-search configurations are PostgreSQL's"
)


def test_every_kind_of_content_has_a_vector_per_language():
    for model in content_models():
        for code in settings.SITE_LANGUAGES:
            assert model._meta.get_field(f"search_{code}").generated
            assert [f"search_{code}"] in [index.fields for index in model._meta.indexes]


@postgres_only
def test_migrate_prepares_the_search_of_a_new_language(db):
    german = {"search_config": "german"}
    with override_settings(SITE_LANGUAGES={**settings.SITE_LANGUAGES, "de": german}):
        create_text_search_configurations(using="default")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('citymined_german', 'Häuser Straßen')::text")
        assert cursor.fetchone()[0] == "'haus':1 'strass':2"


def news_state(*fields, indexes=()):
    state = ProjectState()
    fields = [("id", models.AutoField(primary_key=True)), ("title_nl", models.TextField()), *fields]
    state.add_model(ModelState("news", "item", fields, options={"indexes": list(indexes)}))
    return state


def test_the_migration_of_a_new_language_adds_its_vector_before_the_index():
    vector = models.GeneratedField(
        expression=SearchDocument("title_de", config="citymined_german"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    index = SearchIndex(fields=["search_de"], name="news_search_de")
    after = news_state(("search_de", vector), ("title_de", models.TextField()), indexes=[index])
    changes = IndexesAfterTheirFields(news_state(), after)._detect_changes()
    operations = [op for migration in changes["news"] for op in migration.operations]
    order = [getattr(op, "name", None) or op.index.name for op in operations]
    assert order == ["title_de", "search_de", "news_search_de"]
