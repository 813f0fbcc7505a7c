"""The library: every picture and document the site shows is uploaded once, described
once in every language, and chosen wherever it is used (covers, galleries, logos, rich
text, a page's or project's documents)."""

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from media.documents import KINDS, DocumentFileField
from media.images import CheckedImageField


class Collection(models.Model):
    """A group of pictures and documents (a project's photos, annual reports), for
    finding them again in the library and its choosers."""

    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self):
        return self.name


class LibraryItem(models.Model):
    """What pictures and documents share: a title, a collection, a fingerprint of the
    file (the same file uploaded twice is found by it), who uploaded it and when."""

    title = models.CharField(_("title"), max_length=255)
    collection = models.ForeignKey(
        Collection,
        verbose_name=_("collection"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )
    checksum = models.CharField(_("checksum"), max_length=64, editable=False, db_index=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Worked out from the file as it was uploaded, before anything strips it, so
        # that the same file uploaded again is recognised (media/admin.py).
        if self.file and (not self.file._committed or not self.checksum):
            self.checksum = checksum_of(self.file)
        super().save(*args, **kwargs)


def checksum_of(file):
    """The SHA-256 of a file's content, read in chunks (an upload may be large); ""
    when a stored file cannot be read (lost: it is no duplicate of anything)."""
    digest = hashlib.sha256()
    closed = file.closed
    try:
        file.open("rb")
        for chunk in file.chunks():
            digest.update(chunk)
        file.seek(0)
    except OSError:
        return ""
    finally:
        if closed:
            file.close()
    return digest.hexdigest()


class Image(LibraryItem):
    """A picture. Its description (alt text), caption and credit are translated like
    every other text; where it is shown, its resized copies are cropped around its focal
    point."""

    file = CheckedImageField(
        _("file"), upload_to="images/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Who took or made it.")
    )
    # Where the subject is, from 0 (left, top) to 1 (right, bottom); empty: the middle.
    focal_x = models.FloatField(_("focal point (across)"), null=True, blank=True)
    focal_y = models.FloatField(_("focal point (down)"), null=True, blank=True)
    # When the background worker finished its resized copies; until then pages show
    # the original, scaled down by the browser.
    copies_made_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta(LibraryItem.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def save(self, *args, **kwargs):
        # A new file or focal point needs new copies: until the background worker has
        # made them (media/tasks.py), pages show the original.
        if self._copies_outdated():
            self.copies_made_at = None
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "copies_made_at"}
        super().save(*args, **kwargs)

    @property
    def focal_point(self):
        return self.focal_x, self.focal_y

    def _copies_outdated(self):
        if self._state.adding or not self.file._committed:
            return True
        saved = type(self)._base_manager.filter(pk=self.pk)
        return saved.values_list("file", "focal_x", "focal_y").first() != (
            self.file.name,
            *self.focal_point,
        )


class Document(LibraryItem):
    """A PDF or office file (an annual report, a flyer), downloaded, never shown inline.
    Its file is checked when uploaded (media/documents.py) and stored under the
    extension of what it is, which says its kind from then on."""

    file = DocumentFileField(_("file"), upload_to="documents/%Y/%m/")
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)

    class Meta(LibraryItem.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def get_absolute_url(self):
        """Its download address in the active language, named after its title in it."""
        return reverse("documents:download", kwargs={"pk": self.pk, "name": self.file_name})

    @property
    def kind(self):
        """What it is (media.documents.Kind), or None for a file stored before the checks."""
        return KINDS.get(self.file.name.rpartition(".")[2].lower()) if self.file else None

    @property
    def file_name(self):
        """The name it downloads under in the active language: its title, as a slug."""
        extension = self.kind.extension if self.kind else "bin"
        return f"{slugify(self.title)[:80].strip('-') or 'document'}.{extension}"
