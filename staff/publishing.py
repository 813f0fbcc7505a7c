"""Publishing from the lists: publish, unpublish or schedule the selected items at once,
for staff with the permission to publish (`PublishingAdmin.has_publish_permission`).

Each item is saved on its own, as the change form would save it: its rules are checked
(an item without text in any language is not published), a version is kept in its
history with who and why, so the change can be undone there, and the save's signal
invalidates the caches and purges the proxy (caching/invalidation.py), which an
`update()` of the queryset would not."""

from django import forms
from django.contrib import messages
from django.contrib.admin import action, helpers
from django.contrib.admin.utils import model_ngettext
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion import set_comment

from content.models import Content, now_to_the_second


class ScheduleForm(forms.Form):
    """When the selected items appear, and when they leave the site, if ever."""

    published_at = forms.SplitDateTimeField(
        label=_("publication date"),
        widget=AdminSplitDateTime,
        help_text=_("The selected items appear on the site at this moment."),
    )
    expires_at = forms.SplitDateTimeField(
        label=_("unpublish at"),
        widget=AdminSplitDateTime,
        required=False,
        help_text=_("They leave the site at this moment. Leave it empty to keep them online."),
    )

    def clean(self):
        cleaned_data = super().clean()
        published_at, expires_at = cleaned_data.get("published_at"), cleaned_data.get("expires_at")
        if published_at and expires_at and expires_at <= published_at:
            self.add_error(
                "expires_at", _("Unpublish it after its publication date, or leave it empty.")
            )
        return cleaned_data


def _publish(obj):
    if obj.is_public():
        return False
    obj.status = Content.Status.PUBLISHED
    obj.published_at = now_to_the_second()
    if obj.expires_at and obj.expires_at <= obj.published_at:
        obj.expires_at = None
    return True


def _unpublish(obj):
    if obj.status == Content.Status.DRAFT:
        return False
    obj.status = Content.Status.DRAFT
    return True


def _schedule(published_at, expires_at):
    def change(obj):
        wanted = (Content.Status.PUBLISHED, published_at, expires_at)
        if (obj.status, obj.published_at, obj.expires_at) == wanted:
            return False
        obj.status, obj.published_at, obj.expires_at = wanted
        return True

    return change


class PublishingActionsMixin:
    """The list's publish, unpublish and schedule actions of a SafeEditingAdmin."""

    @action(
        description=_("Publish the selected %(verbose_name_plural)s now"), permissions=["publish"]
    )
    def publish_selected(self, request, queryset):
        changed = self._change_publication(
            request, queryset, _publish, gettext("Published from the list.")
        )
        self._report(request, changed, gettext("Published: %(count)d %(items)s."))

    @action(
        description=_("Unpublish the selected %(verbose_name_plural)s"), permissions=["publish"]
    )
    def unpublish_selected(self, request, queryset):
        changed = self._change_publication(
            request, queryset, _unpublish, gettext("Unpublished from the list.")
        )
        self._report(request, changed, gettext("Unpublished: %(count)d %(items)s."))

    @action(
        description=_("Schedule the selected %(verbose_name_plural)s…"), permissions=["publish"]
    )
    def schedule_selected(self, request, queryset):
        """Asks for the moments on a page of its own, as Django's delete confirmation
        asks before deleting; saves once they are given."""
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            published_at = form.cleaned_data["published_at"]
            expires_at = form.cleaned_data["expires_at"]
            moment = date_format(localtime(published_at), "SHORT_DATETIME_FORMAT")
            comment = gettext("Scheduled from the list for %(moment)s.") % {"moment": moment}
            changed = self._change_publication(
                request, queryset, _schedule(published_at, expires_at), comment
            )
            report = gettext("Scheduled for %(moment)s: %(count)d %(items)s.")
            self._report(request, changed, report, moment=moment)
            return None
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Schedule the selected %(items)s")
            % {"items": model_ngettext(opts, len(queryset))},
            "subtitle": None,
            "opts": opts,
            "form": form,
            "adminform": helpers.AdminForm(
                form, [(None, {"fields": list(form.fields)})], prepopulated_fields={}
            ),
            "media": self.media + form.media,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/schedule_selected.html", context)

    def _change_publication(self, request, queryset, change, comment):
        """Saves each item `change` changes, with a version of its own; says which ones
        its rules refused, and why. Returns how many were saved."""
        changed = 0
        for obj in queryset:
            if not change(obj):
                continue
            try:
                obj.clean()
            except ValidationError as error:
                reasons = " ".join(error.messages)
                self.message_user(
                    request,
                    gettext("“%(item)s” was left as it was: %(reasons)s")
                    % {"item": obj, "reasons": reasons},
                    messages.WARNING,
                )
                continue
            with transaction.atomic(), self.create_revision(request):
                obj.save()
                set_comment(comment)
                self.log_change(request, obj, comment)
            changed += 1
        return changed

    def _report(self, request, changed, message, **values):
        if not changed:
            self.message_user(request, gettext("Nothing was changed."), messages.INFO)
            return
        items = model_ngettext(self.model._meta, changed)
        self.message_user(
            request, message % {"count": changed, "items": items, **values}, messages.SUCCESS
        )
