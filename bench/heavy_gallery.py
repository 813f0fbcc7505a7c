"""A project with 12 gallery photos of 40 megapixels (the upload limit): how long the
editor's save takes, and how long the first visitor waits, on a throwaway test
database and media folder.

    DEBUG=0 SECRET_KEY=$(python3 -c "import secrets; print(secrets.token_urlsafe(50))") \\
        .venv/bin/python -m bench.heavy_gallery

Prints the time to check the 12 uploads (what the admin form does), to save them (the
resized copies are made then), the first view of the project page by a worker that has
made nothing itself, a second view, and how many copies the views made (0)."""

import os
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citymined.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from imagekit.specs import ImageSpec  # noqa: E402
from PIL import Image, ImageChops  # noqa: E402

from media import images  # noqa: E402
from media.models import Image as LibraryImage  # noqa: E402
from projects.models import GalleryImage  # noqa: E402
from tests.factories import make_city, make_project  # noqa: E402
from tests.images import upload  # noqa: E402

PHOTOS = 12
SIZE = (7744, 5164)  # 39.99 megapixels


def photo():
    """A JPEG of 40 megapixels with detail, under the 8 MB limit as a phone's would be."""
    gradient = Image.linear_gradient("L").resize(SIZE)
    grain = Image.effect_noise(SIZE, 12)
    channels = [gradient, ImageChops.add(gradient.rotate(90), grain, 2), grain]
    output = BytesIO()
    Image.merge("RGB", channels).save(output, "JPEG", quality=82)
    return output.getvalue()


def timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    media = tempfile.mkdtemp(prefix="heavy-gallery-")
    try:
        with override_settings(MEDIA_ROOT=media, PAGE_CACHE_SECONDS=0):
            run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run():
    content = photo()
    project = make_project("gallery", cities=[make_city("brussels")])
    uploads = [upload(f"photo-{number}.jpg", content) for number in range(PHOTOS)]
    check, _ = timed(lambda: [images.validate_image_upload(file) for file in uploads])

    def save():
        for number, file in enumerate(uploads):
            picture = LibraryImage.objects.create(title=f"Photo {number}", file=file)
            GalleryImage.objects.create(project=project, image=picture)

    saving, _ = timed(save)
    # Another worker, which has made nothing itself and knows of nothing made.
    images._known_copies.clear()
    cache.clear()
    made = []
    original_generate = ImageSpec.generate
    ImageSpec.generate = lambda spec: made.append(spec) or original_generate(spec)
    client = Client()
    first, response = timed(lambda: client.get(project.get_absolute_url()))
    second, _ = timed(lambda: client.get(project.get_absolute_url()))
    ImageSpec.generate = original_generate
    assert response.status_code == 200
    print(f"{PHOTOS} photos of {SIZE[0]}x{SIZE[1]} px, {len(content) / 1e6:.1f} MB each")
    print(f"checking the uploads (admin form)   {check:7.2f} s")
    print(f"saving them, resized copies made    {saving:7.2f} s ({saving / PHOTOS:.2f} s a photo)")
    print(f"first view of the project page      {first * 1000:7.1f} ms")
    print(f"second view                         {second * 1000:7.1f} ms")
    print(f"copies made during the views        {len(made):7d}")


if __name__ == "__main__":
    main()
