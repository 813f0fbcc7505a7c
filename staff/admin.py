"""The admin as staff meet it: `ContentAdmin`, the one base of every kind of content's
admin; the organisation's details; accounts that keep their history."""

from functools import reduce
from operator import or_

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.db.models.lookups import Contains
from django.shortcuts import redirect
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from content.admin import PreviewOnSiteMixin, PublicationFilter, PublishingAdmin
from content.models import Organisation, translated_field_names
from content.search_vectors import Folded
from history.admin import SafeEditingAdmin, VersionCheckedForm
from media.admin import (
    CollectionAdminMixin,
    DocumentAdminMixin,
    DuplicateCheckedForm,
    ImageAdminMixin,
)
from media.models import Collection, Document, Image
from media.widgets import ImageChooserAdmin
from staff.accounts import history_of
from staff.models import StaffProfile
from staff.preferences import PreferencesForm
from staff.publishing import PublishingActionsMixin
from staff.roles import group_label
from staff.two_factor import LINK_SECONDS, AlreadyEnrolled, enrolment_path
from translations.admin import (
    MissingTranslationFilter,
    StaleTranslationFilter,
    TranslationStatusMixin,
)
from translations.files_admin import export_for_translation
from translations.status import translatable_fields


class TranslatedAdmin(
    ImageChooserAdmin, TranslationStatusMixin, SafeEditingAdmin, TabbedTranslationAdmin
):
    """The admin of anything with translated fields: a tab per language, each
    language's translation status, the translators' files, the safety net of history
    (versions, compare, restore, recover, clashes, plain-words deletion), and library
    pictures chosen in the image chooser (media/widgets.py)."""

    actions = [export_for_translation]

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


class ContentAdmin(PublishingActionsMixin, PreviewOnSiteMixin, PublishingAdmin, TranslatedAdmin):
    """The admin every kind of content subclasses: a TranslatedAdmin with publishing
    under its own permission (on the form, and for the selected items of a list), and
    previews of drafts."""

    list_filter = [PublicationFilter, MissingTranslationFilter, StaleTranslationFilter]
    actions = [
        *TranslatedAdmin.actions,
        "publish_selected",
        "unpublish_selected",
        "schedule_selected",
    ]

    def get_list_display(self, request):
        """Every kind's list says where each item stands (a draft, scheduled, published
        until when): a kind's admin that leaves the column out still gets it."""
        shown = list(super().get_list_display(request))
        if "publication" not in shown:
            after = shown.index("translation_status") + 1 if "translation_status" in shown else 1
            shown.insert(after, "publication")
        return shown


@admin.register(Organisation)
class OrganisationAdmin(TranslatedAdmin):
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
    actions = ["make_enrolment_link"]

    def has_enrolment_link_permission(self, request):
        return request.user.is_superuser

    @admin.action(
        description=_("Make a two-factor enrolment link"),
        permissions=["enrolment_link"],
    )
    def make_enrolment_link(self, request, queryset):
        """A one-time link per selected account, with which its owner, signed in,
        enrols their first authenticator app (staff/two_factor.py)."""
        for user in queryset:
            if user == request.user:
                self.message_user(
                    request,
                    _("You cannot make an enrolment link for yourself: ask another administrator."),
                    messages.ERROR,
                )
            elif not user.is_staff:
                self.message_user(
                    request,
                    _("%(user)s is not staff: the admin is closed to them.") % {"user": user},
                    messages.ERROR,
                )
            else:
                try:
                    link = request.build_absolute_uri(enrolment_path(user))
                except AlreadyEnrolled:
                    self.message_user(
                        request,
                        _(
                            "%(user)s already has an authenticator app. To replace a lost "
                            "one, delete it under “TOTP devices” first."
                        )
                        % {"user": user},
                        messages.WARNING,
                    )
                    continue
                self.message_user(
                    request,
                    _(
                        "Enrolment link for %(user)s, valid once, for %(hours)s hours: "
                        "%(link)s (earlier links for them no longer work)."
                    )
                    % {"user": user, "hours": LINK_SECONDS // 3600, "link": link},
                    messages.SUCCESS,
                )

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


# The library (media/admin.py), with what every translated admin has: a tab per
# language, each language's translation status and its filters, search in every
# language, history.


class LibraryItemForm(DuplicateCheckedForm, VersionCheckedForm):
    """The same file is not stored twice; a clash between editors is caught."""


@admin.register(Image)
class ImageAdmin(ImageAdminMixin, TranslatedAdmin):
    form = LibraryItemForm
    list_filter = [*ImageAdminMixin.list_filter, MissingTranslationFilter, StaleTranslationFilter]
    search_fields = translated_field_names("title", "alt")


@admin.register(Document)
class DocumentAdmin(DocumentAdminMixin, TranslatedAdmin):
    form = LibraryItemForm
    list_filter = [
        *DocumentAdminMixin.list_filter,
        MissingTranslationFilter,
        StaleTranslationFilter,
    ]
    search_fields = translated_field_names("title")


@admin.register(Collection)
class CollectionAdmin(CollectionAdminMixin, TranslatedAdmin):
    list_filter = [MissingTranslationFilter, StaleTranslationFilter]
    search_fields = translated_field_names("name")
