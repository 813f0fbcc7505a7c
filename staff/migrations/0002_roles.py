"""The roles' groups: Editor, and a Translator per language of settings.LANGUAGES.

Only the groups are made here: permissions are created after the migrations (Django's
post_migrate), so `staff.roles.sync_roles` gives the groups their permissions then,
and again after every later migrate, following new kinds of content and languages."""

from django.conf import settings
from django.db import migrations

EDITOR = "Editor"
TRANSLATOR = "Translator ({})"


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    names = [EDITOR, *(TRANSLATOR.format(code) for code, _name in settings.LANGUAGES)]
    for name in names:
        Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop, elidable=False)]
