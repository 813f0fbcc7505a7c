"""Each staff member's own language for the admin.

The public pages follow the language a visitor last read (a cookie, which
LocaleMiddleware reads first); staff who read the site in French to check a
translation must not find the admin in French afterwards. So under ADMIN_PATH the
language comes from the staff member's preferences (StaffProfile), or else from their
browser's Accept-Language, and never from that cookie.
"""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header

from staff.models import StaffProfile


def browser_language(request):
    """The first of the browser's languages the site speaks, or the site's default."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def chosen_language(user):
    """The admin language `user` chose, or "" if none."""
    if not (user.is_authenticated and user.is_staff):
        return ""
    chosen = StaffProfile.objects.filter(user=user).values_list("admin_language", flat=True)
    return chosen.first() or ""


def admin_language(get_response):
    """Speak each staff member's own language in the admin (see the module)."""
    prefix = f"/{settings.ADMIN_PATH}"

    def middleware(request):
        if request.path_info.startswith(prefix):
            language = chosen_language(request.user) or browser_language(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return get_response(request)

    return middleware


class PreferencesForm(forms.ModelForm):
    """The preferences, with each language named in itself: someone who picked a
    language they cannot read still finds their own."""

    class Meta:
        model = StaffProfile
        fields = ["admin_language", "email_notifications"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["admin_language"].choices = [
            ("", _("The language of my browser")),
            *(
                (code, translation.get_language_info(code)["name_local"])
                for code, _name in settings.LANGUAGES
            ),
        ]
