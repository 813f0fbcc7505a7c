"""French text is shown with a narrow no-break space before ? ! ; : and inside « »,
where editors type a plain space: a "?" never starts a line of its own. Tags, their
attributes and addresses are left as they are, and other languages are not touched."""

import pytest

from tests.factories import make_project

pytestmark = pytest.mark.django_db

NNBSP = "\u202f"


def main(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_the_initial_french_text_gets_narrow_spaces(client, site_content):
    html = main(client.get("/fr/projets/la-pile/").content.decode())
    assert f"une question{NNBSP}: qui construit la ville de demain{NNBSP}?" in html
    assert "demain ?" not in html


def test_french_rich_text_keeps_its_tags_and_addresses(client, empty_site):
    make_project(
        title_fr="Qui construit la ville ?",
        body_fr=(
            '<p>Voir <a href="https://example.org/page?a=1&amp;b=2" title="Note : lien">'
            "ce site</a> : à 14:30, « Bienvenue ! » ; R&amp;D ?</p>"
        ),
    )
    html = main(client.get("/fr/projets/fabrique-de-quartier/").content.decode())
    assert f"<h1>Qui construit la ville{NNBSP}?</h1>" in html
    assert '<a href="https://example.org/page?a=1&amp;b=2" title="Note : lien">' in html
    assert (
        f"ce site</a>{NNBSP}: à 14:30, «{NNBSP}Bienvenue{NNBSP}!{NNBSP}»{NNBSP}; R&amp;D{NNBSP}?"
    ) in html


def test_other_languages_keep_their_spaces(client, empty_site):
    make_project(title_en="Who builds the city ?", body_en="<p>Note : ours !</p>")
    html = main(client.get("/en/projects/neighbourhood-factory/").content.decode())
    assert "Who builds the city ?" in html
    assert "Note : ours !" in html
    assert NNBSP not in html


def test_french_text_shown_in_another_language_keeps_its_french_spacing(client, empty_site):
    make_project(languages=("fr",), body_fr="<p>Pourquoi ?</p>")
    html = main(client.get("/en/projects/fabrique-de-quartier/").content.decode())
    assert f"Pourquoi{NNBSP}?" in html
