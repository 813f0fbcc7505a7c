"""`load_initial_data` brings the projects, funders and partners the site starts with,
once, with placeholder images that editors replace."""

import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from projects.models import City, Partner, Project, Theme
from tests.factories import load_initial_data

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_initial_projects_cities_themes_and_supporters(site_content):
    assert set(Project.objects.published().values_list("title_en", flat=True)) == {
        "La Pile",
        "Friche Eggevoort",
        "Micronomics",
        "Precare",
        "PleinOPENair",
    }
    assert City.objects.get(slug="brussels").name_fr == "Bruxelles"
    assert set(Theme.objects.values_list("slug", flat=True)) == {
        "environment",
        "democracy",
        "economy",
        "technology",
    }
    assert Partner.objects.current_funders().count() == 4
    assert Partner.objects.partners().count() == 2


def test_micronomics_ran_in_brussels_and_london(site_content):
    project = Project.objects.get(slug_en="micronomics")
    assert set(project.cities.values_list("slug", flat=True)) == {"brussels", "london"}
    assert (project.start_year, project.end_year) == (2006, 2011)


def test_one_project_lacks_its_french_text_and_shows_the_fallback(client, site_content):
    assert Project.objects.get(slug_en="micronomics").languages() == ["nl", "en"]
    html = client.get("/fr/projets/micronomics/").content.decode()
    assert "Traduction en cours" in html


def test_funders_have_their_names_in_each_language(site_content):
    city = Partner.objects.get(name_en="City of Brussels")
    assert (city.name_nl, city.name_fr) == ("Stad Brussel", "Ville de Bruxelles")
    region = Partner.objects.get(name_en="Brussels-Capital Region")
    assert (region.name_nl, region.name_fr) == (
        "Brussels Hoofdstedelijk Gewest",
        "Région de Bruxelles-Capitale",
    )


def test_la_pile_and_friche_eggevoort_are_featured_on_the_home_page(client, site_content):
    assert set(Project.objects.featured().values_list("title_en", flat=True)) == {
        "La Pile",
        "Friche Eggevoort",
    }
    html = client.get("/en/").content.decode()
    featured = html[html.index('id="featured-title"') :]
    assert "La Pile" in featured
    assert "Friche Eggevoort" in featured


def test_covers_and_logos_are_generated_placeholders(site_content, media_root):
    project = Project.objects.get(slug_en="la-pile")
    assert (media_root / project.cover.file.name).exists()
    with Image.open(project.cover.file.path) as cover:
        assert cover.format == "JPEG"
    # In the library, with their descriptions.
    assert project.cover.alt_fr == "Image provisoire pour La Pile"
    for partner in Partner.objects.all():
        assert partner.logo
        assert partner.logo.alt_en.endswith("(placeholder)")


def test_loading_twice_creates_nothing_twice(site_content):
    counts = (Project.objects.count(), Partner.objects.count(), City.objects.count())
    load_initial_data()
    assert (Project.objects.count(), Partner.objects.count(), City.objects.count()) == counts


def test_loading_again_keeps_what_editors_changed_and_deleted(site_content):
    Project.objects.filter(slug_en="precare").delete()
    la_pile = Project.objects.get(slug_en="la-pile")
    la_pile.cities.clear()
    load_initial_data()
    assert not Project.objects.filter(slug_en="precare").exists()
    assert not la_pile.cities.exists()


def test_initial_projects_are_dated_by_the_year_they_began_not_the_import(client, site_content):
    """The site starts with the organisation's projects: a feed reader shows when each
    began, not the day the site was set up."""
    channel = ET.fromstring(client.get("/en/projects/feed.rss").content).find("channel")
    dates = {item.findtext("title"): item.findtext("pubDate") for item in channel.iter("item")}
    assert dates["La Pile"].startswith("Mon, 01 Jan 2018")
    root = ET.fromstring(client.get("/en/projects/feed.atom").content)
    [entry] = [e for e in root.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "La Pile"]
    assert entry.findtext(f"{ATOM}published").startswith("2018-01-01")
    assert entry.findtext(f"{ATOM}updated").startswith("2018-01-01")
