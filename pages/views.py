from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from caching.views import CachedObjectMixin
from content.views import PreviewMixin, TranslatedSlugDetailView
from projects.cards import project_card_lists
from projects.models import Project

from .models import Page


class PageDetailView(CachedObjectMixin, TranslatedSlugDetailView):
    model = Page
    template_name = "pages/page_detail.html"

    def get_queryset(self):
        return super().get_queryset().filter(is_home=False)


class HomeView(PreviewMixin, DetailView):
    model = Page
    template_name = "pages/home.html"

    def get_object(self, queryset=None):
        home = self.get_queryset().filter(is_home=True).first()
        if home is None:
            raise Http404(_("The home page has not been published yet."))
        return home

    def get_context_data(self, **kwargs):
        # Which projects, in order; their cards are cached (projects/cards.py), and
        # those not yet cached are read for both lists at once.
        featured = Project.objects.featured().values_list("pk", flat=True)
        ongoing = Project.objects.published().ongoing().filter(featured=False)
        ongoing = ongoing.values_list("pk", flat=True)
        featured_cards, ongoing_cards = project_card_lists(
            [(list(featured[:6]), "h3", 0, True), (list(ongoing[:6]), "h3", 0, False)]
        )
        return super().get_context_data(
            featured_cards=featured_cards, ongoing_cards=ongoing_cards, **kwargs
        )
