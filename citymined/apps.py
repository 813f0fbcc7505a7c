from django.apps import AppConfig
from django.conf import settings
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
}


def name_third_party_apps(registry):
    """The third-party apps' names and django-otp's device, in the staff's language.
    Only what the screens read changes: migrations read the models' original Meta."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for label, name in THIRD_PARTY_APP_NAMES.items():
        registry.get_app_config(label).verbose_name = name
    TOTPDevice._meta.verbose_name = _("TOTP device")
    TOTPDevice._meta.verbose_name_plural = _("TOTP devices")


def describe_third_party_searches(site):
    """django-otp writes its device list's search help in English around the user
    fields' names, in the language of the moment it was imported."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device_admin = site._registry.get(TOTPDevice)
    if device_admin is not None and device_admin.search_help_text:
        device_admin.search_help_text = _("Search by the user's username or e-mail address.")


class CityMinedConfig(AppConfig):
    name = "citymined"
    verbose_name = _("Site")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_migrate, pre_migrate

        from citymined import (
            accounts,
            frontend_cache,
            planner,
            roles,
            translation_status,
            unused_files,
        )
        from citymined.content import content_models, remember_addresses_of_deleted
        from citymined.edit_reach import listing_pages
        from citymined.models import Organisation
        from citymined.multilingual_querysets import make_multilingual_querysets_once
        from citymined.page_cache import (
            on_content_change,
            pages_read_parameters,
            refresh_on_change,
        )
        from citymined.search_vectors import (
            create_full_text_tables,
            create_text_search_configurations,
            drop_full_text_triggers,
            register_plain_text_function,
        )

        name_third_party_apps(self.apps)
        make_multilingual_querysets_once()
        refresh_on_change(Organisation, *content_models())
        on_content_change(frontend_cache.content_changed)
        on_content_change(planner.statistics_follow_content)
        listing_pages(settings.HOME_URL_NAME)
        # The sitemap gives each item's last change.
        listing_pages("sitemap", show_every_edit=True)
        for model in content_models():
            post_delete.connect(remember_addresses_of_deleted, sender=model)
        # Before any app's migrations: the content apps' vectors use the configurations.
        pre_migrate.connect(create_text_search_configurations, dispatch_uid="text_search")
        # SQLite's full-text tables, kept by triggers that migrations must not meet and
        # that read rich text through a function of the site's.
        connection_created.connect(register_plain_text_function, dispatch_uid="full_text")
        pre_migrate.connect(drop_full_text_triggers, sender=self, dispatch_uid="full_text")
        post_migrate.connect(create_full_text_tables, sender=self, dispatch_uid="full_text")
        # The sitemap's page number.
        pages_read_parameters("p")
        accounts.connect_signals()
        # The roles' groups follow the kinds of content and languages installed now.
        post_migrate.connect(roles.sync_roles, sender=self, dispatch_uid="roles")
        unused_files.connect_signals()
        translation_status.connect_signals()


class CityMinedAdminConfig(admin_apps.AdminConfig):
    """The admin, with the site's own login (second factor) and enrolment screen."""

    default = False
    default_site = "citymined.admin_site.AdminSite"

    def ready(self):
        super().ready()  # every app's admin registered (autodiscover)
        from django.contrib import admin

        describe_third_party_searches(admin.site)
