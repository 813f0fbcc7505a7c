"""A project's own page: its facts, pictures, partners and funders, and related work."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import Content
from media.models import Image
from projects.models import RELATED_AMONG_FIRST, GalleryImage, Partner, Project, ProjectPartner
from tests.factories import (
    LANGUAGES,
    add_partner,
    make_image,
    make_partner,
    make_project,
    make_projects,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(city, london, theme):
    return make_project(
        "commons",
        2011,
        2015,
        cities=[city, london],
        themes=[theme],
        teaser_en="A plot run as a commons.",
        website="https://commons.example.org/",
    )


@pytest.mark.parametrize(
    ("path", "title", "city_name"),
    [
        ("/nl/projecten/commons/", "commons NL", "Brussel"),
        ("/fr/projets/commons-fr/", "commons FR", "Bruxelles"),
        ("/en/projects/commons-en/", "commons EN", "Brussels"),
    ],
)
def test_project_page_in_each_language(client, project, path, title, city_name):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in html
    assert city_name in html
    assert "2011–2015" in html


def test_another_languages_slug_redirects_permanently(client, project):
    response = client.get("/fr/projets/commons-en/")
    assert response.status_code == 301
    assert response["Location"] == "/fr/projets/commons-fr/"


def test_ongoing_project_says_since_when(client, city):
    make_project("power", 2018, None, cities=[city])
    assert "since 2018" in client.get("/en/projects/power-en/").content.decode()
    assert "depuis 2018" in client.get("/fr/projets/power-fr/").content.decode()


def test_missing_translation_shows_fallback_notice(client, project):
    project.title_fr = project.body_fr = project.slug_fr = None
    project.save()
    html = client.get("/fr/projets/commons-en/").content.decode()
    assert "Traduction en cours" in html
    assert '<h1><span lang="en">commons EN</span></h1>' in html


def test_drafts_are_hidden_but_staff_preview_them(client, admin_client, project):
    project.status = Content.Status.DRAFT
    project.save()
    assert client.get("/en/projects/commons-en/").status_code == 404
    preview = admin_client.get("/en/projects/commons-en/?preview")
    assert preview.status_code == 200
    assert preview["X-Robots-Tag"] == "noindex"


def test_unknown_project_is_not_found(client, project):
    assert client.get("/en/projects/nothing-here/").status_code == 404


def test_themes_and_cities_link_to_the_filtered_list(client, project):
    html = client.get("/en/projects/commons-en/").content.decode()
    assert 'href="/en/projects/?theme=environment">Environment</a>' in html
    assert 'href="/en/projects/?city=london">London</a>' in html


def test_partners_and_funders_with_logos_links_and_acknowledgements(client, project):
    funder = make_partner(
        "city",
        name_nl="Stad Brussel",
        name_fr="Ville de Bruxelles",
        acknowledgement_nl="Met de steun van de Stad Brussel.",
        acknowledgement_fr="Avec le soutien de la Ville de Bruxelles.",
        logo=make_image("logo", (400, 200), alt_nl="Logo van de Stad Brussel"),
    )
    partner = make_partner("pum", kind=Partner.Kind.PARTNER, name_nl="PUM collectif")
    add_partner(project, funder)
    add_partner(project, partner, ProjectPartner.Role.PARTNER)
    html = client.get("/nl/projecten/commons/").content.decode()
    assert "Stad Brussel" in html
    assert 'href="https://city.example.org/"' in html
    assert 'alt="Logo van de Stad Brussel"' in html
    assert "Met de steun van de Stad Brussel." in html
    assert "PUM collectif" in html
    french = client.get("/fr/projets/commons-fr/").content.decode()
    assert "Avec le soutien de la Ville de Bruxelles." in french
    assert "Ville de Bruxelles" in french


def test_gallery_shows_each_image_with_alt_and_caption(client, project):
    GalleryImage.objects.create(
        project=project,
        image=make_image(
            "one", (1600, 1200), alt_en="Neighbours planting", alt_fr="Des voisins plantent"
        ),
        caption_en="Spring 2012",
        caption_fr="Printemps 2012",
    )
    html = client.get("/fr/projets/commons-fr/").content.decode()
    assert 'class="gallery"' in html
    assert 'alt="Des voisins plantent"' in html
    assert "Printemps 2012" in html


def test_a_gallery_picture_without_a_caption_of_its_own_shows_the_pictures(client, project):
    picture = make_image("one", caption_en="The plot in May", caption_fr="Le terrain en mai")
    GalleryImage.objects.create(project=project, image=picture, order=1)
    GalleryImage.objects.create(project=project, image=picture, caption_fr="Encore", order=2)
    html = client.get("/fr/projets/commons-fr/").content.decode()
    assert "<figcaption>Le terrain en mai</figcaption>" in html
    assert "<figcaption>Encore</figcaption>" in html


def test_one_picture_in_two_galleries_and_a_cover_is_one_file(client, project, city):
    described = {f"alt_{code}": "The square at dusk" for code in LANGUAGES}
    picture = make_image("the square", **described)
    other = make_project("other", 2015, cities=[city], cover=picture)
    project.cover = picture
    project.save()
    for owner in (project, other):
        GalleryImage.objects.create(project=owner, image=picture)
    for owner in (project, other):
        html = client.get(owner.get_absolute_url()).content.decode()
        assert html.count('alt="The square at dusk"') == 2
    assert Image.objects.count() == 1


def test_related_projects_share_a_theme(client, project, theme, economy, city):
    make_project("sibling", 2016, cities=[city], themes=[theme])
    make_project("stranger", 2017, cities=[city], themes=[economy])
    html = client.get("/en/projects/commons-en/").content.decode()
    assert "sibling EN" in html
    assert "stranger EN" not in html


def related_in_one_query(project, count=3):
    """What Project.related() finds, asked the plain way."""
    themes = project.themes.values("pk")
    found = Project.objects.published().filter(themes__in=themes).exclude(pk=project.pk)
    return list(found.distinct().values_list("pk", flat=True))[:count]


@pytest.mark.parametrize("siblings_at", [(0, 5, 7), (3, RELATED_AMONG_FIRST + 20)])
def test_related_projects_are_the_first_in_the_lists_order(project, theme, economy, siblings_at):
    """Siblings near the top of the list are found there; one on each side of the
    boundary between the first projects and the rest still come in the list's order."""
    others = make_projects(RELATED_AMONG_FIRST + 40, themes=[economy])
    ordered = list(Project.objects.published().filter(pk__in=[p.pk for p in others]))
    for position in siblings_at:
        ordered[position].themes.add(theme)
    found = project.related()
    assert found == related_in_one_query(project)
    assert found[: len(siblings_at)] == [ordered[position].pk for position in siblings_at][:3]


def test_related_projects_are_found_behind_hundreds_of_others(client, project, theme, economy):
    make_project("old-sibling", 1995, 1996, themes=[theme])
    make_projects(2 * RELATED_AMONG_FIRST, themes=[economy])
    html = client.get("/en/projects/commons-en/").content.decode()
    assert "old-sibling EN" in html


def test_structured_data_names_the_funders_without_asking_for_them_again(client, project):
    """The page already has the project's partners; its JSON-LD re-uses them."""
    add_partner(project, make_partner("city", name_en="City of Brussels"))
    add_partner(project, make_partner("pum", name_en="PUM"), ProjectPartner.Role.PARTNER)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/en/projects/commons-en/").content.decode()
    data = [
        json.loads(script.split(">", 1)[1].split("</script>", 1)[0])
        for script in html.split('<script type="application/ld+json"')[1:]
    ]
    project_data = next(item for item in data if item["@type"] == "Project")
    assert [funder["name"] for funder in project_data["funder"]] == ["City of Brussels"]
    roles = [q for q in queries if 'FROM "projects_projectpartner"' in q["sql"]]
    assert len(roles) == 1
