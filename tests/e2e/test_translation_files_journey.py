"""An editor hands the French texts to a translation tool and brings them back: from
the translations dashboard to a downloaded PO file, filled in as Poedit would, uploaded,
previewed and saved; both screens pass axe's checks."""

import polib
import pytest
from playwright.sync_api import expect

from projects.models import Project
from tests.e2e.axe import violations
from tests.e2e.helpers import log_in, save_screenshots, watch
from tests.factories import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_exports_translates_and_imports_a_po_file(editor, page, artifacts, tmp_path):
    project = make_project("zomerbar", languages=["nl"])
    problems = watch(page, editor.url)
    log_in(page, editor.url)
    page.goto(f"{editor.url}/admin/translations/")
    page.get_by_role("link", name="Export for translation").click()
    page.get_by_label("Translate into").select_option("fr")
    page.get_by_label("PO (Poedit, Weblate)").check()
    assert violations(page) == []
    save_screenshots(page, artifacts, "translation-export")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the file").click()
    exported = tmp_path / "fr.po"
    download.value.save_as(exported)

    catalogue = polib.pofile(str(exported))
    title = f"projects.project:{project.pk}:title"
    for entry in catalogue:
        if entry.msgctxt == title:
            entry.msgstr = "Bar d’été"
    # An entry left as its source (a tool's "copy source"): reported, not saved.
    same = next(entry for entry in catalogue if entry.msgctxt != title and entry.msgid)
    same.msgstr = same.msgid
    catalogue.save()

    page.goto(f"{editor.url}/admin/translations/import/")
    page.get_by_label("Translated into").select_option("fr")
    page.get_by_label("Translated file").set_input_files(str(exported))
    page.get_by_role("button", name="Check the file").click()
    preview = page.get_by_role("table", name="Changes to save")
    expect(preview).to_contain_text("Bar d’été")
    identical = page.get_by_role("group", name="Identical to the source")
    expect(identical.get_by_role("checkbox")).to_have_count(1)
    assert violations(page) == []
    save_screenshots(page, artifacts, "translation-import-preview")
    page.get_by_role("button", name="Save these translations").click()
    expect(page.locator(".messagelist")).to_contain_text("1 translation was saved.")
    expect(page.locator(".messagelist")).to_contain_text("1 entry identical to its source")
    assert Project.objects.get(pk=project.pk).title_fr == "Bar d’été"
    assert problems == []
