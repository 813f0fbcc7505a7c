"""12 photos of 40 megapixels (the upload limit) saved into the library: how long the
editor waits, beside a floor measured in the same run (only writing the 12 files to the
storage); then the first view of the project page that shows them, which makes no
resized copy, and the background worker that makes them. On a throwaway test database
and media folder.

    DEBUG=0 SECRET_KEY=$(python3 -c "import secrets; print(secrets.token_urlsafe(50))") \\
        .venv/bin/python -m bench.heavy_gallery

The save is what the admin does for each photo: its checks (validate_image_upload), then
the library's Image saved, and added to a project's gallery when galleries hold library
pictures. It must take under 3 s (the script exits with 1 otherwise)."""

import os
import shutil
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
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from imagekit.specs import ImageSpec  # noqa: E402
from PIL import Image as Picture  # noqa: E402
from PIL import ImageChops  # noqa: E402

from media import copies, images  # noqa: E402
from media.models import Image  # noqa: E402
from projects.models import GalleryImage  # noqa: E402
from tests.factories import make_city, make_project  # noqa: E402
from tests.images import upload  # noqa: E402

PHOTOS = 12
SIZE = (7744, 5164)  # 39.99 megapixels
LIMIT = 3.0  # seconds for the whole save (issue 22)


def photo():
    """A JPEG of 40 megapixels with detail, under the 8 MB limit as a phone's would be."""
    gradient = Picture.linear_gradient("L").resize(SIZE)
    grain = Picture.effect_noise(SIZE, 12)
    channels = [gradient, ImageChops.add(gradient.rotate(90), grain, 2), grain]
    output = BytesIO()
    Picture.merge("RGB", channels).save(output, "JPEG", quality=82)
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
            return run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(media, ignore_errors=True)


def gallery_field():
    """GalleryImage's key to the library, once galleries hold library pictures."""
    return next((f.name for f in GalleryImage._meta.fields if f.related_model is Image), None)


def run():
    content = photo()
    project = make_project("gallery", cities=[make_city("brussels")])
    in_gallery = gallery_field()

    def floor():
        for number in range(PHOTOS):
            default_storage.save(f"floor/photo-{number}.jpg", ContentFile(content))

    def save():
        for number in range(PHOTOS):
            file = upload(f"photo-{number}.jpg", content)
            images.validate_image_upload(file)
            image = Image.objects.create(title=f"Photo {number}", alt=f"Photo {number}", file=file)
            if in_gallery:
                GalleryImage.objects.create(project=project, **{in_gallery: image})

    floor_time, _ = timed(floor)
    saving, _ = timed(save)
    # Another worker, which has made nothing itself and knows of nothing made.
    images._known_copies.clear()
    cache.clear()
    made = count_copies()
    client = Client()
    first, response = timed(lambda: client.get(project.get_absolute_url()))
    second, _ = timed(lambda: client.get(project.get_absolute_url()))
    assert response.status_code == 200
    during_views = len(made)
    worker, _ = timed(lambda: call_command("db_worker", "--batch", "--no-startup-delay"))
    after = client.get(project.get_absolute_url()).content.decode()
    shown = after.count(f"/{copies.folder_of('images')}") if in_gallery else 0

    print(f"{PHOTOS} photos of {SIZE[0]}x{SIZE[1]} px, {len(content) / 1e6:.1f} MB each")
    rows = [
        (f"floor: writing the {PHOTOS} files to storage", f"{floor_time:7.2f} s"),
        (
            "checking and saving them into the library",
            f"{saving:7.2f} s ({saving / PHOTOS:.2f} s a photo; at most {LIMIT:.0f} s)",
        ),
        ("  and adding them to the project's gallery", "yes" if in_gallery else "no"),
        ("first view of the project page", f"{first * 1000:7.1f} ms"),
        ("second view", f"{second * 1000:7.1f} ms"),
        ("copies made during the views", f"{during_views:7d}"),
        ("background worker, all copies", f"{worker:7.2f} s ({len(made)} copies)"),
    ]
    if in_gallery:
        rows.append(("copies the page shows after the worker", f"{shown:7d}"))
    for label, value in rows:
        print(f"{label:<44}{value}")
    stop_counting()
    return 0 if saving < LIMIT and during_views == 0 else 1


_originals = {}


def count_copies():
    """Counts every copy made from now on, by the library (media/copies.py) or by the
    images still held by an UploadedImageField (imagekit)."""
    made = []
    _originals.update(generate=ImageSpec.generate, save=copies._save)
    ImageSpec.generate = lambda spec: made.append(spec) or _originals["generate"](spec)
    copies._save = lambda *args: made.append(args[1]) or _originals["save"](*args)
    return made


def stop_counting():
    ImageSpec.generate = _originals["generate"]
    copies._save = _originals["save"]


if __name__ == "__main__":
    sys.exit(main())
