"""The sitemap, and the `hreflang` links of every page's head, from one computation.

Each published page and project is listed once per language in which it exists
(`obj.languages()`), with alternates for exactly those languages and x-default. The head
asks the same sitemap class for the entry of the page being read (`alternates()`), so
the two cannot disagree.

x-default, the version for visitors whose language the site lacks, is the item in the
first language of Dutch's fallback order in which it exists. (Django's own x-default,
the Dutch address without its prefix, breaks under translated paths: `/projecten/x/`
becomes `/fr/projecten/x/` for a French visitor, which does not exist.)"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.db.models import Max
from django.urls import reverse

from citymined.content import Content, fallback_chain
from pages.models import Page
from projects.models import Project

# Views without an object of their own that exist in every language: the sitemap lists
# them, and only their heads get hreflang links. Add a section's URL name here.
SECTIONS = ["projects:list", "supporters"]
X_DEFAULT_ORDER = fallback_chain(settings.LANGUAGE_CODE)


class TranslatedSitemap(Sitemap):
    i18n = True
    alternates = True

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            by_language = {link["lang_code"]: link["location"] for link in url["alternates"]}
            default = next((code for code in X_DEFAULT_ORDER if code in by_language), None)
            if default:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": by_language[default]}
                )
        return urls


class ContentSitemap(TranslatedSitemap):
    """All published items of `model`. Django makes a new one for each request."""

    model = None

    def __init__(self, objects=None):
        self.objects = objects
        self._languages = {}

    def items(self):
        if self.objects is not None:
            return self.objects
        return self.model.objects.published()

    def get_languages_for_item(self, item):
        # Asked once per item and language: work it out once.
        if item.pk not in self._languages:
            self._languages[item.pk] = item.languages()
        return self._languages[item.pk]

    def lastmod(self, item):
        return item.updated_at


class PageSitemap(ContentSitemap):
    model = Page


class ProjectSitemap(ContentSitemap):
    model = Project


class SectionSitemap(TranslatedSitemap):
    def __init__(self, names=SECTIONS):
        self.names = names
        self._latest_change = None

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        # A list changes when one of its projects does.
        if self._latest_change is None:
            latest = Project.objects.published().aggregate(latest=Max("updated_at"))
            self._latest_change = latest["latest"]
        return self._latest_change


# Classes, not instances: the sitemap view makes fresh ones for each request.
SITEMAPS = {"pages": PageSitemap, "projects": ProjectSitemap, "sections": SectionSitemap}


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
