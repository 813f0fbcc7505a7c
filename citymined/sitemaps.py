"""The sitemap, and the `hreflang` links of every page's head, from one computation.

Each published page and project is listed once per language in which it exists
(`obj.languages()`), with alternates for exactly those languages and x-default. The head
asks the same sitemap class for the entry of the page being read (`alternates()`), so
the two cannot disagree."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.db.models import Max
from django.urls import reverse
from django.utils.functional import cached_property

from citymined.content import Content
from pages.models import Page
from projects.models import Project

# Views without an object of their own that exist in every language: the sitemap lists
# them, and only their heads get hreflang links. Add a section's URL name here.
SECTIONS = ["projects:list", "supporters"]


class TranslatedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class ContentSitemap(TranslatedSitemap):
    """All published items of `model`, or just `objects`."""

    def __init__(self, model=None, objects=None):
        self.model, self.objects = model, objects

    def items(self):
        # published() reads the clock, so it is asked on every request.
        return self.model.objects.published() if self.objects is None else self.objects

    def get_languages_for_item(self, item):
        return item.languages()

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(TranslatedSitemap):
    def __init__(self, names=SECTIONS):
        self.names = names

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return self.latest_change

    @cached_property
    def latest_change(self):
        # A list changes when one of its projects does.
        return Project.objects.published().aggregate(latest=Max("updated_at"))["latest"]


def sitemaps():
    return {
        "pages": ContentSitemap(Page),
        "projects": ContentSitemap(Project),
        "sections": SectionSitemap(),
    }


def sitemap_entry(item):
    """A one-entry sitemap for what a page shows: a content object or a section's URL
    name. None when the sitemap does not list such pages."""
    if isinstance(item, Content):
        return ContentSitemap(objects=[item])
    if item in SECTIONS:
        return SectionSitemap([item])
    return None


def alternates(request, item):
    """[{"lang_code", "location"}, …] for the head, exactly as the sitemap states them."""
    sitemap = sitemap_entry(item)
    if sitemap is None:
        return []
    sitemap.lastmod = None  # the head needs no dates: spare the query
    urls = sitemap.get_urls(site=RequestSite(request), protocol=request.scheme)
    return urls[0]["alternates"] if urls else []
