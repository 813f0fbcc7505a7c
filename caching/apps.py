from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("Cache")

    def ready(self):
        from caching.invalidation import watch_content

        watch_content()
