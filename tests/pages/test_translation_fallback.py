"""Missing translations are shown in another language, and said so."""

import pytest

pytestmark = pytest.mark.django_db


def test_french_about_page_shows_english_text_with_notice(client, site_content):
    html = client.get("/fr/a-propos/").content.decode()
    assert "<h1>À propos de City Mine(d)</h1>" in html
    assert '<div class="fallback" lang="en">' in html
    assert "Traduction en cours.</strong> Ce texte est affiché en anglais." in html
    assert "City Mine(d) is an international organisation based in Brussels and London" in html


def test_french_about_page_shows_the_french_address(client, site_content):
    html = client.get("/fr/a-propos/").content.decode()
    assert "Place du Samedi 13" in html
    assert "1000 Bruxelles" in html


@pytest.mark.parametrize("path", ["/nl/over-ons/", "/en/about/", "/fr/methode/"])
def test_no_notice_where_the_translation_exists(client, site_content, path):
    html = client.get(path).content.decode()
    assert 'class="fallback"' not in html


def test_dutch_about_page_has_the_four_sections(client, site_content):
    html = client.get("/nl/over-ons/").content.decode()
    for heading in [
        "Gemeenschappelijke taal",
        "Heterogene coalities",
        "Neutrale plekken",
        "Prototypes",
    ]:
        assert f"<h2>{heading}</h2>" in html
    assert "Zaterdagplein 13" in html
    assert "info@citymined.org" in html


@pytest.mark.parametrize("empty", ["", "<p></p>", "<p> &nbsp; </p>", "  "])
def test_empty_rich_text_counts_as_missing(client, about, empty):
    about.body_nl = empty
    about.save()
    html = client.get("/nl/over-ons/").content.decode()
    assert '<div class="fallback" lang="en">' in html
    assert "Vertaling volgt" in html
    assert not about.exists_in("nl")


def test_missing_title_falls_back_with_its_language(client, about):
    about.title_fr = ""
    about.save()
    html = client.get("/fr/a-propos/").content.decode()
    assert '<h1><span lang="en">About City Mine(d)</span></h1>' in html


def test_rich_text_saved_by_code_is_sanitized_too(about):
    about.body_en = '<p onclick="steal()">Hi<script>alert(1)</script></p>'
    about.save()
    about.refresh_from_db()
    assert about.body_en == "<p>Hi</p>"
    assert about.body_nl.startswith("<p>City Mine(d) is een")


def test_menu_title_missing_in_french_is_marked_with_its_language(client, about):
    about.title_fr = ""
    about.save()
    html = client.get("/fr/").content.decode()
    assert '<span lang="en">About City Mine(d)</span>' in html
