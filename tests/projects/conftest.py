import pytest

from tests.factories import make_city, make_theme


@pytest.fixture
def city(db):
    return make_city("brussels", name_nl="Brussel", name_fr="Bruxelles", name_en="Brussels")


@pytest.fixture
def london(db):
    return make_city("london", name_nl="Londen", name_fr="Londres", name_en="London")


@pytest.fixture
def theme(db):
    return make_theme(
        "environment", name_nl="Milieu", name_fr="Environnement", name_en="Environment"
    )


@pytest.fixture
def economy(db):
    return make_theme("economy", name_nl="Economie", name_fr="Économie", name_en="Economy")
