from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView

from caching.fragments import cached
from caching.views import CachedObjectMixin
from content.views import TranslatedSlugDetailView

from .cards import related_ids
from .context_processors import footer_funders_besides
from .filters import ProjectFilterForm
from .models import Partner, Project, ProjectPartner, attach_card_data


class ProjectListView(ListView):
    template_name = "projects/project_list.html"
    paginate_by = 12

    # Filters renamed since their addresses were shared: {old: new}.
    renamed_filters = {"status": "period"}

    def get(self, request, *args, **kwargs):
        if renamed := self.renamed_filter_url():
            return redirect(renamed, permanent=True)
        self.filters = ProjectFilterForm(request.GET)
        # A filter value that names nothing is an address that does not exist.
        if not self.filters.is_valid():
            raise Http404("Unknown filter.")
        # Counting every option reads every project: the counts change only with the
        # content, so each process keeps them per choice of filters until it does.
        self.facets, self.filters.period_counts = cached(
            f"project-facets:{self.filters.chosen()}", self.counted_facets
        )
        return super().get(request, *args, **kwargs)

    def renamed_filter_url(self):
        """The same list under the filters' current names, if the address used old ones."""
        query = self.request.GET.copy()
        old_names = [name for name in self.renamed_filters if name in query]
        if not old_names:
            return None
        for old in old_names:
            query.setlist(self.renamed_filters[old], query.pop(old))
        return f"{self.request.path}?{query.urlencode()}"

    def counted_facets(self):
        return self.filters.facets(Project.objects.published()), self.filters.period_counts

    def get_queryset(self):
        # Which projects, in order: their cards are cached (projects/cards.py).
        return self.filters.filter(Project.objects.published()).values_list("pk", flat=True)

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = self.filters.count()  # known from the facets: no COUNT query
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        title = _("Projects")
        if page.number > 1:
            title = _("%(title)s · page %(number)s") % {"title": title, "number": page.number}
        context.update(
            page_title=title,
            in_every_language=True,
            filters=self.filters,
            facets=self.facets,
            is_filtered=self.filters.is_filtered(),
        )
        return context


class ProjectDetailView(CachedObjectMixin, TranslatedSlugDetailView):
    model = Project
    template_name = "projects/project_detail.html"

    def get_queryset(self):
        # Its cover from the library, in the same query.
        return super().get_queryset().select_related("cover")

    def get_context_data(self, **kwargs):
        roles = self.object.credits
        related = related_ids(self.object)
        attach_card_data([self.object], also=related)
        return super().get_context_data(
            roles=roles,
            related_projects=related,
            # Its funders are thanked once, in its own list, not again in the footer.
            **footer_funders_besides({role.partner_id for role in roles}),
            **kwargs,
        )


class SupportersView(TemplateView):
    template_name = "projects/supporters.html"
    latest_projects = 6

    def get_context_data(self, **kwargs):
        # Every group at once, then sorted out. Counting each partner's projects reads
        # all of them: the counts change only with the content, so each process keeps
        # them (with the partners and their latest projects) until it does.
        everyone = cached(
            "supporters", lambda: self.with_projects(Partner.objects.select_related("logo"))
        )
        current_funders = [p for p in everyone if p.kind == p.Kind.FUNDER and p.is_current]
        groups = [
            ("funders", _("Funders"), current_funders),
            ("partners", _("Partners"), [p for p in everyone if p.kind == p.Kind.PARTNER]),
            (
                "past",
                _("Past supporters"),
                [p for p in everyone if p.kind == p.Kind.FUNDER and not p.is_current],
            ),
        ]
        return super().get_context_data(
            page_title=_("Supporters"),
            in_every_language=True,
            groups=[group for group in groups if group[2]],
            # The page lists every current funder: the footer does not list them again.
            **footer_funders_besides({funder.pk for funder in current_funders}),
            **kwargs,
        )

    def with_projects(self, partners):
        """Each partner's latest published projects and how many it has in all, in a
        fixed number of queries: listing them all would make the page grow with the
        archive."""
        published = Project.objects.published()
        counted = ProjectPartner.objects.filter(partner=OuterRef("pk"), project__in=published)
        counted = counted.values("partner").annotate(count=Count("project", distinct=True))
        # A project comes once per role its partner plays in it (DISTINCT cannot undo
        # that in a sliced prefetch): enough rows for the latest different ones, each no
        # more than a link.
        rows = self.latest_projects * len(ProjectPartner.Role)
        latest = published.for_links()[:rows]
        partners = list(
            partners.annotate(
                project_count=Coalesce(Subquery(counted.values("count")), 0)
            ).prefetch_related(Prefetch("projects", queryset=latest, to_attr="latest_projects"))
        )
        for partner in partners:
            latest = list(dict.fromkeys(partner.latest_projects))[: self.latest_projects]
            partner.latest_projects = latest
            partner.more_projects = partner.project_count - len(latest)
        return partners
