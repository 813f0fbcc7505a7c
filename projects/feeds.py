"""An Atom and an RSS feed of projects in each language.

A feed lists only the projects that exist in its language: a reader who subscribed in
French gets French entries, never another language's text under a French title."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from citymined import organisation

from .models import Project

LENGTH = 50


class ProjectRssFeed(Feed):
    author_name = organisation.NAME

    def title(self):
        return _("City Mine(d): projects")

    def description(self):
        return _("New projects of City Mine(d).")

    def link(self):
        return reverse("projects:list")

    def items(self):
        language = get_language()
        projects = Project.objects.published().order_by("-published_at")
        # Narrow in the database; exists_in() has the last word (empty rich text).
        projects = projects.exclude(**{f"title_{language}": ""}).exclude(
            **{f"title_{language}__isnull": True}
        )
        return [project for project in projects if project.exists_in(language)][:LENGTH]

    def item_title(self, item):
        return getattr(item, f"title_{get_language()}")

    def item_description(self, item):
        language = get_language()
        teaser = getattr(item, f"teaser_{language}", "")
        body = getattr(item, f"body_{language}")
        # Both were sanitized when saved; the feed framework escapes them for the XML.
        return f"<p>{escape(teaser)}</p>{body}" if teaser else body

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class ProjectAtomFeed(ProjectRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
