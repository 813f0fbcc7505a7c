"""What an edit invalidates: everything cached, in every process (a new content version),
and at the proxy in front, the edited item's addresses and the lists (purge.py).

Every model of an app that holds a kind of content is watched (its items, and what its
pages show with them: partners, cities, gallery pictures), and the organisation: a new
model is watched without being named anywhere. A write that sends no signal
(`QuerySet.update()`) shows within PAGE_CACHE_SECONDS and FRAGMENT_CACHE_SECONDS."""

import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from caching import purge
from caching.version import invalidate
from content.models import Organisation, content_models

# Addresses edited in this thread's transaction, purged once it commits.
_pending = threading.local()


def watch_content():
    apps = {model._meta.app_config for model in content_models()}
    models = [model for app in apps for model in app.get_models(include_auto_created=True)]
    for model in [Organisation, *models]:
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, sender=model, dispatch_uid="cache")


def content_changed(sender, instance=None, **kwargs):
    """Invalidates at once (this process, and tests inside a transaction, see the change)
    and again once the transaction commits, so that a page another process rendered from
    the data before the commit is not cached under the new version."""
    invalidate()
    if getattr(_pending, "addresses", None) is None:
        _pending.addresses = set()
    _pending.addresses.update(purge.addresses_of(instance))
    transaction.on_commit(_committed)


def _committed():
    # The first callback of a transaction does the work for all its edits.
    addresses, _pending.addresses = getattr(_pending, "addresses", None), None
    if addresses is not None:
        invalidate()
        purge.purge(addresses)
