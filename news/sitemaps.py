from seo.sitemaps import ContentSitemap, SectionSitemap, latest_change

from .models import News


class NewsSitemap(ContentSitemap):
    model = News


class NewsSectionSitemap(SectionSitemap):
    names = ["news:list"]

    def lastmod(self, item):
        return latest_change(News)
