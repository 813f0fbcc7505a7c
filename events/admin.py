from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from content.admin import PUBLISHING_FIELDS
from content.models import translated_field_names
from staff.admin import ContentAdmin

from .models import Event


@admin.register(Event)
class EventAdmin(ContentAdmin):
    list_display = [
        "title",
        # Next to the title, where a phone shows it without scrolling sideways.
        "translation_status",
        "starts_at",
        "venue_name",
        "publication",
        "updated_at",
    ]
    search_fields = translated_field_names("title")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["project"]
    date_hierarchy = "starts_at"
    list_select_related = ["project"]
    save_on_top = True
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "body"]}),
        (_("When"), {"fields": ["starts_at", "ends_at", "all_day"]}),
        (
            _("Where"),
            {"fields": ["venue_name", "venue_address", "latitude", "longitude"]},
        ),
        (_("Taking part"), {"fields": ["registration_url", "free_entry", "project"]}),
        (_("Publishing"), {"fields": list(PUBLISHING_FIELDS)}),
    ]
