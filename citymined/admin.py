"""What the admin screens of pages and projects share."""

from itertools import pairwise

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TabbedTranslationAdmin
from reversion import add_to_revision, set_comment
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from citymined import history
from citymined.accounts import history_of
from citymined.content import LANGUAGE_CODES
from citymined.deletion import describe_deletion
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


class BasedOnVersionField(forms.CharField):
    """The version of the item that the form was opened on, carried by the form."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        # Not something staff change: the change log must not mention it.
        return False


class VersionCheckedForm(forms.ModelForm):
    """Refuses to save over a version saved by someone else after the form was opened,
    saying who changed what and when. The refused form keeps what was typed and now
    carries the latest version, so saving it again (after a look) goes through."""

    based_on_version = BasedOnVersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            self.fields["based_on_version"].initial = history.latest_version_id(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        name = self.add_prefix("based_on_version")
        # Forms that never carried it (lists' editable columns) have nothing to compare.
        if self.instance._state.adding or name not in self.data:
            return cleaned_data
        latest = history.latest_version_id(self.instance)
        based_on = self.data.get(name) or None
        if str(latest or "") != str(based_on or ""):
            self.data = self.data.copy()
            self.data[name] = latest
            taken = self._take_theirs_where_untouched(based_on)
            raise ValidationError(saved_meanwhile(self.instance, based_on, taken))
        return cleaned_data

    def _take_theirs_where_untouched(self, based_on):
        """Fields this editor left as they were but the other one changed now show the
        other's value, so that saving again keeps both people's work. What this editor
        typed is never replaced. The labels of the fields taken over."""
        version = Version.objects.filter(pk=based_on or None).first()
        if version is None:
            return []
        opened_on = version.field_dict
        taken = []
        for name, field in self.fields.items():
            if not _mergeable(field) or name not in opened_on:
                continue
            current = self.get_initial_for_field(field, name)
            posted = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            if field.has_changed(opened_on[name], posted) or not field.has_changed(
                opened_on[name], field.prepare_value(current)
            ):
                continue
            self._show(name, field, current)
            taken.append(history.field_in_words(self.instance._meta.get_field(name)))
        return taken

    def _show(self, name, field, value):
        value = field.prepare_value(value)
        if isinstance(value, list | tuple):
            self.data.setlist(self.add_prefix(name), [str(item) for item in value])
        else:
            self.data[self.add_prefix(name)] = "" if value is None else value


def _mergeable(field):
    """Fields posted as one value or a list of values (not files, check boxes or date
    and time pairs, which a browser sends differently)."""
    widget = field.widget
    return not isinstance(field, forms.FileField | forms.BooleanField) and not isinstance(
        widget, forms.MultiWidget | forms.CheckboxInput
    )


def saved_meanwhile(obj, based_on, taken=()):
    """One sentence per save made since the version `based_on`: who, when and what
    changed (per language), then which of their changes the form now shows, then what
    to do."""
    versions = history.versions_after(obj, based_on)
    start = Version.objects.filter(pk=based_on or None).first()
    sentences = []
    for before, version in pairwise([start, *versions]):
        changes = history.changed_fields_in_words(before, version) if before else []
        sentences.append(
            gettext("%(user)s saved this %(kind)s on %(time)s, after you opened it%(changes)s.")
            % {
                "user": version.revision.user or gettext("someone"),
                "kind": obj._meta.verbose_name,
                "time": formats.localize(timezone.localtime(version.revision.date_created)),
                "changes": (gettext(", and changed ") + "; ".join(changes)) if changes else "",
            }
        )
    if taken:
        sentences.append(
            gettext("Their changes to fields you had not touched are in the form now: %s.")
            % ", ".join(taken)
        )
    sentences.append(
        gettext(
            "Nothing of yours is saved yet and everything you typed is still here. Compare "
            "it with their changes (History shows them), then save again to keep yours."
        )
    )
    return sentences


class SafeEditingAdmin(ErrorSummaryMixin, VersionAdmin):
    """What every content admin offers staff as a safety net:

    - each save keeps a version (with its translations, links and inlines) with who and
      when; the history compares any two in words, per language, and restores one in
      one step; deleted items can be recovered (django-reversion);
    - the delete confirmation says in plain words what goes and what else is touched;
    - a form saved by someone else after it was opened is refused, not overwritten;
    - a refused save names each field with an error, in its language (ErrorSummaryMixin).
    """

    form = VersionCheckedForm
    object_history_template = "admin/history/object_history.html"
    delete_confirmation_template = "admin/history/delete_confirmation.html"
    history_latest_first = True
    # A filtered list would count the whole table a second time to say "of N in all":
    # with an archive of thousands, one count is enough.
    show_full_result_count = False

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {name for _title, options in fieldsets for name in options["fields"]}
        if obj is None or "based_on_version" in named:
            return fieldsets
        (title, options), *rest = fieldsets
        first = (title, {**options, "fields": [*options["fields"], "based_on_version"]})
        return [first, *rest]

    # Plain words on the delete confirmation.

    def get_deleted_objects(self, objs, request):
        _deleted, _counts, perms_needed, _protected = super().get_deleted_objects(objs, request)
        objs = list(objs)
        deletion = describe_deletion(objs, [inline.model for inline in self.inlines])
        listed = []
        for obj in objs:
            listed.extend([self._named(obj), deletion.goes + deletion.still_used])
        counts = {capfirst(self.model._meta.verbose_name_plural): len(objs), **deletion.counts}
        return listed, counts, perms_needed, deletion.protected

    def render_delete_form(self, request, context):
        obj = context.get("object")
        if obj is not None:
            inlines = [inline.model for inline in self.inlines]
            context["still_used"] = describe_deletion([obj], inlines).still_used
        return super().render_delete_form(request, context)

    def _named(self, obj):
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
        return format_html('{} <a href="{}">“{}”</a>', capfirst(opts.verbose_name), url, obj)

    # History: compare two versions, restore one.

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                view(self.compare_view),
                name=f"{name}_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def _versions(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj, Version.objects.get_for_object(obj).select_related("revision__user")

    def _url(self, view, *args):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)

    def history_view(self, request, object_id, extra_context=None):
        obj, versions = self._versions(request, object_id)
        versions = list(versions)
        entries = [
            {
                "revision": version.revision,
                "version_id": version.pk,
                "previous_id": previous.pk if previous else None,
                "url": self._url("revision", quote(obj.pk), version.pk),
            }
            for version, previous in zip(versions, [*versions[1:], None], strict=True)
        ]
        context = {
            "action_list": entries,
            "compare_url": self._url("compare", quote(obj.pk)),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        obj, versions = self._versions(request, object_id)
        chosen = sorted(
            (get_object_or_404(versions, pk=request.GET.get(key)) for key in ("from", "to")),
            key=lambda version: version.pk,
        )
        older, newer = chosen
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("What changed in %(name)s") % {"name": obj},
            "subtitle": None,
            "opts": opts,
            "object": obj,
            "older": older,
            "newer": newer,
            "sections": history.compare(older, newer),
            "restore_url": self._url("restore", quote(obj.pk), older.pk),
            "history_url": self._url("history", quote(obj.pk)),
            "can_restore": self.has_change_permission(request, obj),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/history/compare.html", context)

    @method_decorator(require_POST)
    def restore_view(self, request, object_id, version_id):
        obj, versions = self._versions(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(versions, pk=version_id)
        when = formats.localize(timezone.localtime(version.revision.date_created))
        try:
            self._restore(request, obj, version, when)
        except (RevertError, models.ProtectedError) as error:
            messages.error(request, str(error))
            return redirect(self._url("history", quote(obj.pk)))
        messages.success(
            request,
            gettext("The version saved on %(time)s is back. History keeps the one it replaced.")
            % {"time": when},
        )
        return redirect(self._url("change", quote(obj.pk)))

    def _restore(self, request, obj, version, when):
        with transaction.atomic(), self.create_revision(request):
            version.revision.revert(delete=True)
            obj.refresh_from_db()
            add_to_revision(obj)
            message = gettext("Restored the version saved on %(time)s.") % {"time": when}
            self.log_change(request, obj, message)
            set_comment(message)


@admin.register(Organisation)
class OrganisationAdmin(SafeEditingAdmin, TabbedTranslationAdmin):
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


class KeepStaffHistoryUserAdmin(UserAdmin):
    """The delete screen explains why an account with a history stays, deactivated."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = [*protected, *(reason for user in objs for reason in history_of(user))]
        return deleted, counts, perms_needed, protected


if admin.site.is_registered(get_user_model()):
    admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), KeepStaffHistoryUserAdmin)
