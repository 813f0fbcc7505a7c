"""Image files of deleted items are removed from the media storage (disk or S3), with
their resized copies, once the deletion is committed and nothing else refers to them.

Conservative on purpose: a file is only removed when no row of any model names it (a
copied item may share its original's file), only after the transaction commits (a
rolled-back delete keeps its files), and never when an item's image is merely
replaced. A file that a kept version of any item names (django-reversion, when it is
installed) is kept too, since recovering that version would need it."""

import logging
import posixpath
from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete

# imagekit's default namer, like the library's copies, keeps each original's copies in
# a folder named after it.
from media.copies import folder_of as renditions_folder
from media.images import CheckedImageField, forget_copies, image_fields

logger = logging.getLogger(__name__)


def is_referenced(name):
    return in_history(name) or any(
        model._base_manager.filter(**{field.name: name}).exists() for model, field in image_fields()
    )


def in_history(name):
    """Whether a kept version could bring back an item naming this file: with a history
    (django-reversion), a deleted item can be recovered, files included."""
    if not apps.is_installed("reversion"):
        return False
    version = apps.get_model("reversion", "Version")
    return version.objects.filter(serialized_data__contains=name).exists()


def files_in(storage, folder):
    # On S3 a folder is only a prefix: it never "exists", and lists empty when unused.
    try:
        return storage.listdir(folder)[1]
    except FileNotFoundError:
        return []


def remove_if_unused(storage, name):
    if not name or is_referenced(name):
        return
    folder = renditions_folder(name)
    try:
        for copy in files_in(storage, folder):
            storage.delete(posixpath.join(folder, copy))
        storage.delete(name)
    except OSError:
        logger.warning("Could not remove the unused file %s", name, exc_info=True)
    forget_copies(name)


def files_of_deleted_item(sender, instance, using, **kwargs):
    for field in sender._meta.concrete_fields:
        if isinstance(field, CheckedImageField):
            name = getattr(instance, field.attname).name
            cleanup = partial(remove_if_unused, field.storage, name)
            transaction.on_commit(cleanup, using=using)


def connect_signals():
    for model in {model for model, _field in image_fields()}:
        post_delete.connect(files_of_deleted_item, sender=model, dispatch_uid="unused-files")
