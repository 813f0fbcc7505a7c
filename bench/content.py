"""Adds generated projects so that a benchmark sees the site at a given size:
`python -m bench.content 1200` (run by bench/run.py against its own database)."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citymined.settings")
django.setup()

from django.utils import timezone  # noqa: E402

from projects.models import City, Partner, Project, ProjectPartner, Theme  # noqa: E402

BODY = "<p>{}</p>" * 6


def themes_and_cities():
    themes = list(Theme.objects.all()) or [
        Theme.objects.create(name_nl=n, name_fr=n, name_en=n, slug=n)
        for n in ("environment", "democracy", "economy", "technology")
    ]
    cities = list(City.objects.all()) or [
        City.objects.create(name_nl=n, name_fr=n, name_en=n, slug=n.lower())
        for n in ("Brussels", "London", "Glasgow")
    ]
    return themes, cities


def add_projects(count):
    themes, cities = themes_and_cities()
    partners = list(Partner.objects.all()) or [
        Partner.objects.create(name_nl="Partner", name_fr="Partenaire", name_en="Partner")
    ]
    now = timezone.now()
    projects = Project.objects.bulk_create(
        Project(
            title_nl=f"Project {i}",
            title_fr=f"Projet {i}",
            title_en=f"Project {i}",
            slug_nl=f"project-{i}",
            slug_fr=f"projet-{i}",
            slug_en=f"bench-project-{i}",
            teaser_nl="Een buurtproject.",
            teaser_fr="Un projet de quartier.",
            teaser_en="A neighbourhood project.",
            body_nl=BODY.format(*["Tekst."] * 6),
            body_fr=BODY.format(*["Texte."] * 6),
            body_en=BODY.format(*["Text."] * 6),
            start_year=1997 + i % 29,
            end_year=None if i % 5 == 0 else 1998 + i % 29,
            status=Project.Status.PUBLISHED,
            published_at=now,
        )
        for i in range(count)
    )
    Project.themes.through.objects.bulk_create(
        Project.themes.through(project=p, theme=themes[i % len(themes)])
        for i, p in enumerate(projects)
    )
    Project.cities.through.objects.bulk_create(
        Project.cities.through(project=p, city=cities[i % len(cities)])
        for i, p in enumerate(projects)
    )
    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=p, partner=partners[i % len(partners)], role="funder")
        for i, p in enumerate(projects)
    )


if __name__ == "__main__":
    add_projects(int(sys.argv[1]))
