"""The news list (newest first, paged), the archive of a year, and an item's page."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import ListView, YearArchiveView

from caching.fragments import cached
from caching.views import CachedObjectMixin
from content.views import TranslatedSlugDetailView
from projects.models import Partner, Project

from .cards import news_cards
from .models import News

PER_PAGE = 10


def published_years():
    """The years that have news, newest first: kept until the content changes."""
    return cached(
        "news-years",
        lambda: [
            moment.year
            for moment in News.objects.published().dates("published_at", "year", order="DESC")
        ],
    )


def published_count():
    """How many items are published, kept likewise: the list counts none itself."""
    return cached("news-count", lambda: News.objects.published().count())


def paged_title(title, page):
    if page.number > 1:
        return _("%(title)s · page %(number)s") % {"title": title, "number": page.number}
    return title


class NewsCards:
    """A page of news as cards: the list reads which items it shows, in order, and each
    card is drawn once until an edit to it (caching.fragments.cards)."""

    template_name = "news/news_list.html"
    paginate_by = PER_PAGE

    def get_queryset(self):
        return News.objects.newest_first()

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(queryset.values_list("pk", flat=True), page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cards=news_cards(context["object_list"]), years=published_years())
        return context


class NewsListView(NewsCards, ListView):
    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = published_count()
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=paged_title(_("News"), context["page_obj"]),
            in_every_language=True,
        )
        return context


class NewsYearView(NewsCards, YearArchiveView):
    date_field = "published_at"
    make_object_list = True
    # A year without news is an address that does not exist.
    allow_empty = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        title = _("News of %(year)s") % {"year": self.get_year()}
        context.update(
            page_title=paged_title(title, context["page_obj"]),
            heading=title,
            current_year=int(self.get_year()),
        )
        return context


class NewsDetailView(CachedObjectMixin, TranslatedSlugDetailView):
    model = News
    template_name = "news/news_detail.html"

    def get_queryset(self):
        # Its cover from the library, in the same query.
        return super().get_queryset().select_related("cover")

    def get_context_data(self, **kwargs):
        item = self.object
        key = ("news-links", item.pk, get_language())
        # Which published projects it tells of, and which partners: kept with the lists.
        projects, partners = cached(key, lambda: self.links(item))
        return super().get_context_data(
            related_projects=projects, related_partners=partners, **kwargs
        )

    @staticmethod
    def links(item):
        projects = Project.objects.published().filter(news=item).values_list("pk", flat=True)
        partners = Partner.objects.filter(news=item).select_related("logo")
        return list(projects), list(partners)
