"""Deleting an item removes its image files and their resized copies, once nothing
else refers to them; a rolled-back delete keeps them."""

from pathlib import Path

import pytest
from django.db import transaction

from media.unused_files import renditions_folder
from projects.models import GalleryImage, Partner
from tests.factories import make_partner, make_project
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


def project_with_images(city):
    project = make_project("pictures", cities=[city])
    project.cover = upload("cover.jpg", image_bytes((1000, 500)))
    project.save()
    GalleryImage.objects.create(project=project, image=upload("one.jpg"), image_alt="One")
    return project


def files_of(project):
    names = [project.cover.name, *(image.image.name for image in project.images.all())]
    return [Path(project.cover.storage.path(name)) for name in names]


def test_deleting_a_project_removes_its_images_and_copies(
    client, city, media_root, django_capture_on_commit_callbacks
):
    project = project_with_images(city)
    client.get(project.get_absolute_url())  # makes resized copies
    files = files_of(project)
    copies = Path(media_root) / renditions_folder(project.cover.name)
    assert all(path.exists() for path in files)
    assert any(copies.iterdir())
    with django_capture_on_commit_callbacks(execute=True):
        project.delete()
    assert not any(path.exists() for path in files)
    assert list(copies.glob("*")) == []


def test_a_file_another_item_still_uses_is_kept(city, django_capture_on_commit_callbacks):
    logo = make_partner("first", logo=upload("logo.png", image_bytes(image_format="PNG")))
    twin = make_partner("second")
    Partner.objects.filter(pk=twin.pk).update(logo=logo.logo.name)
    path = Path(logo.logo.path)
    with django_capture_on_commit_callbacks(execute=True):
        logo.delete()
    assert path.exists()


def test_a_rolled_back_delete_keeps_the_files(city, django_capture_on_commit_callbacks):
    project = project_with_images(city)
    files = files_of(project)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                project.delete()
                raise RuntimeError("changed my mind")
        except RuntimeError:
            pass
    assert all(path.exists() for path in files)
