"""News cards, the unit of every list of news (the news list, its archive, the home
page's latest news, a project's news): each drawn once per item, language and content
version, so that a list reads only which items it shows."""

from caching.fragments import cards

from .models import News


def news_cards(ids):
    with_covers = News.objects.for_lists().select_related("cover")
    return cards(with_covers, ids, "news/_item.html", "item", heading="h3")
