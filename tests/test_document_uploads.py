"""What the library accepts as a document: PDFs and office files, recognised by their
content and stored under the extension of what they are; anything a browser could run,
programs, archives, macros, a fake PDF and too large a file are refused, each with a
message that says why, in the editor's language."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from media.documents import MESSAGES, DocumentUploadFormField, validate_document_upload
from media.models import Document
from tests.admin_forms import refused_keeping_the_upload
from tests.documents import (
    EXE_HEADER,
    HTML_PAGE,
    SVG_WITH_SCRIPT,
    compound_file_bytes,
    document_upload,
    odf_bytes,
    ooxml_bytes,
    pdf_bytes,
    zip_bytes,
)
from tests.factories import LANGUAGES, make_document

pytestmark = pytest.mark.django_db

ACCEPTED = {
    "pdf": pdf_bytes(),
    "docx": ooxml_bytes("docx"),
    "xlsx": ooxml_bytes("xlsx"),
    "pptx": ooxml_bytes("pptx"),
    "odt": odf_bytes("text"),
    "ods": odf_bytes("spreadsheet"),
    "odp": odf_bytes("presentation"),
    "doc": compound_file_bytes("WordDocument", "SummaryInformation"),
    "xls": compound_file_bytes("Workbook"),
    "ppt": compound_file_bytes("PowerPoint Document", "Current User"),
}


def refusal(name, content, content_type="application/octet-stream"):
    """The code and message an upload is refused with."""
    with pytest.raises(ValidationError) as refused:
        validate_document_upload(SimpleUploadedFile(name, content, content_type))
    return refused.value.code, " ".join(refused.value.messages)


@pytest.mark.parametrize("extension", ACCEPTED)
def test_pdfs_and_office_files_are_accepted_and_stored_under_what_they_are(extension):
    # Named as something else entirely: the content decides.
    document = make_document("Annual report", ACCEPTED[extension], file_name="Scan_0042.html")
    assert document.file.name.endswith(f"Scan_0042.{extension}")
    assert document.kind.extension == extension
    assert document.size == len(ACCEPTED[extension])
    assert len(document.checksum) == 64


def test_a_file_without_an_extension_gets_one():
    document = make_document("Flyer", ooxml_bytes("docx"), file_name="flyer")
    # Storage adds a suffix when a flyer.docx is already there.
    assert re.search(r"/flyer(_\w+)?\.docx$", document.file.name)


@pytest.mark.parametrize(
    ("name", "content", "content_type", "code"),
    [
        ("report.pdf", HTML_PAGE, "application/pdf", "not_a_pdf"),
        ("report.pdf", b"%PDF-1.7\n" + b"0" * 2000, "application/pdf", "not_a_pdf"),
        ("report.html", HTML_PAGE, "text/html", "markup"),
        ("logo.svg", SVG_WITH_SCRIPT, "image/svg+xml", "markup"),
        ("data.xml", b"\xef\xbb\xbf  <?xml version='1.0'?><x/>", "text/xml", "markup"),
        ("page.htm", "<html>été</html>".encode("utf-16"), "text/html", "markup"),
        ("setup.exe", EXE_HEADER, "application/x-msdownload", "program"),
        ("run.sh", b"#!/bin/sh\nrm -rf /\n", "text/x-sh", "program"),
        ("reports.zip", zip_bytes(), "application/zip", "archive"),
        ("reports.tar.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 100, "application/gzip", "archive"),
        ("report.docm", ooxml_bytes("docx", macros=True), "application/octet-stream", "macros"),
        ("sums.xlsm", ooxml_bytes("xlsx", macros=True), "application/octet-stream", "macros"),
        ("talk.odp", odf_bytes("presentation", macros=True), "application/zip", "macros"),
        ("old.doc", compound_file_bytes("WordDocument", "Macros"), "application/msword", "macros"),
        ("book.epub", odf_bytes(mimetype="application/epub+zip"), "", "unknown"),
        ("script.js", b"alert(document.cookie)", "text/javascript", "unknown"),
        ("notes.txt", b"Just some notes", "text/plain", "unknown"),
        ("empty.pdf", b"", "application/pdf", "empty"),
    ],
)
def test_files_that_cannot_be_offered_are_refused_with_their_reason(
    name, content, content_type, code
):
    assert refusal(name, content, content_type)[0] == code


def test_each_refusal_says_why_in_the_editors_language():
    for language in LANGUAGES:
        with translation.override(language):
            assert refusal("logo.svg", SVG_WITH_SCRIPT)[1] == str(MESSAGES["markup"])
    with translation.override("nl"):
        assert "scripts in kunnen uitvoeren" in refusal("logo.svg", SVG_WITH_SCRIPT)[1]
    with translation.override("en"):
        assert "could run scripts" in refusal("logo.svg", SVG_WITH_SCRIPT)[1]
        assert "not one" in refusal("report.pdf", HTML_PAGE, "application/pdf")[1]


def test_a_document_larger_than_the_setting_is_refused_before_it_is_read(settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 1000
    with translation.override("en"):
        code, message = refusal("report.pdf", pdf_bytes() + b" " * 1000)
    assert code == "too_large"
    assert "a document may be at most" in message


def test_the_limit_comes_from_the_environment(monkeypatch):
    import runpy
    from pathlib import Path

    from django.conf import settings

    monkeypatch.setenv("DOCUMENT_UPLOAD_MAX_BYTES", "12345")
    configured = runpy.run_path(str(Path(settings.BASE_DIR) / "citymined" / "settings.py"))
    assert configured["DOCUMENT_UPLOAD_MAX_BYTES"] == 12345
    example = (Path(settings.BASE_DIR) / ".env.example").read_text()
    assert "\nDOCUMENT_UPLOAD_MAX_BYTES=" in example


def test_the_form_field_refuses_and_the_file_picker_offers_what_is_accepted():
    field = DocumentUploadFormField()
    assert ".pdf" in field.widget.attrs["accept"] and ".docx" in field.widget.attrs["accept"]
    with pytest.raises(ValidationError):
        field.clean(SimpleUploadedFile("logo.svg", SVG_WITH_SCRIPT, "image/svg+xml"))
    assert field.clean(document_upload()).name == "report.pdf"


def all_titles(title):
    return {f"title_{code}": f"{title} ({code})" for code in LANGUAGES}


def test_the_documents_admin_form_refuses_a_hostile_file_and_keeps_nothing(admin_client):
    upload = SimpleUploadedFile("invoice.pdf", HTML_PAGE, "application/pdf")
    response = admin_client.post(
        reverse("admin:media_document_add"), {"file": upload, **all_titles("Invoice")}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "named or sent as a PDF, but it is not one" in html
    assert 'name="file-kept"' not in html
    assert not Document.objects.exists()


def test_the_documents_admin_form_keeps_a_good_file_across_a_refused_form(admin_client):
    # No title: refused, but the PDF chosen is kept for the next try.
    add = reverse("admin:media_document_add")
    html, token = refused_keeping_the_upload(admin_client, add, document_upload(), "report.pdf")
    assert "kept-upload-thumbnail" not in html  # a document has no picture
    # The kept copy is a download, never shown in the admin's page.
    kept = admin_client.get(reverse("admin:kept_upload", args=[token]))
    assert kept["Content-Disposition"].startswith("attachment")
    assert kept["Content-Type"] == "application/pdf"

    response = admin_client.post(add, {"file-kept": token, **all_titles("Report")})
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file.read() == pdf_bytes()
    assert document.kind.extension == "pdf"
