"""What the feeds of every kind of content share: the organisation as author, an entry's
title and text in the feed's language, its dates, and an RSS self-link with its type.

A feed lists only the items that exist in its language (`with_text_in()`, then
`exists_in()`): a reader who subscribed in French gets French entries, never another
language's text under a French title."""

from datetime import timedelta

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from caching.fragments import cached
from content.models import Organisation, shown_text

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


class ContentFeed(Feed):
    """The RSS feed of a kind of content; its Atom feed sets `feed_type = Atom1Feed`."""

    feed_type = TypedSelfLinkRss

    def author_name(self):
        return cached("organisation", Organisation.current).name

    def subtitle(self):
        return self.description()

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
