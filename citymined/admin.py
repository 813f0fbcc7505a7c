"""What the admin screens of pages and projects share."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from citymined.content import LANGUAGE_CODES
from citymined.images import renditions
from citymined.models import Organisation


class TranslationStatusMixin:
    """A changelist column showing, per language, whether the item exists there."""

    @admin.display(description=_("translations"))
    def translation_status(self, obj):
        marks = []
        for code in LANGUAGE_CODES:
            complete = obj.exists_in(code)
            marks.append(
                (
                    "complete" if complete else "missing",
                    _("complete") if complete else _("translation missing"),
                    code.upper(),
                    "✓" if complete else "✗",
                )
            )
        return format_html_join(
            " ", '<span class="translation-status {}" title="{}">{} {}</span>', marks
        )


class PreviewOnSiteMixin:
    """ "View on site" opens drafts through the preview, since visitors cannot see them.
    Lists say whether an item is a draft, scheduled (and for when) or published."""

    @admin.display(description=_("publication"), ordering="published_at")
    def publication(self, obj):
        if obj.is_public():
            return _("Published")
        if obj.is_scheduled():
            moment = date_format(localtime(obj.published_at), "SHORT_DATETIME_FORMAT")
            return _("Scheduled for %(moment)s") % {"moment": moment}
        return _("Draft")

    def view_on_site(self, obj):
        url = obj.get_absolute_url()
        return url if obj.is_public() else f"{url}?preview"


class PublicationFilter(admin.SimpleListFilter):
    """Draft, scheduled or published: the site's own notion, `published()`."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published")),
        ]

    def queryset(self, request, queryset):
        narrow = {
            "draft": queryset.drafts,
            "scheduled": queryset.scheduled,
            "published": queryset.published,
        }.get(self.value())
        return narrow() if narrow else queryset


class MissingTranslationFilter(admin.SimpleListFilter):
    """Lists the items still missing their text in one language."""

    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [
            (code, _("missing in %(language)s") % {"language": name})
            for code, name in settings.LANGUAGES
        ]

    def queryset(self, request, queryset):
        code = self.value()
        if code not in LANGUAGE_CODES:
            return queryset
        # Decided by `exists_in`, the site's one definition, rather than a second one
        # written in SQL that could drift from it.
        fields = [f"{field}_{code}" for field in queryset.model.required_translations]
        missing = [obj.pk for obj in queryset.only("pk", *fields) if not obj.exists_in(code)]
        return queryset.filter(pk__in=missing)


def thumbnail(image_field, kind, alt=""):
    """A small picture of an image for admin lists: the resized copies the site shows as
    `kind` (so usually made already), the browser taking the smallest, never the original
    of up to several megabytes. A dash when there is none or its file is lost."""
    picture = renditions(image_field, kind)
    if picture is None:
        return "–"
    return format_html(
        '<img src="{}" srcset="{}" sizes="60px" alt="{}" width="60" height="40"'
        ' class="admin-thumbnail">',
        picture["src"],
        picture["srcset"],
        alt,
    )


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    """One screen for the organisation's details: there is only ever one row."""

    fieldsets = [
        (None, {"fields": ["name", "founded"]}),
        (_("Address"), {"fields": ["street", "postal_code", "locality", "country"]}),
        (_("Contact"), {"fields": ["email", "phones", "links"]}),
    ]

    def has_add_permission(self, request):
        return not Organisation.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        organisation = Organisation.objects.first()
        opts = self.model._meta
        if organisation is None:
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_add")
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", organisation.pk)
