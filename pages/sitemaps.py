from seo.sitemaps import ContentSitemap

from .models import Page


class PageSitemap(ContentSitemap):
    model = Page
