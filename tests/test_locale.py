"""Every UI string is translated, and the committed catalogues are compiled from it."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_message_is_translated(language):
    catalogue = polib.pofile(LOCALE / language / "LC_MESSAGES" / "django.po")
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


@pytest.mark.parametrize("language", ["nl", "fr"])
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
