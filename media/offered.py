"""Documents a page, a project or any other kind of content offers for download.

A kind of content offers documents with three lines in its own app:

    # models.py: its list of documents, in order
    class ProjectDocument(OfferedDocument):
        project = models.ForeignKey(Project, on_delete=models.CASCADE)

    # admin.py: chosen in its admin form (media/offered_admin.py)
    class ProjectDocumentInline(OfferedDocumentInline):
        model = ProjectDocument

    {# its template: the "Documents" list (templates/includes/documents.html) #}
    {% load documents %}{% documents object %}

A document that some item offers cannot be deleted (PROTECT): the admin lists who
offers it instead."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from caching.fragments import cached
from media.models import Document


class OfferedDocument(models.Model):
    """One document in an item's list of documents, at its place in the list."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="%(class)ss"
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = _("offered document")
        verbose_name_plural = _("offered documents")

    def __str__(self):
        return str(self.document)

    def deletion_phrase(self):
        """How the delete confirmation names this row: the document stays in the library."""
        return _("its link to the document “%(title)s”, which stays in the library") % {
            "title": self.document
        }


def _relation(model):
    """The accessor of `model`'s list of documents (an OfferedDocument pointing to it),
    or None."""
    for relation in model._meta.related_objects:
        if relation.one_to_many and issubclass(relation.related_model, OfferedDocument):
            return relation.get_accessor_name()
    return None


def documents_of(item):
    """The documents `item` offers, in order: read once per process until an edit of
    the item's list, or of a document."""
    accessor = _relation(type(item))
    if accessor is None or item.pk is None:
        return []

    def read():
        rows = getattr(item, accessor).select_related("document")
        return [row.document for row in rows if row.document.kind is not None]

    return cached(("documents", item._meta.label_lower, item.pk), read)
