"""Links pasted anywhere keep working when an item is renamed, and say so when it is gone."""

import pytest

from pages.models import Page
from tests.factories import LANGUAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed_twice(db):
    """A page renamed twice in every language: first, second, then its current slugs."""
    page = Page.objects.create(
        status=Page.Status.PUBLISHED,
        show_in_menu=False,
        **{f"title_{code}": f"Title {code}" for code in LANGUAGES},
        **{f"body_{code}": f"<p>Text {code}</p>" for code in LANGUAGES},
        **{f"slug_{code}": f"first-{code}" for code in LANGUAGES},
    )
    for name in ("second", "third"):
        for code in LANGUAGES:
            setattr(page, f"slug_{code}", f"{name}-{code}")
        page.save()
    return page


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("former", ["first", "second"])
def test_every_former_address_leads_to_the_current_one(client, renamed_twice, language, former):
    response = client.get(f"/{language}/{former}-{language}/?utm_source=mail")
    assert response.status_code == 301
    assert response["Location"] == f"/{language}/third-{language}/?utm_source=mail"
    assert client.get(response["Location"]).status_code == 200


def test_a_former_address_in_another_language_leads_to_this_languages_address(
    client, renamed_twice
):
    source, target = LANGUAGES[0], LANGUAGES[1]
    response = client.get(f"/{target}/first-{source}/")
    assert response["Location"] == f"/{target}/third-{target}/"


def test_an_address_taken_over_by_another_page_leads_there(client, renamed_twice):
    code = LANGUAGES[0]
    newcomer = Page.objects.create(
        status=Page.Status.PUBLISHED,
        title_nl="Nieuw",
        body_nl="<p>Nieuw</p>",
        **{f"slug_{code}": f"first-{code}"},
    )
    response = client.get(f"/{code}/first-{code}/")
    assert response.status_code == 200
    assert response.context["object"] == newcomer


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_deleted_page_is_gone_at_every_address_it_had(client, renamed_twice, language):
    renamed_twice.delete()
    for name in ("first", "second", "third"):
        response = client.get(f"/{language}/{name}-{language}/")
        assert response.status_code == 410
        assert response.context["code"] == 410


def test_a_deleted_draft_was_never_public_and_is_simply_not_found(client, renamed_twice):
    renamed_twice.status = Page.Status.DRAFT
    renamed_twice.save()
    renamed_twice.delete()
    code = LANGUAGES[0]
    assert client.get(f"/{code}/third-{code}/").status_code == 404
