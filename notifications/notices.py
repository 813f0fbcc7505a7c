"""Who hears of what, decided as texts are saved (translations/signals.py); nothing is
sent here. The mails go out later, from the background worker (notifications/tasks.py).

- A translator hears of the sources they translated that changed: the translator is
  the one who last saved that translation (TranslationRecord.translated_by). Their
  notices wait for the daily digest (`manage.py send_translation_digests`); an item
  saved three times is listed once.
- An editor hears when a translation of an item arrives (saved on the translate
  screen, imported from XLIFF or PO, or typed in the item's form). The item's editor is
  the author of its latest version who may change items of its kind (an Editor, not
  only a Translator): the one who edited it last, or else created it. Nobody hears of
  their own saves.

Only active staff with an e-mail address who left "e-mail me about translations" on
in their preferences (staff.models.StaffProfile) get notices."""

from functools import partial

from django.contrib.auth import get_permission_codename, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from reversion.models import Version

from notifications.models import Notice, wanting_mail
from notifications.tasks import send_arrivals
from translations.signals import source_changed, translation_saved

# How many of an item's latest versions are searched for its editor.
VERSIONS_SEARCHED = 30


def connect_signals():
    source_changed.connect(_source_changed, dispatch_uid="notify_translators")
    translation_saved.connect(_translation_saved, dispatch_uid="notify_editor")


def _source_changed(sender, instance, records, user=None, **kwargs):
    fields = {}
    for record in records:
        if record.translated_by_id and record.translated_by_id != getattr(user, "pk", None):
            key = (record.translated_by_id, record.language)
            fields.setdefault(key, set()).add(record.field)
    translators = wanting_mail(get_user_model().objects.filter(pk__in={pk for pk, _ in fields}))
    wanted = set(translators.values_list("pk", flat=True))
    for (translator, language), names in fields.items():
        if translator in wanted:
            _keep(translator, Notice.Kind.SOURCE_CHANGED, instance, language, names, user)


def _translation_saved(sender, instance, language, fields, user=None, **kwargs):
    if user is None:
        return
    editor = editor_of(instance, user)
    if editor is None or not wanting_mail(get_user_model().objects.filter(pk=editor.pk)):
        return
    _keep(editor.pk, Notice.Kind.TRANSLATION_ARRIVED, instance, language, fields, user)
    transaction.on_commit(partial(send_arrivals.enqueue, editor.pk))


def editor_of(item, translator):
    """The item's editor (see the module), other than `translator`; None if nobody."""
    opts = type(item)._meta
    permission = f"{opts.app_label}.{get_permission_codename('change', opts)}"
    versions = Version.objects.get_for_object(item).select_related("revision__user")
    seen = {translator.pk}
    for version in versions[:VERSIONS_SEARCHED]:
        author = version.revision.user
        if author is None or author.pk in seen:
            continue
        seen.add(author.pk)
        if author.is_active and author.has_perm(permission):
            return author
    return None


def _keep(recipient_id, kind, item, language, fields, by):
    """The waiting notice of `recipient_id` about `item` in `language`, made or given
    the `fields` too."""
    notice, created = Notice.objects.get_or_create(
        recipient_id=recipient_id,
        kind=kind,
        content_type=ContentType.objects.get_for_model(type(item)),
        object_id=item.pk,
        language=language,
        mail=None,
        defaults={"fields": sorted(fields), "by": by},
    )
    if not created:
        notice.fields = sorted({*notice.fields, *fields})
        notice.by = by or notice.by
        notice.save(update_fields=["fields", "by"])
