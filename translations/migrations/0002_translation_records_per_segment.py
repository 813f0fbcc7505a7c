"""Records kept segment by segment: each existing record of rich text gets the digests of
its source's segments, so that from now on an edit of one paragraph of the source makes
only that paragraph of its translations out of date."""

from django.db import migrations, models


def digest_segments(apps, schema_editor):
    # The same digests as translations.status.segment_digests() writes, frozen here so
    # that a later change there cannot change what this migration did.
    import hashlib  # noqa: PLC0415

    from content.segments import comparable, split  # noqa: PLC0415

    record_model = apps.get_model("translations", "TranslationRecord")
    changed = []
    for record in record_model.objects.only("source_text").iterator():
        whole = split(record.source_text)
        if not whole.segmentable:
            continue
        record.segment_digests = [
            hashlib.sha256(comparable(content).encode()).hexdigest()[:16] for content in whole.contents()
        ]
        changed.append(record)
    record_model.objects.bulk_update(changed, ["segment_digests"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="translationrecord",
            name="segment_digests",
            field=models.JSONField(default=list, verbose_name="digests of the source's segments"),
        ),
        migrations.RunPython(digest_segments, migrations.RunPython.noop, elidable=True),
    ]
