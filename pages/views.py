from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from citymined.views import PreviewMixin, TranslatedSlugDetailView
from projects.models import Project, attach_card_data

from .models import Page


class PageDetailView(TranslatedSlugDetailView):
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
        featured = list(Project.objects.featured()[:6])
        ongoing = list(Project.objects.published().ongoing().filter(featured=False)[:6])
        # Both lists' cities and themes in one query.
        attach_card_data([*featured, *ongoing])
        return super().get_context_data(
            featured_projects=featured, ongoing_projects=ongoing, **kwargs
        )
