"""The admin's search finds a word in every translated text of an item, in any
language, whatever its accents and capitals (issue 21)."""

import pytest

from tests.factories import make_page, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def la_pile(empty_site):
    return make_project(
        "la-pile",
        title_fr="La Pile",
        body_fr="<p>Notre méthode: une pile de briques.</p>",
        body_nl="<p>Een stapel bakstenen in <strong>Sint-Gillis</strong>.</p>",
        teaser_en="A heap of bricks",
    )


@pytest.fixture
def other(empty_site):
    return make_project("andere", body_fr="<p>Un autre projet.</p>")


def found(client, path, words):
    response = client.get(path, {"q": words})
    assert response.status_code == 200
    return {str(obj) for obj in response.context["cl"].result_list}


@pytest.mark.parametrize(
    "words",
    [
        "methode",
        "MÉTHODE",
        "Sint-Gillis",
        "sint-gillis",
        "heap of",
        "pile methode",
        '"notre methode"',
    ],
)
def test_a_project_is_found_by_any_word_of_its_texts(admin_client, la_pile, other, words):
    assert found(admin_client, "/admin/projects/project/", words) == {str(la_pile)}


def test_every_word_must_be_found(admin_client, la_pile, other):
    assert found(admin_client, "/admin/projects/project/", "methode absent") == set()


def test_an_unfinished_quote_is_searched_for_as_typed(admin_client, la_pile):
    assert found(admin_client, "/admin/projects/project/", '"methode') == set()


def test_a_page_is_found_by_its_description_too(admin_client, empty_site):
    page = make_page("werkwijze", description_fr="Une démarche collective")
    make_page("ander")
    assert found(admin_client, "/admin/pages/page/", "demarche") == {str(page)}
