from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from caching.invalidation import listing_pages
        from caching.pages import pages_read_parameters, refresh_on_change

        from .models import City, GalleryImage, Partner, ProjectPartner, Theme

        # Shown on project pages, lists, the supporters page and every footer.
        refresh_on_change(City, GalleryImage, Partner, ProjectPartner, Theme)
        # The list's filters (and "status", period's former name, which it redirects).
        pages_read_parameters("theme", "city", "period", "status", "page")
        # The feeds carry whole texts: every edit shows there.
        listing_pages("feeds:atom", "feeds:rss", show_every_edit=True)
