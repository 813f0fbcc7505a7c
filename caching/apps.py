from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("Cache")

    def ready(self):
        from caching import purge
        from caching.invalidation import listing_pages
        from caching.pages import on_content_change, pages_read_parameters, refresh_on_change
        from content.models import Organisation, content_models

        refresh_on_change(Organisation, *content_models())
        on_content_change(purge.content_changed)
        # Outside the language prefixes, so not found by fixed_pages(); it gives each
        # item's last change.
        listing_pages("sitemap", show_every_edit=True)
        # The sitemap's page number.
        pages_read_parameters("p")
