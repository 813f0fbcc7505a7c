"""The admin's lists stay quick however large the archive: the number of queries a
changelist runs does not grow with the number of projects, and stays under 20."""

import pytest
from django.urls import reverse

from projects.models import City, Partner, Theme
from tests.factories import make_image, make_projects

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:projects_project_changelist",
    "admin:news_news_changelist",
    "admin:projects_partner_changelist",
    "admin:projects_city_changelist",
    "admin:projects_theme_changelist",
    "admin:pages_page_changelist",
]
MAX_QUERIES = 20


@pytest.fixture
def archive(site_content):
    return {
        "cities": City.objects.all()[:1],
        "themes": Theme.objects.all()[:1],
        "funder": Partner.objects.current_funders().first(),
        # Each row's thumbnail is drawn from the library.
        "cover": make_image("cover"),
    }


def queries_per_list(admin_client, django_assert_max_num_queries, query=""):
    counts = {}
    for name in CHANGELISTS:
        url = reverse(name) + query
        admin_client.get(url)  # makes the thumbnails' copies, as a first visit would
        with django_assert_max_num_queries(MAX_QUERIES, info=url) as captured:
            assert admin_client.get(url).status_code == 200, url
        counts[name] = len(captured)
    return counts


@pytest.mark.parametrize("query", ["", "?q=project", "?o=3"])
def test_changelists_cost_the_same_with_12_and_200_projects(
    admin_client, archive, django_assert_max_num_queries, query
):
    make_projects(12, **archive)
    small = queries_per_list(admin_client, django_assert_max_num_queries, query)
    make_projects(188, start=12, **archive)
    large = queries_per_list(admin_client, django_assert_max_num_queries, query)
    assert small == large
