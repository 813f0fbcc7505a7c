from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from content.admin import PUBLISHING_FIELDS, PublicationFilter
from content.models import translated_field_names
from media.offered_admin import OfferedDocumentInline
from staff.admin import ContentAdmin
from translations.admin import MissingTranslationFilter, StaleTranslationFilter

from .models import Page, PageDocument


class PageDocumentInline(OfferedDocumentInline):
    model = PageDocument


@admin.register(Page)
class PageAdmin(ContentAdmin):
    list_display = [
        "title",
        # Next to the title, where a phone shows it without scrolling sideways.
        "translation_status",
        "parent",
        "publication",
        "show_in_menu",
        "menu_order",
        "updated_at",
    ]
    list_editable = ["menu_order"]
    list_filter = [
        PublicationFilter,
        "show_in_menu",
        MissingTranslationFilter,
        StaleTranslationFilter,
    ]
    search_fields = translated_field_names("title", "body")
    prepopulated_fields = {"slug": ("title",)}
    list_select_related = ["parent"]
    inlines = [PageDocumentInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "description"]}),
        (
            _("Publishing"),
            {"fields": list(PUBLISHING_FIELDS)},
        ),
        (
            _("Place on the site"),
            {
                "fields": [
                    "parent",
                    "is_home",
                    "show_in_menu",
                    "show_in_footer",
                    "show_contact",
                    "menu_order",
                ]
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Page.objects.filter(parent=None, is_home=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
