"""GIN indexes on what search looks at in each language (search.backends.document), so
PostgreSQL finds matches without reading every text. Built from the same expression the
queries use, which is what lets PostgreSQL use them. Nothing to do on SQLite."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from search.backends import document

SOURCES = [("pages", "Page", "description"), ("projects", "Project", "teaser")]
LANGUAGES = ["nl", "fr", "en"]


def indexes(apps):
    for app_label, model_name, summary in SOURCES:
        model = apps.get_model(app_label, model_name)
        for language in LANGUAGES:
            name = f"{model_name.lower()}_search_{language}"
            yield model, GinIndex(document(summary, language), name=name)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in indexes(apps):
            schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_text_search_configurations"),
        ("pages", "0001_initial"),
        ("projects", "0001_initial"),
    ]
    operations = [migrations.RunPython(create, drop)]
