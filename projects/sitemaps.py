from seo.sitemaps import ContentSitemap, SectionSitemap, latest_change

from .models import Project


class ProjectSitemap(ContentSitemap):
    model = Project


class ProjectSectionSitemap(SectionSitemap):
    """The projects list and the supporters page."""

    names = ["projects:list", "supporters"]

    def lastmod(self, item):
        # Both lists change when one of their projects does.
        return latest_change(Project)
