"""What the admin of every kind of content shares about publishing: a permission of
its own, the list's filter and column, and previews of drafts."""

import copy

from django import forms
from django.contrib import admin
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from content.models import publish_permission


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


PUBLISHING_FIELDS = ("status", "published_at")


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
