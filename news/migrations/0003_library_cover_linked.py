# News covers move into the library (issue 22), as projects' do: the key beside the
# old file column (renamed out of the way), the files (0004), the old columns (0005).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('media', '0001_library'),
        ('news', '0002_expiry_date'),
    ]

    operations = [
        migrations.RenameField(model_name='news', old_name='cover', new_name='cover_file'),
        migrations.AddField(
            model_name='news',
            name='cover',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='news_covers', to='media.image', verbose_name='cover image'),
        ),
    ]
