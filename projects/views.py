from django.views.generic import ListView

from citymined.views import TranslatedSlugDetailView

from .models import Project


class ProjectListView(ListView):
    template_name = "projects/project_list.html"
    paginate_by = 12

    def get_queryset(self):
        return Project.objects.published().prefetch_related("cities", "themes")


class ProjectDetailView(TranslatedSlugDetailView):
    model = Project
    template_name = "projects/project_detail.html"
