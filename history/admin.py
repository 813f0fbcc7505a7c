"""The admin's safety net, which every kind of content's admin gets through
`SafeEditingAdmin`: versions, compare, restore, recover, deletion in plain words,
clashes between editors, and a summary of a refused form's errors."""

from itertools import pairwise, zip_longest

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_permission_codename
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from reversion import add_to_revision, set_comment
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from content.admin import PUBLISHING_FIELDS
from content.models import publish_permission
from history import changes, clashes
from history.deletion import describe_deletion


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


class ClashMixin:
    """After a clash between editors: a message at the top that says what happened (not
    "Please correct the error below"), and the panel that compares, per field, what
    both changed (admin/history/clash.html); after a save that merged both people's
    changes, a message that says whose words were kept where."""

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["admin-history/compare.css"]})

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        clash = getattr(form, "clash", None)
        if clash is not None and clash.fields and form.errors:
            context["clash"] = clash
            context["clash_seen_name"] = form.add_prefix(clashes.SEEN)
            if clash.unresolved:
                self.message_user(request, clash.refusal(form.instance), messages.WARNING)
            if not error_summary(form, context.get("inline_admin_formsets", [])):
                # Nothing else to correct: no "Please correct the error below."
                context["errors"] = []
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(form, "clash", None) is not None:
            request.saved_message = form.clash.merged(obj)


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
        {
            "id": _field_id(form, name),
            "label": prefix + _field_label(form, name),
            "message": message,
        }
        for name, errors in form.errors.items()
        for message in _messages(errors)
    ]


def _messages(errors):
    """The messages of a field's errors, but a clash's: it has a panel of its own
    (admin/history/clash.html)."""
    # Forms that may not be changed (a translator's view) hold plain lists.
    listed = errors.as_data() if hasattr(errors, "as_data") else ValidationError(errors).error_list
    return [message for error in listed if error.code != clashes.CODE for message in error]


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


