"""Each document has an address per language, named after its title there, that always
downloads it (never shows it as a page), with the type of what it is, and that proxies
may keep like a public page: from the disk or from S3."""

from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.documents import document_upload, ooxml_bytes, pdf_bytes
from tests.factories import LANGUAGES, make_document
from tests.projects import test_media_on_s3 as s3

pytestmark = pytest.mark.django_db
# moto's S3 server and an empty bucket, as the tests of media on S3 set them up.
s3_endpoint, bucket = s3.s3_endpoint, s3.bucket

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(client, document, language, **headers):
    with translation.override(language):
        url = document.get_absolute_url()
    return url, client.get(url, **headers)


def content_of(response):
    return b"".join(response.streaming_content)


def test_a_document_downloads_under_its_title_in_the_readers_language(client):
    titles = {"nl": "Jaarverslag 2024", "fr": "Rapport annuel « 2024 »", "en": "Annual report 2024"}
    document = make_document("report", **{f"title_{code}": title for code, title in titles.items()})
    names = {}
    for language in titles:
        url, response = download(client, document, language)
        assert url.startswith(f"/{language}/")
        assert response.status_code == 200
        assert content_of(response) == pdf_bytes()
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment; ")
        names[language] = unquote(disposition.split("filename*=UTF-8''", 1)[1])
    assert names == {code: f"{title}.pdf" for code, title in titles.items()}
    with translation.override("fr"):
        assert document.get_absolute_url().endswith(f"/{document.pk}/rapport-annuel-2024.pdf")
    # Clients that read only `filename` get a plain one.
    assert (
        'filename="rapport-annuel-2024.pdf"'
        in download(client, document, "fr")[1]["Content-Disposition"]
    )


def test_the_answer_can_never_run_as_a_page(client):
    document = make_document("Flyer", ooxml_bytes("docx"), file_name="flyer.docx")
    _url, response = download(client, document, "en")
    assert response["Content-Type"] == DOCX
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in [directive.strip() for directive in policy.split(";")]
    assert "default-src 'none'" in policy
    assert response["Content-Disposition"].startswith("attachment")
    assert int(response["Content-Length"]) == len(ooxml_bytes("docx"))


def test_proxies_may_keep_it_and_ask_again_with_its_checksum(client, settings):
    document = make_document("Report")
    _url, response = download(client, document, "en")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert f"max-age={settings.HTTP_CACHE_SECONDS}" in cache_control
    assert response["ETag"] == f'"{document.checksum}"'
    assert "Cookie" not in response.get("Vary", "")
    _url, again = download(client, document, "en", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_an_old_or_other_languages_name_leads_to_the_current_one(client):
    document = make_document("Report", title_en="Old title")
    with translation.override("en"):
        old = document.get_absolute_url()
    document.title_en = "New title"
    document.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"].endswith(f"/{document.pk}/new-title.pdf")


def test_a_missing_document_or_file_is_not_found(client):
    with translation.override("en"):
        assert client.get(reverse("documents:download", args=[999999, "x.pdf"])).status_code == 404
    document = make_document("Lost")
    document.file.storage.delete(document.file.name)
    assert download(client, document, "en")[1].status_code == 404


def test_documents_answer_only_to_reading(client):
    document = make_document("Report")
    with translation.override("en"):
        url = document.get_absolute_url()
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def test_documents_in_an_s3_bucket_are_served_the_same(client, bucket):
    document = make_document("Report on S3", title_en="Report on S3")
    assert document.file.name in s3.stored_keys(bucket)
    url, response = download(client, document, "en")
    assert response.status_code == 200
    assert content_of(response) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    bucket.delete_object(Bucket=s3.BUCKET, Key=document.file.name)
    assert client.get(url).status_code == 404


def test_a_replaced_file_is_refreshed_at_the_proxy_in_every_language(
    proxy, django_capture_on_commit_callbacks
):
    document = make_document("Report")
    proxy.clear()
    with django_capture_on_commit_callbacks(execute=True):
        document.file = document_upload("report-v2.pdf", pdf_bytes("Corrected figures"))
        document.save()
    addresses = set()
    for language in LANGUAGES:
        with translation.override(language):
            addresses.add(document.get_absolute_url())
    assert addresses <= proxy.paths()
    # And its readers get the new file, with a new ETag.
    _url, response = download(Client(), document, LANGUAGES[0])
    assert content_of(response) == pdf_bytes("Corrected figures")
    assert response["ETag"] == f'"{document.checksum}"'
