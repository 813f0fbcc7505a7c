"""The delete confirmation says in staff's words what goes and what else it touches."""

import pytest

from projects.models import City, GalleryImage, Partner, Project
from tests.factories import LANGUAGES, funder_of, make_image, project_with_gallery_and_funder

pytestmark = pytest.mark.django_db


def confirmation(client, obj):
    opts = obj._meta
    response = client.get(f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/delete/")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_deleting_a_project_names_its_gallery_and_links(admin_client, site_content):
    project = project_with_gallery_and_funder()
    html = confirmation(admin_client, project)
    assert "2 gallery images: “Picture 1”, “Picture 2”" in html
    assert f"its link to the funder “{funder_of(project)}”" in html
    city = project.cities.first()
    assert f"its link to the city “{city}”" in html
    assert "Project-city" not in html
    assert "Project_cities object" not in html
    assert "Recover deleted projects" in html


def test_the_gallery_is_named_in_its_own_order_not_the_order_pictures_were_added(
    admin_client, site_content
):
    project = project_with_gallery_and_funder()
    last = project.images.get(order=2)
    picture = make_image("cover", **{f"title_{code}": "Picture 0" for code in LANGUAGES})
    first_added = GalleryImage.objects.create(project=project, image=picture, order=0)
    assert first_added.pk > last.pk
    html = confirmation(admin_client, project)
    assert "3 gallery images: “Picture 0”, “Picture 1”, “Picture 2”" in html


def test_a_city_that_projects_are_in_cannot_be_deleted_and_the_page_says_which(
    admin_client, site_content
):
    city = City.objects.filter(projects__isnull=False).first()
    html = confirmation(admin_client, city)
    assert "Cannot delete city" in html
    for project in Project.objects.filter(cities=city):
        assert f"“{project}” is in {city}: move it to another city first." in html
    assert "Project_cities" not in html


def test_a_funder_of_projects_cannot_be_deleted_and_the_page_says_by_whom(
    admin_client, site_content
):
    project = project_with_gallery_and_funder()
    funder = funder_of(project)
    html = confirmation(admin_client, Partner.objects.get(pk=funder.pk))
    assert "would require deleting the following protected related objects" in html
    assert f"the project “{project}” uses it" in html
    assert "Yes, I’m sure" not in html
