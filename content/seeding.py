"""Initial content that is created once and then belongs to the editors."""

from django.db import transaction

from content.models import SeedRecord


def create_once(key, build, then=None):
    """Return the object created for `key`, calling `build()` to create it the first
    time, then `then(obj)` once it is saved (for its many-to-many relations). Later runs
    return the object as the editors left it (None if they deleted it): initial content
    never overwrites their work."""
    record = SeedRecord.objects.filter(key=key).first()
    if record is not None:
        return record.content_object
    with transaction.atomic():
        obj = build()
        obj.full_clean()
        obj.save()
        if then is not None:
            then(obj)
        SeedRecord.objects.create(key=key, content_object=obj)
    return obj
