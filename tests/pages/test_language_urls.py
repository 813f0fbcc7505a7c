"""Visitors land in their language and every address has a version in each language."""

import pytest

from tests.factories import LANGUAGES

pytestmark = pytest.mark.django_db


def test_root_redirects_to_dutch_by_default(client, site_content):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_root_follows_the_browser_language(client, site_content):
    response = client.get("/", headers={"accept-language": "fr-BE,fr;q=0.9,en;q=0.5"})
    assert response["Location"] == "/fr/"


def test_root_prefers_the_language_chosen_earlier(client, site_content):
    client.cookies["django_language"] = "en"
    response = client.get("/", headers={"accept-language": "fr"})
    assert response["Location"] == "/en/"


def test_reading_a_page_sets_no_cookie(client, site_content):
    response = client.get("/fr/a-propos/")
    assert not response.cookies
    assert client.get("/")["Location"] == "/nl/"


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/nl/", "Stedelijke ontwikkeling, een zaak van iedereen"),
        ("/fr/", "Le développement urbain, l&#x27;affaire de tous"),
        ("/en/", "Urban development, everyone&#x27;s business"),
        ("/nl/over-ons/", "Over City Mine(d)"),
        ("/fr/a-propos/", "À propos de City Mine(d)"),
        ("/en/about/", "About City Mine(d)"),
        ("/nl/werkwijze/", "Onze werkwijze"),
        ("/fr/methode/", "Notre méthode"),
        ("/en/how-we-work/", "How we work"),
    ],
)
def test_each_page_in_each_language(client, site_content, path, title):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{path[1:3]}">' in html
    assert f"<h1>{title}</h1>" in html


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/fr/over-ons/", "/fr/a-propos/"),
        ("/fr/about/", "/fr/a-propos/"),
        ("/nl/about/", "/nl/over-ons/"),
        ("/en/a-propos/", "/en/about/"),
        ("/en/werkwijze/", "/en/how-we-work/"),
    ],
)
def test_another_languages_slug_redirects_permanently(client, site_content, path, target):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target


def test_unprefixed_page_address_picks_the_visitors_language(client, site_content):
    response = client.get("/over-ons/", headers={"accept-language": "fr"}, follow=True)
    assert response.redirect_chain[-1][0] == "/fr/a-propos/"


NOT_FOUND = {"nl": "Pagina niet gevonden", "fr": "Page introuvable", "en": "Page not found"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_page_is_a_404_in_the_visitors_language(client, site_content, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    # A language added since this test was written has its own words for it.
    if language in NOT_FOUND:
        assert NOT_FOUND[language] in html


def test_draft_page_is_a_404(client, about):
    about.status = about.Status.DRAFT
    about.save()
    assert client.get("/en/about/").status_code == 404
    assert client.get("/fr/a-propos/").status_code == 404


def test_page_scheduled_for_later_is_a_404(client, about):
    from datetime import timedelta

    from django.utils import timezone

    about.published_at = timezone.now() + timedelta(days=1)
    about.save()
    assert client.get("/en/about/").status_code == 404


def test_staff_preview_a_draft_without_indexing(admin_client, about):
    about.status = about.Status.DRAFT
    about.save()
    response = admin_client.get("/en/about/?preview")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "not published" in response.content.decode()


def test_visitor_cannot_preview_a_draft(client, about):
    about.status = about.Status.DRAFT
    about.save()
    assert client.get("/en/about/?preview").status_code == 404


def test_odd_slugs_are_404_not_500(client, site_content):
    for path in ["/nl/%C3%A9t%C3%A9/", "/fr/a%00b/", "/en/" + "x" * 500 + "/"]:
        assert client.get(path).status_code == 404
