from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CityMinedConfig(AppConfig):
    name = "citymined"
    verbose_name = _("Site")

    def ready(self):
        from citymined import accounts, page_cache, unused_files

        page_cache.connect_signals()
        accounts.connect_signals()
        unused_files.connect_signals()


class CityMinedAdminConfig(admin_apps.AdminConfig):
    """The admin, with the site's own login (second factor) and enrolment screen."""

    default = False
    default_site = "citymined.admin_site.AdminSite"