class BasedOnVersionField(forms.CharField):
    """The version of the item that the form was opened on, carried by the form."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        # Not something staff change: the change log must not mention it.
        return False


class VersionCheckedForm(forms.ModelForm):
    """Where someone else saved the item after the form was opened, keeps both people's
    changes to different fields, and refuses to save a field both changed until the
    editor has chosen whose words to keep (history/clashes.py). The refused form keeps
    what was typed, and the version it was opened on, which every comparison starts
    from however many times it is sent back."""

    based_on_version = BasedOnVersionField()
    # What the fields held when the form was opened, where the item had no version yet.
    opened_as = BasedOnVersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.clash = None
        if self.instance._state.adding:
            return
        latest = changes.latest_version_id(self.instance)
        self.fields["based_on_version"].initial = latest
        if latest is None and not self.is_bound:
            self.fields["opened_as"].initial = clashes.snapshot(self)

    def clean(self):
        cleaned_data = super().clean()
        name = self.add_prefix("based_on_version")
        # Forms that never carried it (lists' editable columns) have nothing to compare.
        if self.instance._state.adding or name not in self.data:
            return cleaned_data
        latest = changes.latest_version_id(self.instance)
        based_on = self.data.get(name) or None
        if latest is None or str(latest) == str(based_on or ""):
            return cleaned_data
        self.clash = clashes.find(
            self, based_on, latest, self.data.get(self.add_prefix("opened_as"))
        )
        if self.clash.unresolved:
            self.data = self.data.copy()
            for theirs, _label in self.clash.theirs_only:
                self._show(theirs, self.get_initial_for_field(self.fields[theirs], theirs))
            for merged, _label, text in self.clash.merged_texts:
                self._show(merged, text)
            raise ValidationError(self.clash.headline(self.instance), code=clashes.CODE)
        # Left out of what is saved, a field keeps the value the other editor saved.
        for taken in self.clash.taken_from_them:
            cleaned_data.pop(taken, None)
        for merged, _label, text in self.clash.merged_texts:
            cleaned_data[merged] = self.fields[merged].clean(text)
        return cleaned_data

    @property
    def changed_data(self):
        # The change log names what this save changed, not what it took from the other.
        taken = self.clash.taken_from_them if self.clash else []
        return [name for name in super().changed_data if name not in taken]

    def _show(self, name, value):
        """The refused form shows `value` in the field `name`, as if it had been typed."""
        field, key = self.fields[name], self.add_prefix(name)
        widget, value = field.widget, field.prepare_value(value)
        if isinstance(field, forms.FileField):
            return  # The form shows the file saved now when none is chosen.
        if isinstance(widget, forms.MultiWidget):
            parts = zip(widget.widgets_names, widget.widgets, widget.decompress(value), strict=True)
            for suffix, subwidget, part in parts:
                self.data[key + suffix] = subwidget.format_value(part) or ""
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                self.data[key] = "on"
            else:
                self.data.pop(key, None)
        elif isinstance(value, list | tuple):
            self.data.setlist(key, [str(item) for item in value])
        else:
            self.data[key] = "" if value is None else value


def saved_meanwhile(obj, based_on, taken=()):
    """One sentence per save made since the version `based_on`: who, when and what
    changed (per language), then which of their changes the form now shows, then what
    to do."""
    versions = changes.versions_after(obj, based_on)
    start = Version.objects.filter(pk=based_on or None).first()
    sentences = []
    for before, version in pairwise([start, *versions]):
        changed = changes.changed_fields_in_words(before, version) if before else []
        sentences.append(
            gettext("%(user)s saved this %(kind)s on %(time)s, after you opened it%(changes)s.")
            % {
                "user": version.revision.user or gettext("someone"),
                "kind": obj._meta.verbose_name,
                "time": formats.localize(timezone.localtime(version.revision.date_created)),
                "changes": (gettext(", and changed ") + "; ".join(changed)) if changed else "",
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


class SafeEditingAdmin(ClashMixin, ErrorSummaryMixin, LabelledListMixin, VersionAdmin):
    """What every content admin offers staff as a safety net:

    - each save keeps a version (with its translations, links and inlines) with who and
      when; the history compares any two in words, per language, and restores one in
      one step; deleted items can be recovered (django-reversion);
    - the delete confirmation says in plain words what goes and what else is touched;
    - a form saved by someone else after it was opened keeps both people's changes,
      and asks whose words to keep in a field both changed (ClashMixin);
    - a refused save names each field with an error, in its language (ErrorSummaryMixin);
    - the fields changed in the list are named for a screen reader (LabelledListMixin).
    """

    form = VersionCheckedForm
    object_history_template = "admin/history/object_history.html"
    delete_confirmation_template = "admin/history/delete_confirmation.html"
    history_latest_first = True
    # A filtered list would count the whole table a second time to say "of N in all":
    # with an archive of thousands, one count is enough.
    show_full_result_count = False

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # Django says "was changed successfully" after any save of the change form; a
        # deleted item recovered, or an old version saved back, says what happened.
        if level == messages.SUCCESS and getattr(request, "saved_message", None):
            message = request.saved_message
        super().message_user(request, message, level, *args, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {name for _title, options in fieldsets for name in options["fields"]}
        carried = [name for name in ("based_on_version", "opened_as") if name not in named]
        if obj is None or not carried:
            return fieldsets
        (title, options), *rest = fieldsets
        first = (title, {**options, "fields": [*options["fields"], *carried]})
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
            # Each version beside the one before it (they come newest first), the first
            # beside None; an item made by a script or the shell has none yet.
            for version, previous in zip_longest(versions, versions[1:])
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
            "sections": changes.compare(older, newer),
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
        refused = self._refuse_version(request, version.pk, object_id)
        if refused:
            return refused
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

    # Bringing a version back reverts its whole revision: every item saved with it.

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
        return self._refuse_version(request, version_id, object_id) or (
            super().revision_view(request, object_id, version_id, extra_context)
        )

    def recover_view(self, request, version_id, extra_context=None):
        version = Version.objects.filter(pk=version_id).first()
        if version is not None:
            request.saved_message = gettext("The %(name)s “%(object)s” was recovered.") % {
                "name": self.model._meta.verbose_name,
                "object": version.object_repr,
            }
        return self._refuse_version(request, version_id) or (
            super().recover_view(request, version_id, extra_context)
        )

    def _refuse_version(self, request, version_id, object_id=None):
        """A redirect with the reason when the user may not make every change that
        bringing back this version makes; None when it may go ahead (or when the view
        itself refuses a user who may not change the item: 403)."""
        version = Version.objects.filter(pk=version_id).select_related("revision").first()
        if version is None or not self.has_change_permission(request):
            return None
        reason = self.revert_refusal(request, version)
        if reason is None:
            return None
        messages.error(request, reason)
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if obj is None:
            return redirect(self._url("changelist"))
        return redirect(self._url("history", quote(obj.pk)))

    def revert_refusal(self, request, version):
        """Why `request.user` may not bring back `version`, or None. Allowed only when
        they could make each change its revision makes, object by object: add, change
        or delete it, and publish if its status or publication date changes."""
        not_allowed, not_publishable = [], []
        for item in changes.reverted_objects(version.revision):
            if item.action == "change" and not item.changed:
                continue
            if not self._may(request, item):
                not_allowed.append(item)
            elif item.changes_publication(PUBLISHING_FIELDS) and not request.user.has_perm(
                publish_permission(item.model)
            ):
                not_publishable.append(item)
        if not_allowed:
            return gettext(
                "Bringing this version back also changes %(items)s, saved at the same time, "
                "which you may not change. Ask an editor who may."
            ) % {"items": _items_in_words(not_allowed)}
        if not not_publishable:
            return None
        own = (version.content_type.model_class(), str(version.object_id))
        if [(item.model, str((item.current or item.kept).pk)) for item in not_publishable] == [own]:
            return gettext(
                "This version has another status or publication date: bringing it back "
                "needs the permission to publish. Ask an editor who has it."
            )
        return gettext(
            "Bringing this version back publishes, unpublishes or reschedules %(items)s, "
            "saved at the same time: that needs the permission to publish. Ask an editor "
            "who has it."
        ) % {"items": _items_in_words(not_publishable)}

    def _may(self, request, item):
        model_admin = self.admin_site._registry.get(item.model)
        if model_admin is None:
            # An inline's rows: what the model's own permissions allow.
            opts = item.model._meta
            codename = get_permission_codename(item.action, opts)
            return request.user.has_perm(f"{opts.app_label}.{codename}")
        if item.action == "add":
            return model_admin.has_add_permission(request)
        if item.action == "delete":
            return model_admin.has_delete_permission(request, item.current)
        return model_admin.has_change_permission(request, item.current)

    def _restore(self, request, obj, version, when):
        with transaction.atomic(), self.create_revision(request):
            version.revision.revert(delete=True)
            obj.refresh_from_db()
            add_to_revision(obj)
            message = gettext("Restored the version saved on %(time)s.") % {"time": when}
            self.log_change(request, obj, message)
            set_comment(message)


def _items_in_words(items):
    return ", ".join(
        f"{capfirst(item.model._meta.verbose_name)} “{item.current or item.kept}”" for item in items
    )
