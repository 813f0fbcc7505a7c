from django.db.models import Max

from citymined.sitemaps import ContentSitemap, SectionSitemap

from .models import Project


class ProjectSitemap(ContentSitemap):
    model = Project


class ProjectSectionSitemap(SectionSitemap):
    """The projects list and the supporters page."""

    names = ["projects:list", "supporters"]

    def lastmod(self, item):
        # Both lists change when one of their projects does: one query for both.
        if not hasattr(self, "_latest_change"):
            latest = Project.objects.published().aggregate(latest=Max("updated_at"))
            self._latest_change = latest["latest"]
        return self._latest_change
