"""Editors edit pages in the admin: one tab per language, clear errors, nothing lost."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from pages.models import Page
from tests.factories import LANGUAGES, prefer_admin_language

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title_nl": "Wijkkrant",
        "title_fr": "Gazette",
        "title_en": "Newsletter",
        "slug_nl": "wijkkrant",
        "slug_fr": "gazette",
        "slug_en": "newsletter",
        "body_nl": "<p>Tekst</p>",
        "body_fr": "<p>Texte</p>",
        "body_en": "<p>Text</p>",
        "description_nl": "",
        "description_fr": "",
        "description_en": "",
        "status": "published",
        "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00",
        "parent": "",
        "show_in_menu": "on",
        "menu_order": "5",
        "offered_documents-TOTAL_FORMS": "0",
        "offered_documents-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_change_form_has_every_language_field(admin_client, about):
    html = admin_client.get(f"/admin/pages/page/{about.pk}/change/").content.decode()
    for code in LANGUAGES:
        assert f'name="title_{code}"' in html
        assert f'name="slug_{code}"' in html
    assert "vendor/jquery-ui/jquery-ui.min" in html
    assert "googleapis" not in html


def test_editor_creates_a_page_and_visitors_see_it(admin_client, client, site_content):
    response = admin_client.post("/admin/pages/page/add/", form_data())
    assert response.status_code == 302
    assert client.get("/fr/gazette/").status_code == 200


def test_clashing_slug_shows_an_error_and_keeps_what_was_typed(admin_client, site_content):
    response = admin_client.post(
        "/admin/pages/page/add/", form_data(slug_fr="a-propos", body_en="<p>My draft text</p>")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Another page already uses this address." in html
    assert "My draft text" in html
    assert 'value="Gazette"' in html
    assert not Page.objects.filter(title_en="Newsletter").exists()


def test_slug_of_another_language_clashes_too(admin_client, site_content):
    response = admin_client.post("/admin/pages/page/add/", form_data(slug_en="over-ons"))
    assert "Another page already uses this address." in response.content.decode()


def test_invalid_slug_is_refused(admin_client, site_content):
    response = admin_client.post("/admin/pages/page/add/", form_data(slug_nl="niet geldig!"))
    assert response.status_code == 200
    assert 'name="slug_nl"' in response.content.decode()
    assert not Page.objects.filter(title_en="Newsletter").exists()


def test_admin_error_speaks_the_editors_language(admin_client, admin_user, site_content):
    prefer_admin_language(admin_user, "fr")
    response = admin_client.post("/admin/pages/page/add/", form_data(slug_fr="a-propos"))
    assert "Une autre page utilise déjà cette adresse." in response.content.decode()


def test_changelist_shows_translation_status_and_filters_missing(admin_client, site_content):
    html = admin_client.get("/admin/pages/page/?missing=fr").content.decode()
    assert "About City Mine(d)" in html
    assert "How we work" not in html


def test_view_on_site_previews_drafts(admin_client, about):
    about.status = about.Status.DRAFT
    about.save()
    response = admin_client.get(f"/admin/pages/page/{about.pk}/change/")
    assert "/en/about/?preview" in response.content.decode()


def test_a_page_with_sub_pages_cannot_become_a_sub_page(admin_client, about):
    other = Page.objects.create(title_en="Other", slug_en="other", status="published")
    data = form_data(
        title_nl=about.title_nl,
        title_fr=about.title_fr,
        title_en=about.title_en,
        slug_nl=about.slug_nl,
        slug_fr=about.slug_fr,
        slug_en=about.slug_en,
        parent=str(other.pk),
    )
    response = admin_client.post(f"/admin/pages/page/{about.pk}/change/", data)
    assert "This page has sub-pages, so it must stay at the top level." in (
        response.content.decode()
    )
    about.refresh_from_db()
    assert about.parent is None


def test_a_second_home_page_is_refused_with_a_clear_message(admin_client, site_content):
    response = admin_client.post("/admin/pages/page/add/", form_data(is_home="on"))
    assert "Only one page can be the home page." in response.content.decode()


def test_refused_save_names_each_field_with_its_language(admin_client, site_content):
    response = admin_client.post("/admin/pages/page/add/", form_data(slug_fr="a-propos"))
    summary = response.context["error_summary"]
    assert summary == [
        {
            "id": "id_slug_fr",
            "label": "Slug (French)",
            "message": "Another page already uses this address.",
        }
    ]
    html = response.content.decode()
    assert '<a href="#id_slug_fr">Slug (French)</a>: Another page already uses' in html


def test_a_page_can_be_written_in_french_only(admin_client, client, site_content):
    french_only = form_data(title_nl="", slug_nl="", body_nl="", title_en="", slug_en="")
    french_only["body_en"] = ""
    response = admin_client.post("/admin/pages/page/add/", french_only)
    assert response.status_code == 302
    assert client.get("/fr/gazette/").status_code == 200


def test_a_page_needs_a_title_in_some_language(admin_client, site_content):
    untitled = form_data(title_nl="", title_fr="", title_en="", status="draft")
    response = admin_client.post("/admin/pages/page/add/", untitled)
    assert response.status_code == 200
    assert response.context["error_summary"][0]["message"] == (
        "Give it a title, in at least one language."
    )


def test_publishing_needs_a_title_and_text_in_one_language(admin_client, site_content):
    titles_only = form_data(body_nl="", body_fr="", body_en="")
    response = admin_client.post("/admin/pages/page/add/", titles_only)
    assert response.status_code == 200
    assert [item["label"] for item in response.context["error_summary"]] == ["Status"]


def section_slugs():
    """(language, slug) of the site's other sections in each language: soutiens, …"""
    found = []
    for code in LANGUAGES:
        with translation.override(code):
            for name in ("supporters", "projects:list", "search:results"):
                found.append((code, reverse(name).strip("/").rsplit("/", 1)[-1]))
    return found


@pytest.mark.parametrize(("language", "slug"), section_slugs())
def test_a_section_address_is_reserved_in_every_column_and_admin_language(
    site_content, language, slug
):
    written = {}
    for code in LANGUAGES:
        written.update(
            {f"title_{code}": "News", f"slug_{code}": f"news-{code}", f"body_{code}": "<p>N</p>"}
        )
    for column in LANGUAGES:
        for active in LANGUAGES:
            page = Page(**{**written, f"slug_{column}": slug})
            with translation.override(active), pytest.raises(ValidationError) as refused:
                page.full_clean()
            assert f"slug_{column}" in refused.value.message_dict, (column, active)


def test_an_admin_in_one_language_refuses_another_languages_section_address(
    admin_client, admin_user, site_content
):
    prefer_admin_language(admin_user, LANGUAGES[0])
    (language, slug), *_ = [(c, s) for c, s in section_slugs() if c != LANGUAGES[0]]
    response = admin_client.post("/admin/pages/page/add/", form_data(**{f"slug_{language}": slug}))
    assert response.status_code == 200
    assert not Page.objects.filter(**{f"slug_{language}": slug}).exists()
