"""Every save keeps a version: staff compare two in words and bring one back, and
recover what was deleted, with its translations, links and inlines."""

import pytest
from django.core.files.storage import default_storage

from media.models import Image
from projects.models import City, GalleryImage, Project, ProjectPartner
from tests.admin_forms import change_url, save_in_admin, versions_of
from tests.factories import funder_of, make_image, project_with_gallery_and_funder

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(site_content, admin_client):
    project = project_with_gallery_and_funder()
    # Saved once through the admin: this version has the gallery.
    assert save_in_admin(admin_client, project).status_code == 302
    return project


def test_existing_content_starts_with_a_version(site_content):
    project = Project.objects.first()
    assert len(versions_of(project)) == 1


def edit_everything(admin_client, project, other_city):
    response = save_in_admin(
        admin_client,
        project,
        title_nl="Een nieuwe titel",
        title_en="A new title",
        body_fr="<p>Tout autre chose.</p>",
        cities=[str(other_city.pk)],
        **{"images-0-DELETE": "on"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.title_en == "A new title" and project.images.count() == 1


def test_a_version_is_restored_with_its_translations_links_and_gallery(admin_client, project):
    before = Project.objects.get(pk=project.pk)
    cities = set(project.cities.all())
    other_city = City.objects.exclude(pk__in=[city.pk for city in cities]).first()
    edit_everything(admin_client, project, other_city)
    old, new = versions_of(project)[-2:]

    history = admin_client.get(f"{change_url(project)[: -len('change/')]}history/")
    assert history.status_code == 200
    assert "What changed" in history.content.decode()
    compare = admin_client.get(
        f"/admin/projects/project/{project.pk}/history/compare/?from={old.pk}&to={new.pk}"
    )
    html = compare.content.decode()
    assert "<ins>A new title</ins>" in html
    assert "<ins>Een nieuwe titel</ins>" in html
    assert "<ins>Tout autre chose.</ins>" in html
    assert "&lt;p&gt;" not in html and "<p>Tout" not in html
    assert "Gallery image “Picture 1”" in html

    response = admin_client.post(f"/admin/projects/project/{project.pk}/history/{old.pk}/restore/")
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_nl == before.title_nl and project.title_en == before.title_en
    assert project.body_fr == before.body_fr and project.title_fr == before.title_fr
    assert set(project.cities.all()) == cities
    assert project.images.count() == 2
    assert "Restored the version" in versions_of(project)[-1].revision.get_comment()


def test_a_version_brings_back_the_cover_chosen_then(admin_client, client, project):
    first, second = make_image("first"), make_image("second")
    assert save_in_admin(admin_client, project, cover=str(first.pk)).status_code == 302
    old = versions_of(project)[-1]
    assert save_in_admin(admin_client, project, cover=str(second.pk)).status_code == 302
    response = admin_client.post(f"/admin/projects/project/{project.pk}/history/{old.pk}/restore/")
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.cover == first
    html = client.get(project.get_absolute_url()).content.decode()
    assert f'alt="{first.alt}"' in html


def test_a_version_opens_in_the_form_to_be_saved_back(admin_client, project):
    old = versions_of(project)[-1]
    save_in_admin(admin_client, project, title_en="Changed")
    response = admin_client.get(f"/admin/projects/project/{project.pk}/history/{old.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{old.field_dict["title_en"]}"' in html
    assert "tabbed_translation_fields" in html
    project.refresh_from_db()
    assert project.title_en == "Changed"


def test_a_deleted_project_is_recovered_with_its_gallery_and_funders(admin_client, project):
    funder = funder_of(project)
    pictures = sorted(item.image_id for item in project.images.all())
    cities = set(project.cities.all())
    url = f"/admin/projects/project/{project.pk}/delete/"
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()
    assert not GalleryImage.objects.filter(project_id=project.pk).exists()
    # Its pictures stay in the library, files and all.
    kept = Image.objects.filter(pk__in=pictures)
    assert kept.count() == len(pictures)
    assert all(default_storage.exists(picture.file.name) for picture in kept)

    listing = admin_client.get("/admin/projects/project/recover/").content.decode()
    assert project.title_en in listing
    version = versions_of(project)[-1]
    recover_url = f"/admin/projects/project/recover/{version.pk}/"
    from tests.admin_forms import open_change_form

    data = open_change_form(admin_client, recover_url, "project_form")
    assert admin_client.post(recover_url, data).status_code == 302

    recovered = Project.objects.get(pk=project.pk)
    assert recovered.title_en == project.title_en
    assert sorted(item.image_id for item in recovered.images.all()) == pictures
    assert ProjectPartner.objects.filter(
        project=recovered, partner=funder, role=ProjectPartner.Role.FUNDER
    ).exists()
    assert set(recovered.cities.all()) == cities
