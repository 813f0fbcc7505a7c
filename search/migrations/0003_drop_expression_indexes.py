"""Drops the expression indexes of 0002: the search vectors are now stored columns of
each kind of content, with their own indexes (content/search_vectors.py)."""

from importlib import import_module

from django.db import migrations

# The names 0002 gave them.
NAMES = [
    f"{model}_search_{language}" for model in ("page", "project") for language in ("nl", "fr", "en")
]


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in NAMES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def rebuild(apps, schema_editor):
    import_module("search.migrations.0002_search_indexes").create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_indexes")]
    operations = [migrations.RunPython(drop, rebuild)]
