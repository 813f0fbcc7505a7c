"""What the rich text keeps when it is saved: tables among the editor's tags, and
nothing of a word processor's styles or of anything unsafe."""

from pathlib import Path

import pytest

from pages.models import Page
from tests.factories import LANGUAGES, make_page

pytestmark = pytest.mark.django_db

FILES = Path(__file__).resolve().parent / "files"


def saved_body(html):
    page = make_page("notes")
    setattr(page, f"body_{LANGUAGES[0]}", html)
    page.save()
    return getattr(Page.objects.get(pk=page.pk), f"body_{LANGUAGES[0]}")


def test_a_table_is_kept_with_merged_cells_only():
    html = (
        '<table class="MsoTableGrid" style="border:1px" onclick="steal()" border="1">'
        '<thead><tr><th colspan="2" style="width:3cm" scope="col">Place</th></tr></thead>'
        '<tbody><tr style="height:0pt"><td rowspan="1" width="302" valign="top">Anneessens'
        '</td><td background="javascript:alert(1)">Brussels</td></tr></tbody></table>'
    )
    assert saved_body(html) == (
        '<table><thead><tr><th colspan="2">Place</th></tr></thead>'
        '<tbody><tr><td rowspan="1">Anneessens</td><td>Brussels</td></tr></tbody></table>'
    )


def test_a_word_document_saved_as_it_is_keeps_its_table_and_loses_its_styles():
    saved = saved_body((FILES / "word-fragment.html").read_text(encoding="utf-8"))
    assert "<table>" in saved
    assert "<td>" in saved
    assert "Anneessens, Brussels" in saved
    assert '<a href="https://www.citymined.org/projects/">' in saved
    for leftover in ("<style", "style=", "class=", "mso-", "<o:p", "<!--", "<span", "<meta"):
        assert leftover not in saved


def test_sub_and_superscript_are_kept_without_their_attributes():
    html = '<p>H<sub class="x">2</sub>O and 120 m<sup style="color:red">2</sup></p>'
    assert saved_body(html) == "<p>H<sub>2</sub>O and 120 m<sup>2</sup></p>"
