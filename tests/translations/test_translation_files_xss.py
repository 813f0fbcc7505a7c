"""Hostile text a translator's file brings in (issue 12): every payload, in every text
and rich-text field a file can translate, either is refused with the rest of its file
or reaches visitors' pages as harmless text; never as a script, an event handler or a
script address."""

from copy import deepcopy

import polib
import pytest
from django.urls import reverse
from django.utils import translation
from translate.storage import xliff

from content.models import url_in
from pages.models import Page
from projects.models import Partner, Project
from tests.factories import add_partner, make_page, make_partner, make_project
from tests.hostile.xss import PAYLOADS, problems_in
from translations.files import apply, check_file, export_entries, is_rich, write_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def dutch_only(site_content):
    """A project, its funder and a page written in Dutch, to be translated into French
    (they have French addresses already, so that titles do not make them)."""
    project = make_project("doelwit", languages=["nl"], slug_fr="doelwit-fr", teaser_nl="Een doel.")
    funder = make_partner("vijand", name_fr="", name_en="", description_nl="Steunt ons.")
    funder.acknowledgement_nl = "Met de steun van de vijand."
    funder.save()
    add_partner(project, funder)
    page = make_page("pagina", languages=["nl"], slug_fr="pagina-fr", description_nl="Over ons.")
    return {
        Project: Project.objects.filter(pk=project.pk),
        Partner: Partner.objects.filter(pk=funder.pk),
        Page: Page.objects.filter(pk=page.pk),
    }


def translated(selection, payload, file_format, rich):
    """A file of every French text of `selection` (rich texts only, or plain texts
    only), with `payload` typed as each translation, as a translator's tool saves it."""
    entries = [
        entry
        for entry in export_entries("fr", selection, everything=True)
        if entry_is_rich(entry) == rich
    ]
    exported = write_file(entries, "fr", file_format)
    if file_format == "po":
        catalogue = polib.pofile(exported.decode())
        for entry in catalogue:
            entry.msgstr, entry.flags = payload, []
        return str(catalogue).encode(), len(entries)
    store = xliff.xlifffile.parsestring(exported)
    for unit in store.units:
        if rich:
            payload_in_codes(unit, payload)
        else:
            unit.target = payload
        unit.xmlelement.find(unit.namespaced("target")).set("state", "translated")
    return bytes(store), len(entries)


def payload_in_codes(unit, payload):
    """`payload` as the text of a rich text's first inline code, the source's codes kept
    (the import refuses a translation that drops them)."""
    source = unit.xmlelement.find(unit.namespaced("source"))
    for old in unit.xmlelement.findall(unit.namespaced("target")):
        unit.xmlelement.remove(old)
    target = deepcopy(source)
    target.tag = unit.namespaced("target")
    first = next(target.iter(unit.namespaced("g")), target)
    first.text = payload
    source.addnext(target)


def entry_is_rich(entry):
    label, _pk, name, *_segment = entry.uid.split(":")
    return is_rich(next(m for m in (Project, Partner, Page) if m._meta.label_lower == label), name)


def french_pages(selection):
    """The pages that show every field translated: the project (with its funder's
    acknowledgement), the page, the supporters (the funder's name and description)."""
    with translation.override("fr"):
        yield reverse("supporters")
    for model in (Project, Page):
        yield url_in(selection[model].get(), "fr")


# PO carries rich text as HTML, which the import refuses when the sanitizer would strip
# some; XLIFF carries only text around the source's own codes, so a payload is text.
@pytest.mark.parametrize("file_format, some_refused", [("po", True), ("xliff", False)])
def test_no_payload_imported_from_a_file_runs_on_any_page(
    client, dutch_only, file_format, some_refused
):
    tried = written = refused = 0
    for payload in PAYLOADS:
        for rich in (False, True):
            content, fields = translated(dutch_only, payload, file_format, rich)
            plan = check_file(content, None, "fr")
            tried += fields
            if plan.refused:
                refused += fields
                continue
            apply(plan)
            written += fields
        for path in french_pages(dutch_only):
            response = client.get(path, follow=True)
            assert response.status_code == 200, (payload, path)
            assert problems_in(response.content.decode()) == [], (payload, path)
    assert len(PAYLOADS) >= 50
    assert tried >= 50 * 9
    assert written > refused
    assert (refused > 0) is some_refused
