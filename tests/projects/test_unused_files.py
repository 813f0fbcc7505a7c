"""A project's pictures are the library's: deleting the project leaves them (and their
files) in the library for other uses, and a picture that something uses cannot be
deleted."""

from pathlib import Path

import pytest
from django.db.models import ProtectedError

from media.models import Image
from projects.models import GalleryImage
from tests.factories import make_image, make_partner, make_project

pytestmark = pytest.mark.django_db


def project_with_images(city):
    project = make_project("pictures", cities=[city], cover=make_image("cover", (1000, 500)))
    GalleryImage.objects.create(project=project, image=make_image("one"))
    return project


def test_deleting_a_project_keeps_its_pictures_in_the_library(
    client, city, django_capture_on_commit_callbacks
):
    project = project_with_images(city)
    client.get(project.get_absolute_url())  # makes resized copies
    pictures = [project.cover, *(item.image for item in project.images.all())]
    with django_capture_on_commit_callbacks(execute=True):
        project.delete()
    assert Image.objects.filter(pk__in=[p.pk for p in pictures]).count() == 2
    assert all(Path(picture.file.path).exists() for picture in pictures)


@pytest.mark.parametrize("use", ["cover", "gallery", "logo"])
def test_a_picture_in_use_cannot_be_deleted(city, use):
    picture = make_image("used")
    if use == "cover":
        make_project("p", cities=[city], cover=picture)
    elif use == "gallery":
        GalleryImage.objects.create(project=make_project("p", cities=[city]), image=picture)
    else:
        make_partner("city", logo=picture)
    with pytest.raises(ProtectedError):
        picture.delete()
    assert Path(picture.file.path).exists()
