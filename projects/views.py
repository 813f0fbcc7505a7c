from django.db.models import Prefetch
from django.http import Http404
from django.views.generic import ListView, TemplateView

from citymined.views import TranslatedSlugDetailView

from .filters import ProjectFilterForm
from .models import Partner, Project, ProjectPartner


def with_card_data(projects):
    """What a project card shows, fetched in a fixed number of queries."""
    return projects.prefetch_related("cities", "themes")


class ProjectListView(ListView):
    template_name = "projects/project_list.html"
    paginate_by = 12

    def get(self, request, *args, **kwargs):
        self.filters = ProjectFilterForm(request.GET)
        # A filter value that names nothing is an address that does not exist.
        if not self.filters.is_valid():
            raise Http404("Unknown filter.")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return with_card_data(self.filters.filter(Project.objects.published()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context.update(
            page_range=page.paginator.get_elided_page_range(page.number, on_each_side=2),
            filters=self.filters,
            facets=self.filters.facets(Project.objects.published()),
            is_filtered=self.filters.is_filtered(),
        )
        return context


class ProjectDetailView(TranslatedSlugDetailView):
    model = Project
    template_name = "projects/project_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "cities",
                "themes",
                "images",
                Prefetch(
                    "project_partners",
                    queryset=ProjectPartner.objects.select_related("partner"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        roles = list(self.object.project_partners.all())
        funders = [r.partner for r in roles if r.role == ProjectPartner.Role.FUNDER]
        return super().get_context_data(
            roles=roles,
            acknowledgements=[f for f in funders if f.acknowledgement],
            related_projects=with_card_data(self.object.related()),
            **kwargs,
        )


class SupportersView(TemplateView):
    template_name = "projects/supporters.html"

    def get_context_data(self, **kwargs):
        supported = Prefetch(
            "projects",
            queryset=Project.objects.published().distinct(),
            to_attr="supported_projects",
        )
        everyone = list(Partner.objects.prefetch_related(supported))
        funders = [p for p in everyone if p.kind == Partner.Kind.FUNDER]
        return super().get_context_data(
            current_funders=[p for p in funders if p.is_current],
            past_funders=[p for p in funders if not p.is_current],
            partners=[p for p in everyone if p.kind == Partner.Kind.PARTNER],
            **kwargs,
        )
