"""An Atom and an RSS feed of projects in each language (seo/feeds.py)."""

from itertools import islice

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from seo.feeds import ContentFeed

from .models import Project

LENGTH = 50


class ProjectRssFeed(ContentFeed):
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
        # Narrowed in the database; reading stops once the feed is full.
        in_language = (
            p for p in newest_first(projects.with_text_in(language)) if p.exists_in(language)
        )
        return list(islice(in_language, LENGTH))


class ProjectAtomFeed(ProjectRssFeed):
    feed_type = Atom1Feed


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
