"""What the admin of every kind of content shares about publishing: a permission of
its own, the list's filter and column, and previews of drafts."""

import copy

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from content.models import publish_permission


class PreviewOnSiteMixin:
    """ "View on site" opens drafts through the preview, since visitors cannot see them.
    The admin's own preview shows the page in a frame, at full width or at a phone's
    (390 px), so that an editor sees where a long title or a table breaks.
    Lists say whether an item is a draft, scheduled (and for when), published (and
    until when) or unpublished by its expiry date (and since when)."""

    @admin.display(description=_("publication"), ordering="published_at")
    def publication(self, obj):
        if obj.is_expired():
            return _("Unpublished at %(moment)s") % {"moment": _moment(obj.expires_at)}
        if obj.is_public():
            if obj.expires_at:
                return _("Published until %(moment)s") % {"moment": _moment(obj.expires_at)}
            return _("Published")
        if obj.is_scheduled():
            return _("Scheduled for %(moment)s") % {"moment": _moment(obj.published_at)}
        return _("Draft")

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context = {**(extra_context or {}), "publication_state": self.publication(obj)}
            # The site shows previews to those who may change the item (PreviewMixin).
            if self.has_change_permission(request, obj):
                extra_context["preview_url"] = self._preview_url(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def preview_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Preview of “%(item)s”") % {"item": obj},
            "subtitle": None,
            "opts": opts,
            "original": obj,
            "frame_url": f"{obj.get_absolute_url()}?preview",
            "publication_state": self.publication(obj),
        }
        return TemplateResponse(request, "admin/preview.html", context)

    def _preview_url(self, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_preview", args=[quote(obj.pk)])

    def view_on_site(self, obj):
        url = obj.get_absolute_url()
        return url if obj.is_public() else f"{url}?preview"


def _moment(value):
    return date_format(localtime(value), "SHORT_DATETIME_FORMAT")


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


PUBLISHING_FIELDS = ("status", "published_at", "expires_at")


class PublishingAdmin:
    """Publishing is a permission of its own (`publish_<model>`, see Content.Meta). Staff
    without it may write and save drafts: the status and the publication date show but
    cannot be changed, on the form and on the server; nor can they bring back a version
    or a deleted item that would publish, unpublish or reschedule it, or any other item
    saved with it (SafeEditingAdmin.revert_refusal)."""

    publishing_fields = PUBLISHING_FIELDS

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


class PublicationFilter(admin.SimpleListFilter):
    """Draft, scheduled, published or expired: the site's own notion, `published()`."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published")),
            ("expired", _("Unpublished by its date")),
        ]

    def queryset(self, request, queryset):
        narrow = {
            "draft": queryset.drafts,
            "scheduled": queryset.scheduled,
            "published": queryset.published,
            "expired": queryset.expired,
        }.get(self.value())
        return narrow() if narrow else queryset
