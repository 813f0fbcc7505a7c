"""Each mail: gathered from the notices waiting for one member of staff, written in
their admin language (text and HTML, with absolute links to the translate screens),
sent once.

A mail is marked sent in the transaction that sends it. If the SMTP server refuses it
or the worker stops first, it stays unsent and the next `send_translation_digests`
queues it again; sending it is refused once it is marked sent. The one case that can
still mail twice is a worker killed after the SMTP server accepted the mail and before
the database recorded it."""

from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import ngettext

from notifications.models import Mail, Notice, wanting_mail
from translations.admin import translate_url
from translations.status import part_relations


def gather(recipient_id, notice_kind, mail_kind):
    """A new mail carrying every waiting notice of `notice_kind` for `recipient_id`;
    None when none waits."""
    with transaction.atomic():
        waiting = Notice.objects.select_for_update().filter(
            recipient_id=recipient_id, kind=notice_kind, mail=None
        )
        ids = list(waiting.values_list("pk", flat=True))
        if not ids:
            return None
        mail = Mail.objects.create(recipient_id=recipient_id, kind=mail_kind)
        Notice.objects.filter(pk__in=ids).update(mail=mail)
    return mail


def deliver(mail_id):
    """Send the mail `mail_id` unless it was sent; True if it went out now. A
    recipient who turned mail off since, or whose items were all deleted, gets none:
    the mail is recorded as sent to nobody."""
    with transaction.atomic():
        mail = (
            Mail.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=mail_id, sent_at=None)
            .first()
        )
        if mail is None:
            return False
        notices = [
            notice
            for notice in mail.notices.select_related("content_type", "by").order_by("pk")
            if notice.content_object is not None
        ]
        wanted = wanting_mail(type(mail.recipient)._default_manager.filter(pk=mail.recipient_id))
        if notices and wanted.exists():
            message = compose(mail, notices)
            message.send()
            mail.address, mail.subject = mail.recipient.email, message.subject
        mail.sent_at = timezone.now()
        mail.save(update_fields=["sent_at", "address", "subject"])
        return bool(mail.address)


def recipient_language(user):
    profile = getattr(user, "staff_profile", None)
    return (profile and profile.admin_language) or settings.LANGUAGE_CODE


def compose(mail, notices):
    """The message of `mail`, in its recipient's admin language."""
    with translation.override(recipient_language(mail.recipient)):
        items = _items(notices)
        if mail.kind == Mail.Kind.DIGEST:
            subject = ngettext(
                "Translations to check: the source of %(count)d item changed",
                "Translations to check: the sources of %(count)d items changed",
                len(items),
            ) % {"count": len(items)}
        else:
            subject = ngettext(
                "A translation arrived for %(count)d item",
                "Translations arrived for %(count)d items",
                len(items),
            ) % {"count": len(items)}
        context = {
            "recipient": mail.recipient,
            "items": items,
            "kind": mail.kind,
            "subject": subject,
            "preferences_url": absolute(reverse("admin:preferences")),
            "site_url": settings.SITE_URL,
        }
        message = EmailMultiAlternatives(
            subject,
            render_to_string("notifications/mail.txt", context),
            to=[mail.recipient.email],
            headers={"Content-Language": translation.get_language()},
        )
        message.attach_alternative(
            render_to_string("notifications/mail.html", context), "text/html"
        )
    return message


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def _items(notices):
    """Each item once, with the languages and fields its notices name."""
    items = {}
    for notice in notices:
        item = notice.content_object
        entry = items.setdefault(
            (notice.content_type_id, notice.object_id),
            {
                "name": str(item),
                "kind": capfirst(type(item)._meta.verbose_name),
                "change_url": _change_url(item),
                "languages": [],
            },
        )
        entry["languages"].append(
            {
                "name": str(dict(settings.LANGUAGES).get(notice.language, notice.language)),
                "code": notice.language,
                "fields": ", ".join(_label(type(item), name) for name in notice.fields),
                "url": absolute(translate_url(item, notice.language)),
                "by": notice.by.get_full_name() or notice.by.get_username() if notice.by else "",
            }
        )
    return list(items.values())


def _label(model, name):
    """A field's name as the admin says it, the item's own or its parts'."""
    for candidate in [model, *(part for _accessor, part in part_relations(model))]:
        try:
            return str(candidate._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name


def _change_url(item):
    opts = item._meta
    try:
        return absolute(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(item.pk)])
        )
    except NoReverseMatch:
        return ""
