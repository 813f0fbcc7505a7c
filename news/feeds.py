"""An Atom and an RSS feed of news in each language.

A feed lists only the news that exists in its language: a reader who subscribed in
French gets French entries, never another language's text under a French title."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from caching.fragments import cached
from content.models import Organisation, shown_text

from .models import News

LENGTH = 30


class NewsRssFeed(Feed):
    def author_name(self):
        return cached("organisation", Organisation.current).name

    def title(self):
        return _("City Mine(d): news")

    def description(self):
        return _("News from City Mine(d).")

    def link(self):
        return reverse("news:list")

    def items(self):
        language = get_language()
        news = News.objects.newest_first()
        # Narrow in the database; exists_in() has the last word (empty rich text).
        for field in News.required_translations:
            news = news.exclude(**{f"{field}_{language}": ""}).exclude(
                **{f"{field}_{language}__isnull": True}
            )
        return [item for item in news[: LENGTH * 2] if item.exists_in(language)][:LENGTH]

    def item_title(self, item):
        return shown_text(item, "title")

    def item_description(self, item):
        teaser, body = shown_text(item, "teaser"), shown_text(item, "body")
        # Both were sanitized when saved; the feed framework escapes them for the XML.
        return f"<p>{escape(teaser)}</p>{body}" if teaser else body

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
