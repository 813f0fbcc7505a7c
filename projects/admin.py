from adminsortable2.admin import SortableAdminMixin
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from content.admin import PUBLISHING_FIELDS, PublicationFilter
from content.models import translated_field_names
from media.admin import thumbnail
from media.offered_admin import OfferedDocumentInline
from staff.admin import ContentAdmin, TranslatedAdmin
from translations.admin import MissingTranslationFilter, StaleTranslationFilter

from .models import (
    City,
    GalleryImage,
    Partner,
    Project,
    ProjectDocument,
    ProjectPartner,
    Theme,
    uses_of,
)


def library_thumbnail(image, kind):
    """The admin's thumbnail of a picture of the library, with its description."""
    return thumbnail(image.file if image else None, kind, image.alt if image else "")


class GalleryImageInline(TranslationTabularInline):
    model = GalleryImage
    # Chosen in the library (media's chooser); its description is the picture's.
    fields = ["image", "preview", "caption", "order"]
    readonly_fields = ["preview"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("image")

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return library_thumbnail(obj.image, "gallery")


class ProjectDocumentInline(OfferedDocumentInline):
    model = ProjectDocument


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    fields = ["partner", "role", "order"]
    autocomplete_fields = ["partner"]
    extra = 0


@admin.register(Project)
class ProjectAdmin(ContentAdmin):
    list_display = [
        "title",
        # Next to the title, where a phone shows it without scrolling sideways.
        "translation_status",
        "cover_thumbnail",
        "city_names",
        "years",
        "publication",
        "featured",
        "updated_at",
    ]
    list_filter = [
        PublicationFilter,
        "featured",
        "themes",
        "cities",
        MissingTranslationFilter,
        StaleTranslationFilter,
    ]
    search_fields = translated_field_names("title")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ["cities", "themes"]
    inlines = [ProjectPartnerInline, GalleryImageInline, ProjectDocumentInline]
    save_on_top = True
    # Each row draws a thumbnail and the translation marks: 50 rows keep the list quick
    # with an archive of thousands (the number of queries does not depend on either).
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "body"]}),
        (
            _("Facts"),
            {"fields": ["cities", "themes", "start_year", "end_year", "website"]},
        ),
        (_("Cover image"), {"fields": ["cover", "cover_caption"]}),
        (_("Publishing"), {"fields": [*PUBLISHING_FIELDS, "featured"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cover").prefetch_related("cities")

    @admin.display(description=_("cover"))
    def cover_thumbnail(self, obj):
        return library_thumbnail(obj.cover, "card")

    @admin.display(description=_("cities"))
    def city_names(self, obj):
        return ", ".join(city.name for city in obj.cities.all())

    @admin.display(description=_("years"), ordering="start_year")
    def years(self, obj):
        return f"{obj.start_year}–{obj.end_year or ''}"


@admin.register(Partner)
class PartnerAdmin(SortableAdminMixin, TranslatedAdmin):
    """Drag the rows to set the order of the funders in the footer and on the
    supporters page. (django-admin-sortable2 2.3.1 lacks its actions script for Django
    6.1: static/adminsortable2/js/actions-6.1.js supplies it.) The sortable
    mixin comes first: its list template then extends the one of the history's
    "Recover deleted" link."""

    list_display = [
        "name",
        "translation_status",
        "logo_thumbnail",
        "kind",
        "is_current",
        "website",
    ]
    list_filter = ["kind", "is_current", MissingTranslationFilter, StaleTranslationFilter]
    search_fields = translated_field_names("name")
    list_select_related = ["logo"]
    fields = [
        "name",
        "kind",
        "is_current",
        "logo",
        "website",
        "description",
        "acknowledgement",
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name.startswith("description"):
            field.widget = admin.widgets.AdminTextareaWidget(attrs={"rows": 3})
        return field

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        # sortable2 2.3.1 overrides get_actions() with the signature Django 6.1
        # deprecates; its "move to page" actions belong on the list only anyway.
        if action_location != admin.ActionLocation.CHANGE_LIST:
            return super(SortableAdminMixin, self).get_actions(request, action_location)
        return super().get_actions(request)

    @admin.display(description=_("logo"))
    def logo_thumbnail(self, obj):
        return library_thumbnail(obj.logo, "logo")


class RefuseDeletingWhatProjectsUse:
    """The delete screen lists the projects that keep a city or theme, and offers no
    way to confirm, as it does for any protected object."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = [*protected, *(use for obj in objs for use in uses_of(obj))]
        return deleted, counts, perms_needed, protected


@admin.register(City)
class CityAdmin(RefuseDeletingWhatProjectsUse, TranslatedAdmin):
    list_display = ["name", "translation_status", "slug"]
    list_filter = [MissingTranslationFilter, StaleTranslationFilter]
    search_fields = translated_field_names("name")


@admin.register(Theme)
class ThemeAdmin(RefuseDeletingWhatProjectsUse, TranslatedAdmin):
    list_display = ["name", "translation_status", "slug", "order"]
    list_filter = [MissingTranslationFilter, StaleTranslationFilter]
    list_editable = ["order"]
    search_fields = translated_field_names("name")
