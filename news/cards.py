"""News cards, the unit of every list of news (the news list, its archive, the home
page's latest news, a project's news): each drawn once per item, language and content
version, so that a list reads only which items it shows."""

from django.db.models import prefetch_related_objects

from caching.fragments import cards

from .models import News


def with_covers(items):
    """The covers of the cards drawn, from the library in one query."""
    prefetch_related_objects(list(items), "cover")


def news_cards(ids):
    return cards(News, ids, "news/_item.html", "item", with_covers, heading="h3")
