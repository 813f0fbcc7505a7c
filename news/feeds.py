"""An Atom and an RSS feed of news in each language (seo/feeds.py)."""

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from seo.feeds import ContentFeed

from .models import News

LENGTH = 30


class NewsRssFeed(ContentFeed):
    def title(self):
        return _("City Mine(d): news")

    def description(self):
        return _("News from City Mine(d).")

    def link(self):
        return reverse("news:list")

    def items(self):
        language = get_language()
        news = News.objects.newest_first().with_text_in(language)
        return [item for item in news[: LENGTH * 2] if item.exists_in(language)][:LENGTH]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
