from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# What django-axes and django-otp show in the admin, marked here so that the site's
# catalogues (locale/, which Django reads before the apps' own) translate them: axes has
# no Dutch, and django-otp's TOTP device is not marked for translation at all.
THIRD_PARTY_TEXTS = [
    _("access attempt"),
    _("access attempts"),
    _("access attempt expiration"),
    _("access attempt expirations"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
    _("User Agent"),
    _("IP Address"),
    _("HTTP Accept"),
    _("Path"),
    _("Attempt Time"),
    _("Access lock out"),
    _("GET Data"),
    _("POST Data"),
    _("Failed Logins"),
    _("Access Attempt"),
    _("Expires At"),
    _("Logout Time"),
    _("Form Data"),
    _("Meta Data"),
    _("Locked Out"),
    _("Not set"),
    _("Clean up expired attempts"),
    # Django 6.1's own: its catalogues still carry this message's older msgid, so staff
    # choosing a password read it in English.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        8,
    ),
]
# Their apps' names, which they leave to Django ("Axes", "Otp_Totp").
THIRD_PARTY_APP_NAMES = {
    "axes": _("Sign-in protection"),
    "otp_totp": _("Two-factor authentication"),
    "django_tasks_database": _("Background work"),
}


def name_third_party_apps(registry):
    """The third-party apps' names and django-otp's device, in the staff's language.
    Only what the screens read changes: migrations read the models' original Meta."""
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_tasks_db.models import DBTaskResult

    for label, name in THIRD_PARTY_APP_NAMES.items():
        registry.get_app_config(label).verbose_name = name
    TOTPDevice._meta.verbose_name = _("TOTP device")
    TOTPDevice._meta.verbose_name_plural = _("TOTP devices")
    DBTaskResult._meta.verbose_name = _("task")
    DBTaskResult._meta.verbose_name_plural = _("tasks")


def describe_third_party_searches(site):
    """django-otp writes its device list's search help in English around the user
    fields' names, in the language of the moment it was imported."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device_admin = site._registry.get(TOTPDevice)
    if device_admin is not None and device_admin.search_help_text:
        device_admin.search_help_text = _("Search by the user's username or e-mail address.")


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = _("Staff")

    def ready(self):
        from django.db.models.signals import post_migrate

        from staff import accounts, roles

        name_third_party_apps(self.apps)
        accounts.connect_signals()
        # The roles' groups follow the kinds of content and languages installed now.
        post_migrate.connect(roles.sync_roles, sender=self, dispatch_uid="roles")


class AdminConfig(admin_apps.AdminConfig):
    """The admin, with the site's own login (second factor) and enrolment screen."""

    default = False
    default_site = "staff.admin_site.AdminSite"

    def ready(self):
        super().ready()  # every app's admin registered (autodiscover)
        from django.contrib import admin

        describe_third_party_searches(admin.site)
