from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityMinedConfig(AppConfig):
    name = "citymined"
    verbose_name = _("Site")

    def ready(self):
        from citymined.page_cache import connect_signals

        connect_signals()
