"""The admin site: a password and, for staff who enrolled one (and for every superuser
when OTP_REQUIRED_FOR_SUPERUSERS is on), a code from an authenticator app (TOTP),
enrolled through a one-time link (staff/two_factor.py). Repeated failed logins are
locked out by django-axes (settings.py)."""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csp import csp_override
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from content.link_search import link_search
from media.kept_uploads import kept_upload_view
from staff.models import StaffProfile
from staff.preferences import PreferencesForm, browser_language
from staff.two_factor import pending_device


class AdminLoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=8,
        help_text=_("Only if you have set up two-factor authentication."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        cleaned_data = super().clean()
        user = self.user_cache
        if user is not None and user_has_device(user):
            token = cleaned_data.get("otp_token", "").strip()
            # No code is no attempt at one: it must not slow down the device's next try.
            device = match_token(user, token) if token else None
            if device is None:
                # Counts towards the lockout like a wrong password.
                credentials = {"username": cleaned_data.get("username")}
                user_login_failed.send(__name__, credentials=credentials, request=self.request)
                raise forms.ValidationError(
                    _("Enter the current code from your authenticator app."), code="otp"
                )
            user.otp_device = device  # django_otp marks the session verified on login
        return cleaned_data


def needs_second_factor(request):
    user = request.user
    return (
        settings.OTP_REQUIRED_FOR_SUPERUSERS
        and user.is_active
        and user.is_superuser
        and not user.is_verified()
    )


class AdminSite(admin.AdminSite):
    """The admin: its own login (second factor), and its own Content-Security-Policy,
    since the rich-text editor injects inline styles the public pages' policy forbids."""

    login_form = AdminLoginForm
    site_header = site_title = "City Mine(d)"

    # What a superuser who must enrol a second factor can still reach.
    ALLOWED_WITHOUT_SECOND_FACTOR = {"logout", "two_factor", "two_factor_enrol"}

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)
        if getattr(view, "__name__", "") in self.ALLOWED_WITHOUT_SECOND_FACTOR:
            return csp_override(settings.ADMIN_CSP)(inner)

        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and needs_second_factor(request):
                return redirect("admin:two_factor")
            return inner(request, *args, **kwargs)

        return csp_override(settings.ADMIN_CSP)(guarded)

    @method_decorator(csp_override(settings.ADMIN_CSP))
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)

    def get_urls(self):
        # Imported here: it reads models, which this module is loaded before.
        from media import choosers

        urls = [
            path("two-factor/", self.admin_view(self.two_factor), name="two_factor"),
            path(
                "two-factor/enrol/<str:token>/",
                self.admin_view(self.two_factor_enrol),
                name="two_factor_enrol",
            ),
            path("preferences/", self.admin_view(self.preferences), name="preferences"),
            path("translations/", self.admin_view(self.translations), name="translations"),
            path(
                "translations/<str:app_label>/<str:model_name>/<str:object_id>/<str:language>/",
                self.admin_view(self.translate),
                name="translate",
            ),
            path("link-search/", self.admin_view(link_search), name="link_search"),
            path("image-chooser/", self.admin_view(choosers.image_chooser), name="image_chooser"),
            path(
                "image-chooser/upload/",
                self.admin_view(choosers.image_chooser_upload),
                name="image_chooser_upload",
            ),
            path(
                "kept-upload/<str:token>/",
                self.admin_view(kept_upload_view),
                name="kept_upload",
            ),
        ]
        from translations import files_admin as translation_files_admin

        return urls + translation_files_admin.urls(self) + super().get_urls()

    def preferences(self, request):
        """Each staff member's own settings (staff/preferences.py), whatever
        permissions they hold."""
        profile = StaffProfile.objects.filter(user=request.user).first()
        form = PreferencesForm(
            request.POST or None, instance=profile or StaffProfile(user=request.user)
        )
        if request.method == "POST" and form.is_valid():
            profile = form.save()
            # The confirmation already speaks the language just chosen.
            translation.activate(profile.admin_language or browser_language(request))
            messages.success(request, _("Your preferences are saved."))
            return redirect(reverse("admin:preferences", current_app=self.name))
        context = {**self.each_context(request), "title": _("My preferences"), "form": form}
        return TemplateResponse(request, "admin/preferences.html", context)

    def translations(self, request):
        """The dashboard: what is missing or out of date, by content and language."""
        from translations.views import dashboard_view

        return dashboard_view(request, self)

    def translate(self, request, app_label, model_name, object_id, language):
        """One item's texts in one language, beside their source."""
        from translations.views import translate_view

        return translate_view(request, self, app_label, model_name, object_id, language)

    def two_factor(self, request):
        """Whether two-factor authentication is on; how to turn it on: the password
        is not enough, it takes an enrolment link (staff/two_factor.py)."""
        context = {
            **self.each_context(request),
            "title": _("Two-factor authentication"),
            "enrolled": user_has_device(request.user),
        }
        return TemplateResponse(request, "admin/two_factor.html", context)

    def two_factor_enrol(self, request, token):
        """Enrol an authenticator app through a one-time link: scan the code, type what
        the app shows."""
        device = pending_device(token, request.user)
        if device is None:
            context = {
                **self.each_context(request),
                "title": _("Two-factor authentication"),
                "enrolled": user_has_device(request.user),
                "invalid_link": True,
            }
            return TemplateResponse(request, "admin/two_factor.html", context, status=400)
        if request.method == "POST" and device.verify_token(request.POST.get("token", "")):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on for your account."))
            return redirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": _("Two-factor authentication"),
            "enrolling": True,
            "qr_code": segno.make(device.config_url).svg_data_uri(scale=4),
            "secret": b32encode(device.bin_key).decode(),
            "failed": request.method == "POST",
        }
        return TemplateResponse(request, "admin/two_factor.html", context)
