from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CityMinedConfig(AppConfig):
    name = "citymined"
    verbose_name = _("Site")

    def ready(self):
        from citymined.content import content_models
        from citymined.models import Organisation
        from citymined.page_cache import refresh_on_change

        refresh_on_change(Organisation, *content_models())


class SiteAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "citymined.admin_site.SiteAdmin"
