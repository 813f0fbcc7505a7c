"""`{% latest_news %}` on the home page and `{% news_about project %}` on a project's:
the newest published items, kept by each process until the content changes, so that
the pages showing them cost no query more once drawn."""

from django import template
from django.utils.translation import gettext as _

from caching.fragments import cached

from ..models import News

register = template.Library()


# What the kept cards' {% cache %} needs from the page's context.
KEPT_WITH = ("fragment_seconds", "content_version", "LANGUAGE_CODE")


def _section(context, items, title, section_id):
    shared = {name: context.get(name) for name in KEPT_WITH}
    return {**shared, "items": items, "title": title, "section_id": section_id}


@register.inclusion_tag("news/_latest.html", takes_context=True)
def latest_news(context, count=3):
    items = cached(("latest-news", count), lambda: list(News.objects.newest_first()[:count]))
    return _section(context, items, _("Latest news"), "latest-news-title")


@register.inclusion_tag("news/_latest.html", takes_context=True)
def news_about(context, project, count=6):
    items = cached(
        ("project-news", project.pk, count),
        lambda: list(News.objects.newest_first().filter(projects=project)[:count]),
    )
    return _section(context, items, _("News about this project"), "news-title")
