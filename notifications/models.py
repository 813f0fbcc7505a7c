from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


def wanting_mail(users):
    """Those of `users` (a queryset) who are to get mail about translations: active
    staff with an address who did not turn it off in their preferences."""
    return (
        users.filter(is_active=True, is_staff=True)
        .exclude(email="")
        .exclude(staff_profile__email_notifications=False)
    )


class Mail(models.Model):
    """One e-mail to one member of staff, carrying its notices. `sent_at` is set in the
    transaction that sent it: a mail whose sending failed (or whose worker stopped) is
    still unsent, and is sent again, never twice once sent."""

    class Kind(models.TextChoices):
        DIGEST = "digest", _("daily digest of changed sources")
        ARRIVALS = "arrivals", _("translations that arrived")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    address = models.EmailField(_("sent to"), blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("mail")
        verbose_name_plural = _("mails")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject or f"{self.get_kind_display()} ({self.recipient})"


class Notice(models.Model):
    """Something a member of staff is to hear about, about one item in one language:
    its source changed under their translation (for the next digest; saving the item
    again only adds fields), or a translation of it arrived. `mail` is the mail that
    carries it; none yet while it waits."""

    class Kind(models.TextChoices):
        SOURCE_CHANGED = "source_changed", _("source changed")
        TRANSLATION_ARRIVED = "translation_arrived", _("translation arrived")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=10)
    fields = models.JSONField(_("fields"), default=list)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    mail = models.ForeignKey(
        Mail,
        verbose_name=_("mail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notices",
    )

    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            # However often the item is saved before the digest goes, it is listed once.
            models.UniqueConstraint(
                fields=["recipient", "kind", "content_type", "object_id", "language"],
                condition=models.Q(mail__isnull=True),
                name="one_waiting_notice_per_item_and_language",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.content_object} ({self.language})"
