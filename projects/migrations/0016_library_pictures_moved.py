# Each cover, gallery picture and logo becomes an Image of the library, with its
# description in every language (media/adopting.py): the file itself stays where it is.

from django.db import migrations

from media.adopting import Use, adopt

USES = [
    Use("projects.project", "cover_file", "cover", "cover_alt", "title_{code}"),
    Use("projects.partner", "logo_file", "logo", "logo_alt", "name_{code}"),
    Use(
        "projects.galleryimage",
        "image_file",
        "image",
        "image_alt",
        "project__title_{code}",
        numbered="project",
    ),
]


def move_into_library(apps, schema_editor):
    adopt(apps, USES)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('reversion', '0002_add_index_on_version_for_content_type_and_db'),
        ('translations', '0003_status_counts'),
        ('projects', '0015_library_pictures_linked'),
    ]

    operations = [
        migrations.RunPython(move_into_library, migrations.RunPython.noop, elidable=False),
    ]
