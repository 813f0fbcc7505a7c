from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from caching.views import CachedObjectMixin
from content.views import PreviewMixin, TranslatedSlugDetailView
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
        # Which projects, in order: their cards are cached (projects/cards.py).
        featured = Project.objects.featured().values_list("pk", flat=True)
        ongoing = Project.objects.published().ongoing().filter(featured=False)
        ongoing = ongoing.values_list("pk", flat=True)
        return super().get_context_data(
            featured_projects=list(featured[:6]), ongoing_projects=list(ongoing[:6]), **kwargs
        )
