import pytest

from pages.models import Page
from tests.factories import load_initial_data

pytestmark = pytest.mark.django_db


def test_loading_twice_creates_nothing_twice(site_content):
    count = Page.objects.count()
    load_initial_data()
    assert Page.objects.count() == count == 3


def test_loading_again_keeps_what_editors_changed(about):
    about.title_en = "Who we are"
    about.save()
    load_initial_data()
    about.refresh_from_db()
    assert about.title_en == "Who we are"


def test_loading_again_does_not_bring_back_a_deleted_page(about):
    about.children.all().delete()
    about.delete()
    load_initial_data()
    assert not Page.objects.filter(slug_en="about").exists()


def test_the_about_page_exists_in_dutch_and_english_only(about):
    assert about.languages() == ["nl", "en"]


def test_the_english_about_text_is_free_of_the_old_pages_typos(about):
    text = about.body_en
    for slip in ("Brussel ", "governements", "succesfully", "protoype", "authories"):
        assert slip not in text
    assert "based in Brussels and London" in text
