"""With MEDIA_S3_BUCKET set, the library's pictures and the copies the background
worker makes of them live in the bucket; a backup holds the pictures, and a restore
into an empty bucket brings them back and has their copies made again there. Against
moto's S3 server (the fixtures of tests/projects/test_media_on_s3.py)."""

from io import BytesIO, StringIO
from urllib.request import urlopen

import pytest
from django.core.cache import cache
from django.core.management import call_command
from PIL import Image as Picture

from media import copies
from media.images import picture_of
from media.models import Image
from tests.images import image_bytes, upload
from tests.projects.test_media_on_s3 import BUCKET, bucket, s3_endpoint, stored_keys  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_site")]


def fetched(url):
    with urlopen(url) as answer:
        return Picture.open(BytesIO(answer.read()))


def test_pictures_and_the_copies_the_worker_makes_are_in_the_bucket(
    bucket,  # noqa: F811
    s3_endpoint,  # noqa: F811
    background_worker,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        walk = upload("walk.jpg", image_bytes((1600, 900)))
        image = Image.objects.create(title="Walk", file=walk)
    public = f"{s3_endpoint}/{BUCKET}/"
    assert image.file.name in stored_keys(bucket)
    # Until the worker has been, pages show the original, from the bucket.
    assert picture_of(image, "card")["src"] == public + image.file.name

    background_worker()

    image.refresh_from_db()
    made = [key for key in stored_keys(bucket) if key.startswith("renditions/")]
    assert sorted(made) == sorted(name for name, *_rest in copies.planned(image))
    card = picture_of(image, "card")
    assert card["src"].startswith(public + "renditions/")
    assert fetched(card["src"]).size == (card["width"], card["height"])


# A restore moves the id sequences, which no rollback undoes on PostgreSQL: the test
# commits, and the database is emptied after it.
@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_the_library_and_a_restore_brings_it_back_to_an_empty_bucket(
    bucket,  # noqa: F811
    tmp_path,
    background_worker,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        image = Image.objects.create(title="Walk", file=upload("walk.jpg", image_bytes((900, 600))))
    background_worker()
    original = bucket.get_object(Bucket=BUCKET, Key=image.file.name)["Body"].read()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    for key in stored_keys(bucket):  # a new bucket, and servers that never saw it
        bucket.delete_object(Bucket=BUCKET, Key=key)
    cache.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("restore", str(archive), "--noinput", "--replace", stdout=StringIO())
    image.refresh_from_db()
    assert bucket.get_object(Bucket=BUCKET, Key=image.file.name)["Body"].read() == original
    # No page points at a copy the new bucket does not have.
    assert picture_of(image, "gallery")["src"].endswith(image.file.name)

    background_worker()

    image.refresh_from_db()
    gallery = picture_of(image, "gallery")
    assert "/renditions/" in gallery["src"]
    assert fetched(gallery["src"]).size == (gallery["width"], gallery["height"])
