"""Brussels, London, the environment and the economy, for tests that build their own
site: they exist in the initial content too, so these tests start from an empty site."""

import pytest

from tests.factories import make_city, make_theme


@pytest.fixture
def city(empty_site):
    return make_city("brussels", name_nl="Brussel", name_fr="Bruxelles", name_en="Brussels")


@pytest.fixture
def london(empty_site):
    return make_city("london", name_nl="Londen", name_fr="Londres", name_en="London")


@pytest.fixture
def theme(empty_site):
    return make_theme(
        "environment", name_nl="Milieu", name_fr="Environnement", name_en="Environment"
    )


@pytest.fixture
def economy(empty_site):
    return make_theme("economy", name_nl="Economie", name_fr="Économie", name_en="Economy")
