from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from content.admin import PUBLISHING_FIELDS
from content.models import translated_field_names
from media.admin import thumbnail
from staff.admin import ContentAdmin

from .models import News


@admin.register(News)
class NewsAdmin(ContentAdmin):
    list_display = [
        "title",
        # Next to the title, where a phone shows it without scrolling sideways.
        "translation_status",
        "cover_thumbnail",
        "publication",
        "published_at",
        "updated_at",
    ]
    search_fields = translated_field_names("title")
    prepopulated_fields = {"slug": ("title",)}
    # As a project's cities and themes: Django's multiple autocomplete leaves its search
    # box without a label (axe), the two lists name theirs.
    filter_horizontal = ["projects", "partners"]
    date_hierarchy = "published_at"
    save_on_top = True
    list_per_page = 50
    list_select_related = ["cover"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "body"]}),
        (_("Cover image"), {"fields": ["cover"]}),
        (_("About"), {"fields": ["projects", "partners"]}),
        (
            _("Publishing"),
            {
                "fields": list(PUBLISHING_FIELDS),
                "description": _("The news item is dated on its publication date."),
            },
        ),
    ]

    @admin.display(description=_("cover"))
    def cover_thumbnail(self, obj):
        cover = obj.cover
        return thumbnail(cover.file if cover else None, "card", cover.alt if cover else "")
