"""A project with many gallery photos shows its first view without resizing anything:
the copies were made when the photos were saved. (Modest photos keep the suite quick;
what matters is that the view makes no copy at all.)"""

import pytest
from imagekit.specs import ImageSpec

from media import images
from media.models import Image
from projects.models import GalleryImage
from tests.factories import make_project
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db

PHOTOS = 12


@pytest.fixture
def heavy_gallery(city):
    cover = Image.objects.create(title="Cover", file=upload("cover.jpg", image_bytes((900, 600))))
    project = make_project("gallery", cities=[city], cover=cover)
    for number in range(PHOTOS):
        photo = upload(f"photo-{number}.jpg", image_bytes((900, 600)))
        picture = Image.objects.create(title=f"Photo {number}", alt=f"Photo {number}", file=photo)
        GalleryImage.objects.create(project=project, image=picture)
    return project


def test_the_first_view_of_a_heavy_gallery_resizes_nothing(client, heavy_gallery, monkeypatch):
    # Another worker, which has made nothing itself and knows of nothing made.
    images._known_copies.clear()
    resized = []
    original_generate = ImageSpec.generate

    def counting_generate(self):
        resized.append(self.source.name)
        return original_generate(self)

    monkeypatch.setattr(ImageSpec, "generate", counting_generate)
    response = client.get(heavy_gallery.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("<picture") >= PHOTOS + 1
    assert resized == []
