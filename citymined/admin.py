"""What the admin screens of pages and projects share."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from citymined.accounts import history_of
from citymined.content import LANGUAGE_CODES
from citymined.images import renditions


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
    """ "View on site" opens drafts through the preview, since visitors cannot see them."""

    def view_on_site(self, obj):
        url = obj.get_absolute_url()
        return url if obj.is_public() else f"{url}?preview"


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


class KeepStaffHistoryUserAdmin(UserAdmin):
    """The delete screen explains why an account with a history stays, deactivated."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = [*protected, *(reason for user in objs for reason in history_of(user))]
        return deleted, counts, perms_needed, protected


if admin.site.is_registered(get_user_model()):
    admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), KeepStaffHistoryUserAdmin)
