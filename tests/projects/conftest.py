import pytest

from citymined.content import Content
from projects.models import City, Partner, Project, ProjectPartner, Theme


@pytest.fixture
def city(db):
    return City.objects.create(
        slug="brussels", name_nl="Brussel", name_fr="Bruxelles", name_en="Brussels"
    )


@pytest.fixture
def london(db):
    return City.objects.create(slug="london", name_nl="Londen", name_fr="Londres", name_en="London")


@pytest.fixture
def theme(db):
    return Theme.objects.create(
        slug="environment", name_nl="Milieu", name_fr="Environnement", name_en="Environment"
    )


@pytest.fixture
def economy(db):
    return Theme.objects.create(
        slug="economy", name_nl="Economie", name_fr="Économie", name_en="Economy"
    )


def make_project(slug, start_year=2010, end_year=None, cities=(), themes=(), **fields):
    fields.setdefault("status", Content.Status.PUBLISHED)
    project = Project.objects.create(
        slug_nl=slug,
        slug_fr=f"{slug}-fr",
        slug_en=f"{slug}-en",
        title_nl=f"{slug} NL",
        title_fr=f"{slug} FR",
        title_en=f"{slug} EN",
        body_nl="<p>Tekst</p>",
        body_fr="<p>Texte</p>",
        body_en="<p>Text</p>",
        start_year=start_year,
        end_year=end_year,
        **fields,
    )
    project.cities.set(cities)
    project.themes.set(themes)
    return project


def make_partner(key, kind=Partner.Kind.FUNDER, **fields):
    defaults = {
        "name_nl": f"{key} NL",
        "name_fr": f"{key} FR",
        "name_en": f"{key} EN",
        "kind": kind,
        "website": f"https://{key}.example.org/",
    }
    return Partner.objects.create(**{**defaults, **fields})


def add_partner(project, partner, role=ProjectPartner.Role.FUNDER):
    return ProjectPartner.objects.create(project=project, partner=partner, role=role)
