"""Search engines read who we are, and what each project is, as JSON-LD."""

import pytest

from content.models import Organisation
from tests.factories import make_project
from tests.seo.helpers import json_ld

pytestmark = pytest.mark.django_db


def organisation(html):
    return next(item for item in json_ld(html) if item["@type"] == "NGO")


@pytest.mark.parametrize(
    ("path", "street", "locality"),
    [
        ("/nl/", "Zaterdagplein 13", "Brussel"),
        ("/fr/", "Place du Samedi 13", "Bruxelles"),
        ("/en/", "Place du Samedi 13", "Brussels"),
    ],
)
def test_organisation_with_its_address_in_the_pages_language(
    client, site_content, path, street, locality
):
    data = organisation(client.get(path).content.decode())
    assert data["name"] == "City Mine(d)"
    assert data["url"] == f"http://testserver{path}"
    assert data["address"]["streetAddress"] == street
    assert data["address"]["addressLocality"] == locality
    assert data["logo"].startswith("http://testserver/static/img/logo")
    assert data["contactPoint"][0]["telephone"] == "+3227795900"
    assert data["sameAs"] == [
        "https://www.citymined.org/",
        "https://www.facebook.com/pages/City-Mined/188889099469",
    ]


def test_same_as_leaves_out_other_organisations_sites_an_older_row_lists(client, site_content):
    """`sameAs` says "the same entity": a partner's or a project's site is not the
    organisation, even if its details, written before this rule, still list it."""
    details = Organisation.objects.get()
    details.links = "\n".join(
        [
            "https://www.citymined.org/",
            "https://www.pumcollectif.org/",
            "https://properwater.org/",
            "https://eaupropre.org",
            "https://www.facebook.com/pages/City-Mined/188889099469",
            "https://www.wikidata.org/wiki/Q123",
            "https://archive.citymined.org/",
        ]
    )
    details.save()
    data = organisation(client.get("/fr/").content.decode())
    assert data["sameAs"] == [
        "https://www.citymined.org/",
        "https://www.facebook.com/pages/City-Mined/188889099469",
        "https://www.wikidata.org/wiki/Q123",
        "https://archive.citymined.org/",
    ]


def test_organisation_is_on_pages_without_content_too(client, site_content):
    assert organisation(client.get("/en/no-such-page/").content.decode())


def test_project_is_described_on_its_page(client, empty_site):
    make_project(end_year=2022)
    items = json_ld(client.get("/fr/projets/fabrique-de-quartier/").content.decode())
    project = next(item for item in items if item["@type"] == "Project")
    assert project["name"] == "Fabrique de quartier"
    assert project["description"] == "Un atelier pour les quartiers de Bruxelles."
    assert project["url"] == "http://testserver/fr/projets/fabrique-de-quartier/"
    assert project["foundingDate"] == "2019"
    assert project["dissolutionDate"] == "2022"
    assert project["parentOrganization"]["@id"] == organisation_id(items)


def organisation_id(items):
    return next(item for item in items if item["@type"] == "NGO")["@id"]


def test_editors_text_cannot_break_out_of_the_script(client, empty_site):
    title = 'Hack </script><script>alert("x")</script> & co'
    make_project(title_en=title)
    html = client.get("/en/projects/neighbourhood-factory/").content.decode()
    assert "</script><script>" not in html
    project = next(item for item in json_ld(html) if item["@type"] == "Project")
    assert project["name"] == title
