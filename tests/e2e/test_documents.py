"""A project's documents in the browser: axe finds nothing wrong with the list at
desktop width and on a 390 px phone, in every language, the list fits the phone's
width, and a document's link downloads it under its title."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.documents import ooxml_bytes
from tests.e2e.axe import violations
from tests.e2e.test_accessibility import DESKTOP
from tests.factories import LANGUAGES, make_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def project_with_documents(live_server, site_content):
    from projects.models import Project, ProjectDocument

    project = Project.objects.get(slug_en="la-pile")
    # No French title: the French page shows the English one, marked as English.
    report = make_document(
        "report",
        title_nl="Jaarverslag van La Pile, met alle cijfers van een heel lang jaar",
        title_fr="",
        title_en="La Pile annual report",
    )
    flyer = make_document("Flyer", ooxml_bytes("docx"), file_name="flyer.docx")
    ProjectDocument.objects.create(project=project, document=report, order=0)
    ProjectDocument.objects.create(project=project, document=flyer, order=1)
    return project


def test_a_projects_documents_are_accessible_and_download(
    live_server, project_with_documents, page, artifacts
):
    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            path = project_with_documents.get_absolute_url()
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            page.goto(live_server.url + path)
            documents = page.locator(".document-list li")
            expect(documents).to_have_count(2)
            found[path, size["width"]] = violations(page)
            # Nothing sticks out of the phone's screen, however long the title.
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], (path, width)
    assert {where: rules for where, rules in found.items() if rules} == {}

    page.set_viewport_size(PHONE)
    with translation.override("fr"):
        page.goto(live_server.url + project_with_documents.get_absolute_url())
    expect(page.locator('.document-title span[lang="en"]')).to_have_text("La Pile annual report")
    page.locator(".documents").screenshot(path=artifacts / "project-documents-390.png")
    link = page.get_by_role("link", name="La Pile annual report")
    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "La Pile annual report.pdf"
