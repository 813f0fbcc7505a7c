"""What the admin screens of pages and projects share."""

import copy
from functools import reduce
from itertools import pairwise
from operator import or_

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.lookups import Contains
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst, smart_split, unescape_string_literal
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TabbedTranslationAdmin
from reversion import add_to_revision, set_comment
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from citymined import history
from citymined.accounts import history_of
from citymined.content import LANGUAGE_CODES, publish_permission, translated_field_names
from citymined.deletion import describe_deletion
from citymined.images import renditions
from citymined.models import Organisation, StaffProfile
from citymined.preferences import PreferencesForm
from citymined.roles import group_label
from citymined.search_vectors import Folded
from citymined.translation_files_admin import export_for_translation
from citymined.translation_status import (
    COMPLETE,
    MISSING,
    STALE,
    can_translate,
    object_status,
    prefetch_status,
    translatable_fields,
    with_status,
)


class ErrorSummaryMixin:
    """After a refused save, the top of the form names every field with an error, with
    its language, and links to it; js/admin_errors.js opens the tab of the first one
    and marks every tab that holds one."""

    @property
    def media(self):
        # js/admin_tabs.js opens the tab last used; this one, running after it, opens
        # the tab of an error instead.
        return super().media + forms.Media(
            js=["js/admin_tabs.js", "js/admin_errors.js"], css={"all": ["css/admin.css"]}
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


class LabelledListMixin:
    """The fields a list lets staff change in place (list_editable) are named by
    their column and row, "Order: About us", as Django names the row's checkbox: Django
    renders them without a label."""

    def get_changelist_form(self, request, **kwargs):
        return labelled_by_row(super().get_changelist_form(request, **kwargs))


def labelled_by_row(form_class):
    class LabelledRowForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                if not field.widget.is_hidden:
                    field.widget.attrs["aria-label"] = gettext("%(field)s: %(item)s") % {
                        "field": capfirst(field.label),
                        "item": self.instance,
                    }

    return LabelledRowForm


class TranslationStatusMixin:
    """A list column giving each language's state in words and colour ("FR: 2 missing",
    "EN: 1 out of date", "NL: complete"), each linking to the translate view; and on
    the change form, a link to translate the item into each language."""

    @admin.display(description=_("translations"))
    def translation_status(self, obj):
        allowed = getattr(obj, "_may_translate", ())
        return format_html_join(
            " ", "{}", ((status_badge(obj, code, code in allowed),) for code in LANGUAGE_CODES)
        )

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # Every row's records in a fixed number of queries, not a few per row.
        rows = prefetch_status(changelist.result_list)
        # The column links to the translate view only where this user may translate
        # (the admin is shared between requests: the rows carry it, not the admin).
        allowed = [code for code in LANGUAGE_CODES if can_translate(request.user, self.model, code)]
        for obj in rows:
            obj._may_translate = allowed
        return changelist

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.pk is not None:
            context["translate_links"] = translate_links(request.user, obj)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


def translate_url(obj, language):
    opts = obj._meta
    return reverse(
        "admin:translate", args=[opts.app_label, opts.model_name, quote(obj.pk), language]
    )


def translate_links(user, obj):
    """[(language name, address)] of the translate view in each language `user` may
    translate `obj` into."""
    return [
        (name, translate_url(obj, code))
        for code, name in settings.LANGUAGES
        if can_translate(user, type(obj), code)
    ]


def count_in_words(status, count):
    """ "2 missing", "1 out of date", "30 complete": a number of fields in a state."""
    phrases = {
        COMPLETE: ngettext("%(count)s complete", "%(count)s complete", count),
        MISSING: ngettext("%(count)s missing", "%(count)s missing", count),
        STALE: ngettext("%(count)s out of date", "%(count)s out of date", count),
    }
    return phrases[status] % {"count": count}


def status_summary(counts):
    """ "complete", or "2 missing, 1 out of date": the state of a language in words."""
    parts = [
        count_in_words(status, counts[status]) for status in (MISSING, STALE) if counts[status]
    ]
    return ", ".join(parts) or gettext("complete")


def status_badge(obj, language, link=True):
    """One language's state, as a link to translate it when `link`: the words carry
    the meaning, the colour (class) only repeats it."""
    counts = object_status(obj, language)
    state = MISSING if counts[MISSING] else STALE if counts[STALE] else COMPLETE
    name = dict(settings.LANGUAGES)[language]
    words = format_html(
        '<abbr title="{}">{}</abbr>: {}', name, language.upper(), status_summary(counts)
    )
    if not link:
        return format_html('<span class="translation-status {}">{}</span>', state, words)
    return format_html(
        '<a class="translation-status {}" href="{}" title="{}">{}</a>',
        state,
        translate_url(obj, language),
        gettext("Translate into %(language)s") % {"language": name},
        words,
    )


class _TranslationStatusFilter(admin.SimpleListFilter):
    """Lists the items with at least one field (theirs or their parts') in a state in
    one language, as citymined.translation_status decides it."""

    status = None
    # Each choice's label, given the language's name.
    choice = None

    def lookups(self, request, model_admin):
        return [(code, self.choice % {"language": name}) for code, name in settings.LANGUAGES]

    def queryset(self, request, queryset):
        code = self.value()
        if code not in LANGUAGE_CODES:
            return queryset
        return with_status(queryset, code, self.status)


class MissingTranslationFilter(_TranslationStatusFilter):
    title = _("missing translation")
    choice = _("missing in %(language)s")
    parameter_name = "missing"
    status = MISSING


class StaleTranslationFilter(_TranslationStatusFilter):
    title = _("out-of-date translation")
    choice = _("out of date in %(language)s")
    parameter_name = "stale"
    status = STALE


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


class LockedFieldsForm(forms.ModelForm):
    """A form with fields this user may read but not change (`locked_fields`): they show
    disabled, and a request that changes one anyway (browsers send nothing for a
    disabled field, so only a crafted request can) is refused with `locked_message`,
    keeping everything else that was typed."""

    locked_fields = ()
    locked_message = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.locked_fields:
            if name in self.fields:
                self.fields[name].disabled = True

    def clean(self):
        cleaned_data = super().clean()
        for name in self.locked_fields:
            if name in self.fields and self._posted_change(name):
                self.add_error(name, self.locked_message)
        return cleaned_data

    def _posted_change(self, name):
        field = self.fields[name]
        key = self.add_prefix(name)
        if field.widget.value_omitted_from_data(self.data, self.files, key):
            return False
        # A disabled field never reports a change: ask an enabled copy of it.
        enabled = copy.copy(field)
        enabled.disabled = False
        posted = field.widget.value_from_datadict(self.data, self.files, key)
        return enabled.has_changed(self.get_initial_for_field(field, name), posted)


class PublishingAdmin:
    """Publishing is a permission of its own (`publish_<model>`, see Content.Meta). Staff
    without it may write and save drafts: the status and the publication date show but
    cannot be changed, on the form and on the server; nor can they bring back a version
    or a deleted item that would publish, unpublish or reschedule it."""

    publishing_fields = ("status", "published_at")

    def has_publish_permission(self, request):
        return request.user.has_perm(publish_permission(self.model))

    def get_form(self, request, obj=None, **kwargs):
        if not self.has_publish_permission(request):
            kwargs["form"] = type(
                "PublishingLockedForm",
                (LockedFieldsForm, kwargs.get("form", self.form)),
                {
                    "locked_fields": self.publishing_fields,
                    "locked_message": gettext(
                        "Publishing, unpublishing and the publication date need the "
                        "permission to publish. Save it as it is, and ask an editor who "
                        "has it."
                    ),
                },
            )
        return super().get_form(request, obj, **kwargs)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        return self._refuse_publishing_version(request, version_id, object_id) or (
            super().revision_view(request, object_id, version_id, extra_context)
        )

    def recover_view(self, request, version_id, extra_context=None):
        return self._refuse_publishing_version(request, version_id) or (
            super().recover_view(request, version_id, extra_context)
        )

    def restore_view(self, request, object_id, version_id):
        return self._refuse_publishing_version(request, version_id, object_id) or (
            super().restore_view(request, object_id, version_id)
        )

    def _refuse_publishing_version(self, request, version_id, object_id=None):
        """A redirect with the reason when bringing back this version would change
        what is published and the user may not publish; None when it may go ahead
        (or when the view itself refuses a user who may not change the item: 403)."""
        version = Version.objects.filter(pk=version_id).first()
        if (
            version is None
            or self.has_publish_permission(request)
            or not self.has_change_permission(request)
        ):
            return None
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if not self._changes_publication(version, obj):
            return None
        messages.error(
            request,
            gettext(
                "This version has another status or publication date: bringing it back "
                "needs the permission to publish. Ask an editor who has it."
            ),
        )
        opts = self.model._meta
        if obj is None:
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_history", quote(obj.pk))

    def _changes_publication(self, version, obj):
        """Whether restoring `version` over `obj` (None: recovering it) would publish,
        unpublish or reschedule it."""
        # The stored object itself: `field_dict` would fetch the fields a version leaves
        # out (the search vectors) from the database, where a deleted item is not.
        stored = next(serializers.deserialize(version.format, version.serialized_data)).object
        if obj is None:
            return stored.status == self.model.Status.PUBLISHED
        return any(getattr(stored, name) != getattr(obj, name) for name in self.publishing_fields)


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


class SafeEditingAdmin(ErrorSummaryMixin, LabelledListMixin, VersionAdmin):
    """What every content admin offers staff as a safety net:

    - each save keeps a version (with its translations, links and inlines) with who and
      when; the history compares any two in words, per language, and restores one in
      one step; deleted items can be recovered (django-reversion);
    - the delete confirmation says in plain words what goes and what else is touched;
    - a form saved by someone else after it was opened is refused, not overwritten;
    - a refused save names each field with an error, in its language (ErrorSummaryMixin);
    - the fields changed in the list are named for a screen reader (LabelledListMixin).
    """

    form = VersionCheckedForm
    actions = [export_for_translation]
    object_history_template = "admin/history/object_history.html"
    delete_confirmation_template = "admin/history/delete_confirmation.html"
    history_latest_first = True
    # A filtered list would count the whole table a second time to say "of N in all":
    # with an archive of thousands, one count is enough.
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        """Every word searched for is in one of the item's texts, in any language,
        whatever its accents and capitals: "methode" finds "Notre méthode", and a
        street named only in a project's text finds the project. (Django's own search
        reads the few columns listed, as typed.)"""
        columns = translated_field_names(*translatable_fields(self.model))
        # As Django reads them: words, and "quoted phrases".
        words = [
            unescape_string_literal(word)
            if word.startswith(('"', "'")) and len(word) > 1 and word[0] == word[-1]
            else word
            for word in smart_split(search_term)
        ]
        if not columns or not words:
            return super().get_search_results(request, queryset, search_term)
        for word in words:
            wanted = Folded(models.Value(word))
            queryset = queryset.filter(
                reduce(or_, (Contains(Folded(column), wanted) for column in columns))
            )
        return queryset, False

    def recover_view(self, request, version_id, extra_context=None):
        version = Version.objects.filter(pk=version_id).first()
        if version is not None:
            request.saved_message = gettext("The %(name)s “%(object)s” was recovered.") % {
                "name": self.model._meta.verbose_name,
                "object": version.object_repr,
            }
        return super().recover_view(request, version_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = Version.objects.filter(pk=version_id).select_related("revision").first()
        if version is not None:
            request.saved_message = gettext(
                "The %(name)s “%(object)s” is back as it was saved on %(time)s."
            ) % {
                "name": self.model._meta.verbose_name,
                "object": version.object_repr,
                "time": formats.localize(timezone.localtime(version.revision.date_created)),
            }
        return super().revision_view(request, object_id, version_id, extra_context)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # Django says "was changed successfully" after any save of the change form; a
        # deleted item recovered, or an old version saved back, says what happened.
        if level == messages.SUCCESS and getattr(request, "saved_message", None):
            message = request.saved_message
        super().message_user(request, message, level, *args, **kwargs)

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
class OrganisationAdmin(TranslationStatusMixin, SafeEditingAdmin, TabbedTranslationAdmin):
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


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    form = PreferencesForm
    can_delete = False


class KeepStaffHistoryUserAdmin(UserAdmin):
    """The delete screen explains why an account with a history stays, deactivated.
    The account's preferences are edited here too, and roles are named in the admin's
    language."""

    inlines = [StaffProfileInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups":
            field.label_from_instance = group_label
        return field

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = [*protected, *(reason for user in objs for reason in history_of(user))]
        return deleted, counts, perms_needed, protected


if admin.site.is_registered(get_user_model()):
    admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), KeepStaffHistoryUserAdmin)
