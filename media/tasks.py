"""The library's resized copies, made by the background worker (`manage.py db_worker`):
asked for once a picture whose file or focal point changed is saved, and for every
picture after a restore. When a picture's copies are there, the pages showing it are
invalidated and purged, and show the copies instead of the original."""

import logging
from functools import partial

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from caching.invalidation import shown_item_changed
from caching.version import invalidate
from media import copies
from media.models import Image

logger = logging.getLogger(__name__)


@task
def make_copies(image_id):
    image = Image.objects.filter(pk=image_id, copies_made_at__isnull=True).first()
    if image is not None:  # else done already, or deleted since
        copies_of(image)


def copies_of(image):
    """Makes the copies `image` lacks, then has pages show them; how many it made."""
    if not image.file or not image.width:
        return 0
    made = copies.make_copies(image)
    # Only if the file and the focal point are still those the copies were made of:
    # a newer save has asked for its own.
    finished = Image.objects.filter(
        pk=image.pk,
        file=image.file.name,
        focal_x=image.focal_x,
        focal_y=image.focal_y,
        copies_made_at__isnull=True,
    ).update(copies_made_at=timezone.now())
    if finished:
        shown_item_changed(Image, instance=image)
    logger.info("Made %d copies of %s", made, image.file.name)
    return made


def copies_wanted(sender, instance, raw=False, **kwargs):
    """Asks the worker for the copies of a picture saved without them, once the save
    is committed (the worker must find it)."""
    # A restore saves rows before their files are back: it asks once they are.
    if not raw and instance.copies_made_at is None and instance.file:
        transaction.on_commit(partial(make_copies.enqueue, instance.pk))


def copies_after_restore(**kwargs):
    """Backups leave the copies out: those a restored picture lacks in this storage
    are made again, and pages show its original until they are."""
    lacking = [
        image.pk
        for image in Image.objects.exclude(file="").iterator()
        if image.copies_made_at is None or image.width and copies.missing(image)
    ]
    Image.objects.filter(pk__in=lacking).update(copies_made_at=None)
    invalidate()
    for image_id in lacking:
        transaction.on_commit(partial(make_copies.enqueue, image_id))
