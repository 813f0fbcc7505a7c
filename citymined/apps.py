from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityMinedConfig(AppConfig):
    name = "citymined"
    verbose_name = _("Site")

    def ready(self):
        from citymined import accounts, page_cache, unused_files

        page_cache.connect_signals()
        accounts.connect_signals()
        unused_files.connect_signals()
