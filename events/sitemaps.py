from seo.sitemaps import ContentSitemap, SectionSitemap, latest_change

from .models import Event


class EventSitemap(ContentSitemap):
    model = Event


class EventSectionSitemap(SectionSitemap):
    """The upcoming events and the archive of past ones."""

    names = ["events:list", "events:archive"]

    def lastmod(self, item):
        return latest_change(Event)
