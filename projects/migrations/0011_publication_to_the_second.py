import content.models
from django.db import migrations, models
from django.db.models.functions import TruncSecond


def publication_to_the_second(apps, schema_editor):
    """As the admin's form sends the moment back: an editor's first save of an item is
    then not taken for a change of its publication, which reaches every page."""
    apps.get_model("projects", "Project").objects.update(published_at=TruncSecond("published_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0010_published_dates"),
    ]

    operations = [
        # The new default is Python's alone: SQLite would otherwise copy the whole table
        # to change nothing in it, and lose its planner's figures (content/planner.py).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="project",
                    name="published_at",
                    field=models.DateTimeField(
                        default=content.models.now_to_the_second,
                        help_text="A published item appears on the site from this moment on.",
                        verbose_name="publication date",
                    ),
                ),
            ],
        ),
        migrations.RunPython(publication_to_the_second, migrations.RunPython.noop, elidable=True),
    ]
