"""GIN indexes on what search looks at in each language, so PostgreSQL finds matches
without reading every text. PostgreSQL uses them only while they are built from the
same expression as the queries (search.backends.document): this migration keeps its
own copy of that expression, as it stood, so that later changes to the code cannot
change what an old migration did."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIGS = {"nl": "citymined_dutch", "fr": "citymined_french", "en": "citymined_english"}


def document(summary, language):
    config = CONFIGS[language]
    return (
        SearchVector(f"title_{language}", weight="A", config=config)
        + SearchVector(f"{summary}_{language}", weight="B", config=config)
        + SearchVector(f"body_{language}", weight="C", config=config)
    )


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
