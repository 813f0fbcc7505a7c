"""An Atom and an RSS feed of projects in each language.

A feed lists only the projects that exist in its language: a reader who subscribed in
French gets French entries, never another language's text under a French title."""

from datetime import timedelta
from itertools import islice

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from caching.fragments import cached
from content.models import Organisation, shown_text

from .models import Project

LENGTH = 50
# Its creation and last change a few microseconds apart: written by one save.
SAME_SAVE = timedelta(seconds=1)


class TypedSelfLinkRss(Rss201rev2Feed):
    """RSS 2.0 whose `atom:link rel="self"` says what it points to, as the feed
    validators ask (Django's leaves out its `type`)."""

    def add_root_elements(self, handler):
        feed_url, self.feed["feed_url"] = self.feed["feed_url"], None
        try:
            super().add_root_elements(handler)
        finally:
            self.feed["feed_url"] = feed_url
        if feed_url is not None:
            handler.addQuickElement(
                "atom:link", None, {"rel": "self", "href": feed_url, "type": "application/rss+xml"}
            )


class ProjectRssFeed(Feed):
    feed_type = TypedSelfLinkRss

    def author_name(self):
        return cached("organisation", Organisation.current).name

    def title(self):
        return _("City Mine(d): projects")

    def description(self):
        return _("New projects of City Mine(d).")

    def link(self):
        return reverse("projects:list")

    def items(self):
        language = get_language()
        # In the dates index's order, to the key: read a page at a time, the order must
        # not change between reads for projects published at the same moment.
        projects = Project.objects.published().order_by("-published_at", "-updated_at", "-pk")
        # Narrow in the database; exists_in() has the last word (empty rich text), and
        # reading stops once the feed is full.
        for field in Project.required_translations:
            projects = projects.exclude(**{f"{field}_{language}": ""}).exclude(
                **{f"{field}_{language}__isnull": True}
            )
        in_language = (p for p in newest_first(projects) if p.exists_in(language))
        return list(islice(in_language, LENGTH))

    def item_title(self, item):
        return shown_text(item, "title")

    def item_description(self, item):
        teaser, body = shown_text(item, "teaser"), shown_text(item, "body")
        # Both were sanitized when saved; the feed framework escapes them for the XML.
        return f"<p>{escape(teaser)}</p>{body}" if teaser else body

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # An item nobody has edited since it was created was last changed when it came
        # out (the initial content's projects: the year they began), not when its row
        # was written.
        if item.updated_at - item.created_at < SAME_SAVE:
            return item.published_at
        return max(item.published_at, item.updated_at)


class ProjectAtomFeed(ProjectRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


def newest_first(projects):
    """The projects, read LENGTH at a time: the feed is full long before the thousands of
    older ones would be read. Each read is a query with a LIMIT, which the database
    answers by reading the dates index backwards (given a cursor over them all,
    PostgreSQL would plan for every row and sort them)."""
    start = 0
    while True:
        chunk = list(projects[start : start + LENGTH])
        yield from chunk
        if len(chunk) < LENGTH:
            return
        start += LENGTH
