"""With MEDIA_S3_BUCKET set, the library's files and their resized copies live in an
S3-compatible bucket: pages point browsers at it (and the CSP lets them load from
there), and backups hold it. Tested against moto's S3 server, started here on a free
port."""

import json
import runpy
import socket
import tarfile
from io import BytesIO, StringIO
from pathlib import Path
from urllib.request import urlopen

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from moto.server import ThreadedMotoServer
from PIL import Image

from media import images
from tests.factories import LANGUAGES, make_image, make_partner

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_site")]
BUCKET = "citymined-media"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}
SETTINGS_FILE = Path(django_settings.BASE_DIR) / "citymined" / "settings.py"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch, settings):
    """The settings that the environment variables of .env.example give, read by
    settings.py itself, with an empty bucket."""
    environment = {
        "MEDIA_S3_BUCKET": BUCKET,
        "MEDIA_S3_ENDPOINT_URL": s3_endpoint,
        "MEDIA_S3_REGION": "eu-west-1",
        "MEDIA_S3_ACCESS_KEY_ID": "test-key",
        "MEDIA_S3_SECRET_ACCESS_KEY": "test-secret",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    configured = runpy.run_path(str(SETTINGS_FILE))
    for name in ("STORAGES", "MEDIA_URL", "SERVE_MEDIA", "SECURE_CSP", "ADMIN_CSP"):
        setattr(settings, name, configured[name])
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="eu-west-1",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    # Visitors read uploads without signing (docs/deployment.md, "Media on S3").
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
    # Addresses of copies remembered from the local disk must not answer for S3's.
    images._known_copies.clear()
    cache.clear()
    yield client
    images._known_copies.clear()
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    for key in keys:
        client.delete_object(Bucket=BUCKET, Key=key)
    client.delete_bucket(Bucket=BUCKET)


def stored_keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def library_logo():
    """A partner whose logo is a picture of the library, stored in the bucket."""
    picture = make_image("logo", (600, 200), alt_en="The city's logo")
    return make_partner("brussels", logo=picture)


def test_uploads_copies_and_pages_use_the_bucket(
    admin_client, client, bucket, s3_endpoint, django_capture_on_commit_callbacks
):
    partner = library_logo()
    assert partner.logo.file.name in stored_keys(bucket)

    with translation.override(LANGUAGES[-1]):
        supporters = client.get(reverse("supporters"))
    html = supporters.content.decode()
    public = f"{s3_endpoint}/{BUCKET}/renditions/"
    assert f'srcset="{public}' in html
    assert f"{public}" in html.split("<img ", 1)[1].split("srcset=", 1)[0]
    assert "/media/" not in html
    assert s3_endpoint in supporters.headers["Content-Security-Policy"].split("img-src", 1)[1]
    # The resized copies are in the bucket (each kind's widths, WebP and the original's
    # format, made by the background worker).
    assert [key for key in stored_keys(bucket) if key.startswith("renditions/")]
    # What the page points at really is there, resized, for anyone to fetch.
    smallest = html.split(f'srcset="{public}', 1)[1].split(" ", 1)[0]
    with urlopen(f"{public}{smallest}") as answer, Image.open(BytesIO(answer.read())) as copy:
        assert copy.width == 160

    # Deleting the partner leaves its logo in the library, for other uses.
    with django_capture_on_commit_callbacks(execute=True):
        deleted = admin_client.post(
            f"/admin/projects/partner/{partner.pk}/delete/", {"post": "yes"}
        )
    assert deleted.status_code == 302
    assert partner.logo.file.name in stored_keys(bucket)


# A restore moves the id sequences, which no rollback undoes on PostgreSQL: the test
# commits, and the database is emptied after it.
@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_the_bucket_and_a_restore_puts_it_back(
    client, bucket, tmp_path, django_capture_on_commit_callbacks, background_worker
):
    name = library_logo().logo.file.name
    original = bucket.get_object(Bucket=BUCKET, Key=name)["Body"].read()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    with tarfile.open(archive) as tar:
        assert f"media/{name}" in tar.getnames()
        assert not [n for n in tar.getnames() if n.startswith("media/renditions/")]
    # A new bucket, and servers that never saw it.
    for key in stored_keys(bucket):
        bucket.delete_object(Bucket=BUCKET, Key=key)
    images._known_copies.clear()
    cache.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("restore", str(archive), "--noinput", "--replace", stdout=StringIO())

    assert bucket.get_object(Bucket=BUCKET, Key=name)["Body"].read() == original
    # The resized copies are made again, in the bucket, by the background worker.
    background_worker()
    assert client.get(reverse("supporters")).status_code == 200
    assert [key for key in stored_keys(bucket) if key.startswith("renditions/")]
