# The covers, gallery pictures and logos move into the library (issue 22): first the
# keys to media.Image beside the old file columns (renamed out of the way), then the
# files move (0015), then the old columns go (0016). Three migrations, so that on
# PostgreSQL no schema change runs in the transaction that writes the rows.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('media', '0001_library'),
        ('projects', '0014_documents'),
    ]

    operations = [
        migrations.RenameField(model_name='project', old_name='cover', new_name='cover_file'),
        migrations.RenameField(model_name='partner', old_name='logo', new_name='logo_file'),
        migrations.RenameField(model_name='galleryimage', old_name='image', new_name='image_file'),
        migrations.AddField(
            model_name='project',
            name='cover',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='project_covers', to='media.image', verbose_name='cover image'),
        ),
        migrations.AddField(
            model_name='partner',
            name='logo',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='partner_logos', to='media.image', verbose_name='logo'),
        ),
        migrations.AddField(
            model_name='galleryimage',
            name='image',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='gallery_uses', to='media.image', verbose_name='image'),
        ),
    ]
