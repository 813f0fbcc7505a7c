"""What an edit invalidates: everything cached, in every process (a new content version),
and at the proxy, the edited item's addresses and the lists (purge.py). Watched without
being named: every model of an app holding a kind of content, the organisation, and the
models those point to (a picture of the library). A write that sends no signal
(`QuerySet.update()`) shows within PAGE_CACHE_SECONDS."""

import threading

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from caching import purge
from caching.version import invalidate
from content.models import Organisation, content_models

# Addresses edited in this thread's transaction, purged once it commits.
_pending = threading.local()


def watch_content():
    apps = {model._meta.app_config for model in content_models()}
    models = {Organisation}
    models.update(model for app in apps for model in app.get_models(include_auto_created=True))
    for model in models:
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, sender=model, dispatch_uid="cache")
    for model in shown_models(models) - models:
        for signal in (post_save, post_delete):
            signal.connect(shown_item_changed, sender=model, dispatch_uid="cache-shown")


def shown_models(models):
    """What `models` point to, one level, but accounts (a login saves one)."""
    return {
        field.related_model
        for model in models
        for field in [*model._meta.fields, *model._meta.many_to_many]
        if field.is_relation and field.related_model
    } - {get_user_model()}


def content_changed(sender, instance=None, **kwargs):
    """Invalidates at once (this process sees the change) and again once the transaction
    commits, so that a page another process rendered before the commit is not kept."""
    _changed(purge.addresses_of(instance))


def shown_item_changed(sender, instance=None, **kwargs):
    """Something content points to changed (a picture's file or description)."""
    _changed(purge.addresses_showing(instance))


def _changed(addresses):
    invalidate(schedule_changed=False)
    _pending.addresses = (getattr(_pending, "addresses", None) or set()) | addresses
    transaction.on_commit(_committed)


def _committed():
    # The first callback of a transaction does the work for all its edits.
    addresses, _pending.addresses = getattr(_pending, "addresses", None), None
    if addresses is not None:
        invalidate()
        purge.purge(addresses)
