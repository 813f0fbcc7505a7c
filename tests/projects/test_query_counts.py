"""Pages cost the same number of queries whatever the number of projects: the list,
a project page, the supporters page, the home page, a feed and the sitemap, with 12
and with 1,200. The supporters page does not grow either."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import City, GalleryImage, Project, ProjectPartner, Theme
from tests.factories import make_partner, make_project, make_projects
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db

PAGES = {
    "list": "/en/projects/",
    "filtered list": "/en/projects/?theme=environment&city=brussels&period=past&page=1",
    "project": "/en/projects/target-en/",
    "supporters": "/en/supporters/",
    "home": "/en/",
    "feed": "/en/projects/feed.atom",
    "sitemap": "/sitemap.xml",
}


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.fixture
def site(site_content):
    cities = list(City.objects.filter(slug__in=["brussels", "london"]))
    themes = list(Theme.objects.filter(slug__in=["environment", "economy"]))
    funder = make_partner("city", logo=upload("logo.png", image_bytes((200, 100), "PNG")))
    target = make_project("target", 2010, 2012, cities=cities, themes=themes)
    GalleryImage.objects.create(project=target, image=upload(), image_alt_en="A picture")
    ProjectPartner.objects.create(project=target, partner=funder)
    return {"cities": cities, "themes": themes, "funder": funder}


def test_query_counts_do_not_grow_with_the_number_of_projects(client, site):
    make_projects(12, **site)
    for path in PAGES.values():
        client.get(path)  # makes the resized images once, as the first visitor would
    small = {name: count_queries(client, path) for name, path in PAGES.items()}

    make_projects(1188, start=12, **site)
    for path in PAGES.values():
        client.get(path)
    large = {name: count_queries(client, path) for name, path in PAGES.items()}

    assert Project.objects.count() > 1200
    assert small == large
    print("queries per page, with 12 and with 1,200 projects:", small)


def test_supporters_page_does_not_grow_with_the_number_of_projects(client, site):
    make_projects(12, **site)
    small = len(client.get(PAGES["supporters"]).content)
    make_projects(1188, start=12, **site)
    html = client.get(PAGES["supporters"]).content.decode()
    assert "and 1195 more" in html
    # Only the latest titles and the number of "more" projects change.
    assert len(html.encode()) - small < 200
