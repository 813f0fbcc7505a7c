"""Funders are seen: on the supporters page and in the strip at the foot of every page."""

import pytest

from projects.models import City, Partner, Project, ProjectPartner
from tests.factories import add_partner, make_partner, make_project
from tests.seo.helpers import meta

pytestmark = pytest.mark.django_db


@pytest.fixture
def supporters(city):
    city_funder = make_partner(
        "city", name_nl="Stad Brussel", name_fr="Ville de Bruxelles", name_en="City of Brussels"
    )
    old = make_partner("old-fund", is_current=False, name_en="Old Foundation")
    partner = make_partner("pum", kind=Partner.Kind.PARTNER, name_en="PUM collectif")
    power = make_project("power", 2018, cities=[city])
    add_partner(power, city_funder)
    add_partner(make_project("commons", 2011, 2015, cities=[city]), partner)
    return {"city": city_funder, "old": old, "partner": partner}


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/nl/steun/", "Steun"), ("/fr/soutiens/", "Soutiens"), ("/en/supporters/", "Supporters")],
)
def test_supporters_page_in_each_language(client, supporters, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_supporters_page_groups_current_funders_partners_and_past(client, supporters):
    html = client.get("/en/supporters/").content.decode()
    funders = html.index('<h2 id="funders-title">')
    partners = html.index('<h2 id="partners-title">')
    past = html.index('<h2 id="past-title">')
    main = html[: html.index("<footer")]
    assert funders < main.index("City of Brussels") < partners
    assert partners < main.index("PUM collectif") < past
    assert past < main.index("Old Foundation")


@pytest.mark.parametrize(
    ("path", "title"),
    [("/nl/steun/", "Steun"), ("/fr/soutiens/", "Soutiens"), ("/en/supporters/", "Supporters")],
)
def test_link_previews_of_the_supporters_page_name_it(client, supporters, path, title):
    html = client.get(path).content.decode()
    assert meta(html, "og:title") == [title]
    assert f'<meta name="twitter:title" content="{title}">' in html


def test_each_funder_lists_the_projects_it_supported(client, supporters):
    html = client.get("/en/supporters/").content.decode()
    assert 'href="/en/projects/power-en/">power EN</a>' in html


@pytest.mark.parametrize(
    ("path", "name"),
    [("/nl/steun/", "Stad Brussel"), ("/fr/soutiens/", "Ville de Bruxelles")],
)
def test_funder_names_follow_the_language(client, supporters, path, name):
    assert name in client.get(path).content.decode()


@pytest.mark.parametrize("path", ["/en/", "/en/about/", "/en/projects/", "/en/projects/precare/"])
def test_every_page_footer_thanks_the_current_funders(client, site_content, path):
    html = client.get(path).content.decode()
    footer = html[html.index("<footer") :]
    assert 'class="funder-strip"' in footer
    assert "With the financial support of" in footer
    for name in ["VGC City Fund", "City of Brussels", "European Union", "Brussels-Capital Region"]:
        assert name in footer


def test_footer_strip_speaks_the_visitors_language(client, site_content):
    footer = client.get("/fr/").content.decode().split("<footer", 1)[1]
    assert "Avec le soutien financier de" in footer
    assert "Ville de Bruxelles" in footer
    assert "Région de Bruxelles-Capitale" in footer
    footer = client.get("/nl/").content.decode().split("<footer", 1)[1]
    assert "Met de financiële steun van" in footer
    assert "Stad Brussel" in footer


def test_footer_strip_leaves_out_past_funders_and_partners(client, supporters):
    footer = client.get("/en/projects/").content.decode().split("<footer", 1)[1]
    assert "City of Brussels" in footer
    assert "Old Foundation" not in footer
    assert "PUM collectif" not in footer


def test_funders_appear_in_the_order_editors_set(client, supporters):
    supporters["city"].order = 5
    supporters["city"].save()
    make_partner("eu", order=1, name_en="European Union")
    footer = client.get("/en/projects/").content.decode().split("<footer", 1)[1]
    assert footer.index("European Union") < footer.index("City of Brussels")


def test_a_supporter_shows_its_latest_projects_and_how_many_more(client, city):
    funder = make_partner("city", name_en="City of Brussels")
    for year in range(2001, 2010):
        add_partner(make_project(f"p{year}", year, year, cities=[city]), funder)
    # Funder and host of the same project: the project is counted once.
    add_partner(Project.objects.get(slug_nl="p2009"), funder, ProjectPartner.Role.HOST)
    add_partner(make_project("draft", 2020, cities=[city], status="draft"), funder)
    card = client.get("/en/supporters/").content.decode().split("City of Brussels", 1)[1]
    card = card.split("</article>", 1)[0]
    assert card.count(">p2009 EN</a>") == 1
    for year in range(2004, 2010):
        assert f">p{year} EN</a>" in card
    assert "p2003" not in card
    assert "draft" not in card
    assert "and 3 more" in card


def test_supporters_page_follows_each_edit_to_the_projects(client, supporters, city):
    """The page's projects and counts are kept between visits: an edit still shows on
    the next visit."""
    assert "later EN" not in client.get("/en/supporters/").content.decode()
    later = make_project("later", 2020, cities=[city])
    add_partner(later, supporters["city"])
    assert (
        'href="/en/projects/later-en/">later EN</a>'
        in client.get("/en/supporters/").content.decode()
    )
    later.status = Project.Status.DRAFT
    later.save()
    assert "later EN" not in client.get("/en/supporters/").content.decode()


def main_and_footer(html):
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return main, html.split("<footer", 1)[1]


def test_a_project_lists_its_funders_once(client, site_content):
    """La Pile's four funders: each in its own list, its acknowledgement said there,
    not again in a list of acknowledgements nor in the footer's strip."""
    main, footer = main_and_footer(client.get("/en/projects/la-pile/").content.decode())
    for name in ["VGC City Fund", "City of Brussels", "European Union", "Brussels-Capital Region"]:
        assert main.count(f'<span class="partner-name">{name}</span>') == 1
        assert name not in footer
    assert main.count("With the support of the City of Brussels.") == 1
    assert 'class="acknowledgements"' not in main
    assert 'class="funder-strip"' not in footer


def test_the_footer_thanks_the_funders_a_project_does_not_list(client, site_content):
    project = make_project("commons", cities=[City.objects.get(slug="brussels")])
    brussels = Partner.objects.get(name_en="City of Brussels")
    add_partner(project, brussels)
    main, footer = main_and_footer(client.get("/en/projects/commons-en/").content.decode())
    assert main.count('<span class="partner-name">City of Brussels</span>') == 1
    assert 'class="funder-strip"' in footer
    assert "City of Brussels" not in footer
    for name in ["VGC City Fund", "European Union", "Brussels-Capital Region"]:
        assert name in footer
    # Other pages still thank all four.
    assert "City of Brussels" in client.get("/en/").content.decode().split("<footer", 1)[1]


def test_the_supporters_page_does_not_repeat_its_funders_in_the_footer(client, site_content):
    main, footer = main_and_footer(client.get("/en/supporters/").content.decode())
    assert main.count('<span class="partner-name">City of Brussels</span>') == 1
    assert 'class="funder-strip"' not in footer
