from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class OfferedDocumentInline(admin.TabularInline):
    """An item's documents in its admin form: chosen from the library by title."""

    fields = ["document", "order"]
    autocomplete_fields = ["document"]
    extra = 0
    verbose_name = _("document")
    verbose_name_plural = _("documents")
