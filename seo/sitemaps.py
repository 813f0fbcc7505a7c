"""What the sitemap and the `hreflang` links of every page's head share: one function,
`language_links()`, built on "exists in language X" (`Content.languages()`) and
`url_in()`. Each app offers its own sitemaps (pages/sitemaps.py, projects/sitemaps.py)
from the classes below; citymined/urls.py combines them.

x-default, the version for visitors whose language the site lacks, is the item in the
first language of the default language's fallback order in which it exists. (Django's
own x-default, the default language's address without its prefix, breaks under
translated paths: a visitor of another language would be sent to a path that does not
exist in theirs.)"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.utils import translation

from caching.fragments import cached
from content.models import LANGUAGE_CODES, fallback_chain, url_in

X_DEFAULT_ORDER = fallback_chain(settings.LANGUAGE_CODE)


def language_links(locations):
    """`[{"lang_code", "location"}, …]` for an item's address in each language it exists
    in (`{code: url}`), then x-default: what the sitemap and the head both state."""
    links = [{"lang_code": code, "location": url} for code, url in locations.items()]
    default = next((code for code in X_DEFAULT_ORDER if code in locations), None)
    if default:
        links.append({"lang_code": "x-default", "location": locations[default]})
    return links


def content_locations(obj):
    """A content object's address in each language it exists in."""
    return {code: url_in(obj, code) for code in obj.languages()}


def section_locations(view_name):
    """A section without an object of its own (a list) exists in every language."""
    locations = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            locations[code] = reverse(view_name)
    return locations


class TranslatedSitemap(Sitemap):
    """Each item once per language it exists in, each entry with the alternates of
    `language_links()`. Subclasses say where an item is in each language."""

    # Items per page of a section's sitemap (each item is listed once per language, with
    # its alternates): far under the protocol's 50,000 addresses, and quick to draw
    # (about a millisecond per item and language).
    limit = 100

    def locations(self, item):
        raise NotImplementedError

    def get_urls(self, page=1, site=None, protocol=None):
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        urls, lastmods = [], []
        for item in self.paginator.page(page).object_list:
            links = language_links(
                {code: base + path for code, path in self.locations(item).items()}
            )
            lastmod = self._get("lastmod", item)
            lastmods.append(lastmod)
            urls += [
                {
                    "item": item,
                    "location": link["location"],
                    "lastmod": lastmod,
                    "changefreq": None,
                    "priority": "",
                    "alternates": links,
                }
                for link in links
                if link["lang_code"] != "x-default"
            ]
        # The sitemap view sends Last-Modified when every sitemap knows its latest change.
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def latest_change(model):
    """When a published item of `model` last changed, cached until an edit to it:
    what the sitemap index states for its section."""
    return cached(
        f"latest-change:{model._meta.label}",
        lambda: model.objects.published().aggregate(latest=Max("updated_at"))["latest"],
    )


class ContentSitemap(TranslatedSitemap):
    """Every published item of `model`. Django makes a new one for each request."""

    model = None

    def items(self):
        # In the order of publication: new items come last, so each page of the section
        # keeps its items as the archive grows, and the database reaches a late page
        # through an index of the dates where it has one (projects) instead of walking
        # every item before it.
        return self.model.objects.published().order_by("published_at", "updated_at", "pk")

    @property
    def paginator(self):
        items = self.items()
        paginator = Paginator(items, self.limit)
        # Counted once until an edit to the table, not by every request for the index or a
        # page: how many pages the index lists, and which page numbers exist.
        kind = type(self)
        paginator.count = cached(
            f"sitemap-count:{kind.__module__}.{kind.__qualname__}", items.count
        )
        return paginator

    def locations(self, item):
        return content_locations(item)

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Asked of the database once until an edit to the table, where Django would read every
        # item for each request.
        return latest_change(self.model)


class SectionSitemap(TranslatedSitemap):
    """Views without an object of their own, named by their URL names. Their views say
    `in_every_language` in their context, so that their heads get the same links."""

    names = []

    def items(self):
        return self.names

    def locations(self, item):
        return section_locations(item)
