"""`{% latest_news %}` on the home page and `{% news_about project %}` on a project's:
the newest published items, which and their cards kept by each process until the
content changes, so that the pages showing them cost no query more once drawn."""

from django import template
from django.db.models import Q
from django.utils.translation import gettext as _

from caching.fragments import cached

from ..cards import news_cards
from ..models import News

register = template.Library()


def _newest(*filters, count):
    items = News.objects.newest_first().filter(*filters).values_list("pk", flat=True)
    return list(items[:count])


def _section(ids, title, section_id):
    return {"cards": news_cards(ids), "title": title, "section_id": section_id}


@register.inclusion_tag("news/_latest.html")
def latest_news(count=3):
    ids = cached(("latest-news", count), lambda: _newest(count=count))
    return _section(ids, _("Latest news"), "latest-news-title")


@register.inclusion_tag("news/_latest.html")
def news_about(project, count=6):
    key = ("project-news", project.pk, count)
    ids = cached(key, lambda: _newest(Q(projects=project), count=count))
    return _section(ids, _("News about this project"), "news-title")
