"""`{% latest_news %}` on the home page and `{% news_about project %}` on a project's:
the newest published items, kept by each process until the content changes, so that
the pages showing them cost no query more once drawn."""

from django import template
from django.utils.translation import gettext as _

from caching.fragments import cached

from ..models import News

register = template.Library()


@register.inclusion_tag("news/_latest.html")
def latest_news(count=3):
    items = cached(("latest-news", count), lambda: list(News.objects.newest_first()[:count]))
    return {"items": items, "title": _("Latest news"), "section_id": "latest-news-title"}


@register.inclusion_tag("news/_latest.html")
def news_about(project, count=6):
    items = cached(
        ("project-news", project.pk, count),
        lambda: list(News.objects.newest_first().filter(projects=project)[:count]),
    )
    return {"items": items, "title": _("News about this project"), "section_id": "news-title"}
