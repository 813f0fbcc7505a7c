"""Generated projects, so that a page can be seen at a given size of the site.

`python -m bench.content 1200` adds 1,200 (bench/run.py does, against its own database);
tests/projects/test_query_counts.py uses `add_projects()` to compare 12 with 1,200."""

import os
import sys

BODY = "<p>{0}</p><p>{0}</p><p>{0}</p>"


def add_projects(count, cities, themes, partner, start=0):
    """`count` published projects in Dutch and English (half of them still ongoing), each
    in all `cities`, on all `themes` and funded by `partner`."""
    from citymined.content import Content
    from projects.models import Project, ProjectPartner

    projects = Project.objects.bulk_create(
        Project(
            title_nl=f"Project {i}",
            title_en=f"Project {i}",
            slug_nl=f"project-{i}",
            slug_en=f"project-{i}-en",
            teaser_nl="Een buurtproject.",
            teaser_en="A neighbourhood project.",
            body_nl=BODY.format("Tekst."),
            body_en=BODY.format("Text."),
            start_year=1990 + i % 30,
            end_year=2021 if i % 2 else None,
            featured=i % 10 == 0,
            status=Content.Status.PUBLISHED,
        )
        for i in range(start, start + count)
    )
    Project.cities.through.objects.bulk_create(
        Project.cities.through(project=p, city=c) for p in projects for c in cities
    )
    Project.themes.through.objects.bulk_create(
        Project.themes.through(project=p, theme=t) for p in projects for t in themes
    )
    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=p, partner=partner, role=ProjectPartner.Role.FUNDER)
        for p in projects
    )
    return projects


def add_to_initial_content(count):
    """Spread over the initial content's cities, themes and first funder."""
    from projects.models import City, Partner, Theme

    cities = list(City.objects.all()[:1])
    themes = list(Theme.objects.all()[:1])
    funder = Partner.objects.filter(kind=Partner.Kind.FUNDER).first()
    add_projects(count, cities, themes, funder)


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citymined.settings")
    django.setup()
    add_to_initial_content(int(sys.argv[1]))
