"""Models that moved out of the project package (`citymined`) into the apps that own
them kept their tables. A site migrated before the move has those tables and their
content types under `citymined`; a new site has neither. `adopt()` makes both right."""

from django.db import migrations


def adopt(app_label, model_names):
    """A migration operation: the content types (so their permissions, versions and
    generic links) pass from `citymined` to `app_label`, and the tables are created
    where they do not exist yet."""

    def forwards(apps, schema_editor):
        alias = schema_editor.connection.alias
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(alias)
        for name in model_names:
            if not content_types.filter(app_label=app_label, model=name).exists():
                content_types.filter(app_label="citymined", model=name).update(
                    app_label=app_label
                )
        existing = set(schema_editor.connection.introspection.table_names())
        for name in model_names:
            model = apps.get_model(app_label, name)
            if model._meta.db_table not in existing:
                schema_editor.create_model(model)

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)
