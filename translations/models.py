from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def _translate_permissions():
    # Stored in the database once, like Django's own "Can change project": in the
    # catalogue's source language, whatever language the process runs in.
    with translation.override(None):
        return [
            (f"translate_{code}", str(_("Can translate into %(language)s") % {"language": name}))
            for code, name in settings.LANGUAGES
        ]


class SourceLanguage(models.Model):
    """The language an item was written in, which its other languages translate: by
    default the one it was first written in (translations/status.py)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("source language"), max_length=10)

    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        # Made when this lived in the project package; kept, so nothing moves.
        db_table = "citymined_sourcelanguage"
        verbose_name = _("source language")
        verbose_name_plural = _("source languages")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_source_language_per_item"
            )
        ]

    def __str__(self):
        return self.language


class TranslationRecord(models.Model):
    """What one field's translation into one language was made from: the source text
    as it was then (and its digest, to tell at a glance whether the source changed
    since), when and by whom. A translation whose source changed since is stale; in
    rich text translated segment by segment, each segment of the recorded source is
    what that segment of the translation was made from, so that an edit of the source
    makes only its own segment stale."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=10)
    source_digest = models.CharField(_("digest of the source text"), max_length=64)
    source_text = models.TextField(_("source text"), blank=True)
    # Rich text translated segment by segment: the digest of each segment of the source
    # it was made from, in the order of the translation's segments (content/segments.py),
    # so that a list tells which segments are out of date without reading the texts.
    segment_digests = models.JSONField(_("digests of the source's segments"), default=list)
    translated_at = models.DateTimeField(_("translated on"), auto_now=True)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("translated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        # Made when this lived in the project package; kept, so nothing moves.
        db_table = "citymined_translationrecord"
        verbose_name = _("translation record")
        verbose_name_plural = _("translation records")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_record_per_translation",
            )
        ]
        # One per language: a translator may translate into theirs, and only theirs.
        permissions = _translate_permissions()

    def __str__(self):
        return f"{self.field} ({self.language})"


class StatusCount(models.Model):
    """How many translated fields of one item (its parts' included) are complete,
    missing and out of date in one language, as translations.status works it out,
    kept after every change that can alter it: the dashboard and the lists' filters
    add these up in the database instead of working out every item's status again."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=10)
    complete = models.PositiveIntegerField(_("complete"), default=0)
    missing = models.PositiveIntegerField(_("missing"), default=0)
    stale = models.PositiveIntegerField(_("out of date"), default=0)

    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("translation status count")
        verbose_name_plural = _("translation status counts")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "language", "object_id"],
                name="one_status_count_per_item_and_language",
            )
        ]
        indexes = [
            # Every column the dashboard's sums and the filters read: they read the
            # index alone, not the table.
            models.Index(
                fields=["content_type", "language", "missing", "stale", "complete", "object_id"],
                name="status_count_sums",
            )
        ]

    def __str__(self):
        return f"{self.content_object} ({self.language})"
