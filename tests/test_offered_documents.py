"""Pages and projects offer documents from the library: a "Documents" list with each
title in the reader's language (marked with its own language when it falls back), its
kind and size, a link that downloads it. A document something offers cannot be
deleted; titles are counted by translation status; documents are in backups."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import ProtectedError
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from media.documents import KINDS
from media.models import Document
from pages.models import PageDocument
from projects.models import ProjectDocument
from tests.documents import ooxml_bytes, pdf_bytes
from tests.factories import LANGUAGES, make_document, make_page, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    # No French title: French readers get the English one, marked as English.
    return make_document("report", title_nl="Jaarverslag", title_fr="", title_en="Annual report")


@pytest.fixture
def flyer():
    return make_document("Flyer", ooxml_bytes("docx"), file_name="flyer.docx")


def documents_section(html):
    match = re.search(r'<section class="section documents".*?</section>', html, re.S)
    return match.group(0) if match else ""


def link_texts(section):
    """Each link's text as a screen reader reads it: the badge is hidden from it."""
    links = re.findall(r"<a [^>]*>(.*?)</a>", section, re.S)
    texts = []
    for link in links:
        link = re.sub(r'<span class="document-badge" aria-hidden="true">.*?</span>', "", link)
        # Collapsing the markup's spaces, not the no-break ones sizes are written with.
        texts.append(re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", link)).strip())
    return texts


@pytest.mark.parametrize("kind", ["page", "project"])
def test_documents_are_listed_in_each_language_with_kind_and_size(client, kind, report, flyer):
    if kind == "page":
        item = make_page()
        PageDocument.objects.create(page=item, document=flyer, order=2)
        PageDocument.objects.create(page=item, document=report, order=1)
    else:
        item = make_project()
        ProjectDocument.objects.create(project=item, document=flyer, order=2)
        ProjectDocument.objects.create(project=item, document=report, order=1)
    for language in LANGUAGES:
        with translation.override(language):
            html = client.get(item.get_absolute_url()).content.decode()
            report_url, flyer_url = report.get_absolute_url(), flyer.get_absolute_url()
        section = documents_section(html)
        assert section, language
        # In order, as a list of links that download.
        assert section.index(report_url) < section.index(flyer_url)
        assert section.count("<li>") == 2 and " download " in section
        texts = link_texts(section)
        with translation.override(language):
            # The title in the reader's language, or in the first of its fallbacks.
            title, flyer_title = report.title, flyer.title
            pdf, word = str(KINDS["pdf"].label), str(KINDS["docx"].label)
            size = filesizeformat(len(pdf_bytes()))
        # What it is, what kind and how big, and that it downloads, in the link's text.
        assert texts[0].startswith(f"{title} {pdf}, {size}"), texts[0]
        assert texts[1].startswith(f"{flyer_title} {word}, "), texts[1]
    with translation.override("fr"):
        html = client.get(item.get_absolute_url()).content.decode()
    assert '<span lang="en">Annual report</span>' in documents_section(html)
    with translation.override("nl"):
        html = client.get(item.get_absolute_url()).content.decode()
    assert "lang=" not in documents_section(html).split("Jaarverslag")[0].split("<li>")[-1]


def test_an_item_without_documents_shows_no_list(client):
    project = make_project()
    with translation.override("en"):
        html = client.get(project.get_absolute_url()).content.decode()
    assert documents_section(html) == ""


def test_sizes_are_written_as_the_reader_writes_numbers(client):
    big = make_document("Big", pdf_bytes() + b"\n" * 1_300_000 + b"%%EOF\n")
    project = make_project()
    ProjectDocument.objects.create(project=project, document=big)
    sizes = {}
    for language in LANGUAGES:
        with translation.override(language):
            html = client.get(project.get_absolute_url()).content.decode()
        sizes[language] = link_texts(documents_section(html))[0]
    assert "1.2\xa0MB" in sizes["en"]
    assert "1,2\xa0MB" in sizes["nl"]
    assert "1,2\xa0Mio" in sizes["fr"]


def test_a_document_something_offers_cannot_be_deleted(report):
    project = make_project()
    ProjectDocument.objects.create(project=project, document=report)
    with pytest.raises(ProtectedError):
        report.delete()
    with pytest.raises(ProtectedError):
        Document.objects.filter(pk=report.pk).delete()
    # Deleting the project takes its list with it; the document stays in the library.
    project.delete()
    assert Document.objects.filter(pk=report.pk).exists()
    report.delete()


def test_the_admin_refuses_deleting_a_document_a_page_offers(admin_client, report):
    page = make_page()
    PageDocument.objects.create(page=page, document=report)
    url = reverse("admin:media_document_delete", args=[report.pk])
    html = admin_client.get(url).content.decode()
    # The page that offers it is named, and there is nothing to confirm.
    assert str(page.title_en) in html
    assert 'name="post"' not in html
    admin_client.post(url, {"post": "yes"})
    assert Document.objects.filter(pk=report.pk).exists()


def test_an_editor_chooses_a_projects_documents_in_its_form(admin_client, report, flyer):
    project = make_project()
    change = reverse("admin:projects_project_change", args=[project.pk])
    html = admin_client.get(change).content.decode()
    assert 'name="offered_documents-TOTAL_FORMS"' in html
    # Chosen by title (the admin's autocomplete, which the library's search answers).
    found = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Annual",
            "app_label": "projects",
            "model_name": "projectdocument",
            "field_name": "document",
        },
    ).json()
    assert [result["id"] for result in found["results"]] == [str(report.pk)]


def test_document_titles_are_counted_by_translation_status(admin_client, report):
    from translations.status import MISSING, status_totals, translated_models

    assert Document in translated_models()
    totals = status_totals(Document)
    assert totals["fr"][MISSING][0] >= 1
    html = admin_client.get(reverse("admin:translations")).content.decode()
    assert "Documents" in html
    changelist = reverse("admin:media_document_changelist")
    missing = admin_client.get(changelist, {"missing": "fr"}).content.decode()
    assert "Annual report" in missing or "Jaarverslag" in missing


@pytest.mark.django_db(transaction=True)
def test_documents_come_back_from_a_backup_with_their_files(tmp_path, media_root):
    from tests.operations.test_backup_restore import empty_the_site, files, snapshot

    document = make_document("Annual report", file_name="annual-report.pdf")
    project = make_project()
    ProjectDocument.objects.create(project=project, document=document)
    before, before_files = snapshot(), files()
    assert document.file.name in before_files
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    empty_the_site()
    call_command("restore", str(archive), "--noinput", stdout=StringIO())
    assert snapshot() == before and files() == before_files
    restored = Document.objects.get(pk=document.pk)
    assert restored.file.read() == pdf_bytes()
    assert ProjectDocument.objects.get().document == restored
