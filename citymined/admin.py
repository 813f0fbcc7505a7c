"""What the admin screens of pages and projects share."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from citymined.content import LANGUAGE_CODES
from citymined.images import renditions
from citymined.models import Organisation


class ErrorSummaryMixin:
    """After a refused save, the top of the form names every field with an error, with
    its language, and links to it; js/admin_errors.js opens the tab of the first one
    and marks every tab that holds one."""

    @property
    def media(self):
        return super().media + forms.Media(
            js=["js/admin_errors.js"], css={"all": ["css/admin.css"]}
        )

    def render_change_form(self, request, context, *args, **kwargs):
        formsets = context.get("inline_admin_formsets", [])
        context["error_summary"] = error_summary(context["adminform"].form, formsets)
        return super().render_change_form(request, context, *args, **kwargs)


def error_summary(form, inline_admin_formsets=()):
    """[{"id", "label", "message"}] for each error of the form and its inlines."""
    items = _form_errors(form)
    for inline in inline_admin_formsets:
        name = capfirst(inline.opts.verbose_name)
        for number, inline_form in enumerate(inline.formset.forms, start=1):
            items += _form_errors(inline_form, prefix=f"{name} {number}: ")
        items += [
            {"id": "", "label": capfirst(inline.opts.verbose_name_plural), "message": error}
            for error in inline.formset.non_form_errors()
        ]
    return items


def _form_errors(form, prefix=""):
    return [
        {"id": _field_id(form, name), "label": prefix + _field_label(form, name), "message": error}
        for name, errors in form.errors.items()
        for error in errors
    ]


def _field_id(form, name):
    return form[name].id_for_label if name in form.fields else ""


def _field_label(form, name):
    """The field's label, naming its language: "Title (French)"."""
    if name not in form.fields:
        return gettext("The form")
    try:
        model_field = form._meta.model._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):
        return capfirst(form.fields[name].label or name)
    language = getattr(model_field, "language", None)
    if language is None:
        return capfirst(model_field.verbose_name)
    label = capfirst(model_field.translated_field.verbose_name)
    return f"{label} ({settings.SITE_LANGUAGES[language]['name']})"


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
class OrganisationAdmin(ErrorSummaryMixin, TabbedTranslationAdmin):
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
