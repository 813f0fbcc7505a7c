"""Every UI string is translated, and the committed catalogues are compiled from it."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

from tests.factories import LANGUAGES

LOCALE = Path(__file__).resolve().parent.parent / "locale"
# UI strings are written in English; every other language of the site has a catalogue.
CATALOGUED = [code for code in LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", CATALOGUED)
def test_every_message_is_translated(language):
    catalogue = polib.pofile(LOCALE / language / "LC_MESSAGES" / "django.po")
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


@pytest.mark.parametrize("language", CATALOGUED)
def test_compiled_catalogue_matches_the_po_file(language):
    folder = LOCALE / language / "LC_MESSAGES"
    source = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(folder / "django.po") if e.msgid}
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(folder / "django.mo") if e.msgid
    }
    assert compiled == source, "run `make messages` and commit locale/*/django.mo"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "Vertaling volgt"), ("fr", "Traduction en cours"), ("en", "Translation in progress")],
)
def test_known_string_in_each_language(language, expected):
    with translation.override(language):
        assert translation.gettext("Translation in progress") == expected


@pytest.mark.parametrize("language", CATALOGUED)
def test_plural_messages_have_every_form_the_language_counts(language):
    # French counts three forms (one, many for millions, other): a missing form makes
    # "2 projets" fall back to the Dutch "2 projecten".
    catalogue = polib.pofile(LOCALE / language / "LC_MESSAGES" / "django.po")
    forms = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    incomplete = [
        entry.msgid
        for entry in catalogue
        if entry.msgid_plural and sorted(entry.msgstr_plural) != list(range(forms))
    ]
    assert incomplete == []


@pytest.mark.parametrize(
    ("language", "expected"), [("nl", "2 projecten"), ("fr", "2 projets"), ("en", "2 projects")]
)
def test_counts_read_in_the_visitors_language(language, expected):
    with translation.override(language):
        text = translation.ngettext("%(counter)s project", "%(counter)s projects", 2)
    assert text % {"counter": 2} == expected
