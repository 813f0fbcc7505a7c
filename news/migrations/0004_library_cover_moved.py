# Each news cover becomes an Image of the library (media/adopting.py), or the Image a
# project's cover made of the same file.

from django.db import migrations

from media.adopting import Use, adopt


def move_into_library(apps, schema_editor):
    adopt(apps, [Use("news.news", "cover_file", "cover", "cover_alt", "title_{code}")])


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('reversion', '0002_add_index_on_version_for_content_type_and_db'),
        ('translations', '0003_status_counts'),
        ('news', '0003_library_cover_linked'),
        ('projects', '0016_library_pictures_moved'),
    ]

    operations = [
        migrations.RunPython(move_into_library, migrations.RunPython.noop, elidable=False),
    ]
