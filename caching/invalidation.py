"""What an edit invalidates: every cached page, in every process (a new content version),
the values that read its table, and at the proxy, its addresses and the lists (purge.py).
Watched without being named: the models of the apps holding a kind of content, the
organisation, what those point to (a picture). A write that sends no signal
(`QuerySet.update()`) shows within PAGE_CACHE_SECONDS."""

import threading

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from caching import purge
from caching.version import WATCHED_TABLES, invalidate
from content.models import Organisation, content_models

# The tables and addresses edited in this thread's transaction, for when it commits.
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
    WATCHED_TABLES.update(model._meta.db_table for model in models | shown_models(models))


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
    _changed(sender, purge.addresses_of(instance))


def shown_item_changed(sender, instance=None, **kwargs):
    """Something content points to changed (a picture's file or description)."""
    _changed(sender, purge.addresses_showing(instance))


def _changed(sender, addresses):
    table = sender._meta.db_table
    invalidate(schedule_changed=False, tables=[table])
    tables, edited = getattr(_pending, "edits", None) or (set(), set())
    _pending.edits = (tables | {table}, edited | addresses)
    transaction.on_commit(_committed)


def _committed():
    # The first callback of a transaction does the work for all its edits.
    edits, _pending.edits = getattr(_pending, "edits", None), None
    if edits is not None:
        invalidate(tables=edits[0])
        purge.purge(edits[1])
