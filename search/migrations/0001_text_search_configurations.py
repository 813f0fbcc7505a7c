"""PostgreSQL full-text search that ignores accents: for each language a copy of
PostgreSQL's own configuration whose words pass through `unaccent` before stemming.
Nothing to do on SQLite, which searches without them."""

from django.db import migrations

# Frozen here as migrations must be; search/backends.py names the same configurations.
TEXT_SEARCH_CONFIGS = {
    "nl": ("citymined_dutch", "dutch"),
    "fr": ("citymined_french", "french"),
    "en": ("citymined_english", "english"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, source in TEXT_SEARCH_CONFIGS.values():
        # Since then, `migrate` makes every language's configuration before migrating
        # (content/search_vectors.py), and search vectors may already use it: keep it.
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [name])
            if cursor.fetchone():
                continue
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {source}_stem"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _source in TEXT_SEARCH_CONFIGS.values():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create, drop, elidable=False)]
