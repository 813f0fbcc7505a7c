"""A translator may translate, nothing else: every other change a crafted request asks
for is refused on the server (403), not only hidden from the screens."""

import json

import pytest

from pages.models import Page
from projects.models import Partner, Project
from tests.admin_forms import (
    change_url,
    form_id,
    form_values,
    open_change_form,
    signed_in,
    versions_of,
)
from tests.factories import make_editor, make_image, make_translator
from translations.admin import translate_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(site_content):
    return signed_in(make_translator("fr"))


@pytest.fixture
def project(site_content):
    return Project.objects.published().first()


def editors_form(obj):
    """The change form as an editor's browser would post it back."""
    return open_change_form(signed_in(make_editor()), change_url(obj), form_id(obj))


def test_a_translator_reads_the_change_form_without_a_way_to_save(translator, project):
    response = translator.get(change_url(project))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        {"status": ["draft"]},
        {"title_fr": ["Titre remplacé"]},
        {"title_nl": ["Vervangen titel"]},
        {"slug_nl": ["vervangen"]},
    ],
    ids=["status", "own language", "other language", "other language's slug"],
)
def test_a_crafted_save_of_the_change_form_is_refused(translator, project, change):
    before = Project.objects.get(pk=project.pk)
    response = translator.post(change_url(project), {**editors_form(project), **change})
    assert response.status_code == 403
    after = Project.objects.get(pk=project.pk)
    assert (after.status, after.title_fr, after.title_nl, after.slug_nl) == (
        before.status,
        before.title_fr,
        before.title_nl,
        before.slug_nl,
    )


def test_a_crafted_image_change_is_refused(translator, site_content):
    partner = Partner.objects.exclude(logo=None).first()
    data = {**editors_form(partner), "logo": str(make_image("other logo").pk)}
    assert translator.post(change_url(partner), data).status_code == 403
    assert Partner.objects.get(pk=partner.pk).logo == partner.logo


def test_deleting_is_refused(translator, project):
    url = change_url(project).replace("/change/", "/delete/")
    assert translator.post(url, {"post": "yes"}).status_code == 403
    assert Project.objects.filter(pk=project.pk).exists()


def test_adding_is_refused(translator, site_content):
    response = translator.post("/admin/pages/page/add/", {"title_fr": ["Nouvelle"]})
    assert response.status_code == 403
    assert not Page.objects.filter(title_fr="Nouvelle").exists()


def test_reordering_partners_is_refused(translator, site_content):
    first, second = Partner.objects.all()[:2]
    moves = {"updatedItems": [[first.pk, second.order], [second.pk, first.order]]}
    response = translator.post(
        "/admin/projects/partner/adminsortable2_update/",
        json.dumps(moves),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert list(Partner.objects.all()[:2]) == [first, second]


def test_reordering_the_menu_from_the_list_is_refused(translator, about):
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(about.pk),
        "form-0-menu_order": "99",
        "_save": "Save",
    }
    assert translator.post("/admin/pages/page/", data).status_code == 403
    assert Page.objects.get(pk=about.pk).menu_order == about.menu_order


def test_bringing_back_an_old_version_is_refused(translator, admin_client, about):
    data = open_change_form(admin_client, change_url(about), form_id(about))
    admin_client.post(change_url(about), {**data, "title_en": ["About us"]})
    version = versions_of(about)[0]
    restore = f"{change_url(about).removesuffix('change/')}history/{version.pk}/restore/"
    assert translator.post(restore).status_code == 403
    assert Page.objects.get(pk=about.pk).title_en == "About us"


def translate_form(client, obj, language):
    response = client.get(translate_url(obj, language))
    assert response.status_code == 200
    return form_values(response.content.decode(), "translate_form")


def test_a_translator_translates_a_funder_into_her_language(translator, site_content):
    partner = Partner.objects.exclude(logo=None).first()
    data = translate_form(translator, partner, "fr")
    data["acknowledgement_fr"] = ["Avec le soutien de la Région"]
    assert translator.post(translate_url(partner, "fr"), data).status_code == 302
    stored = Partner.objects.get(pk=partner.pk)
    assert stored.acknowledgement_fr == "Avec le soutien de la Région"
    assert (stored.logo, stored.order) == (partner.logo, partner.order)


def test_translating_into_another_language_is_refused(translator, project):
    assert translator.get(translate_url(project, "nl")).status_code == 403
    data = translate_form(translator, project, "fr")
    data = {name.replace("_fr", "_nl"): value for name, value in data.items()}
    assert translator.post(translate_url(project, "nl"), data).status_code == 403
    assert Project.objects.get(pk=project.pk).title_nl == project.title_nl


@pytest.mark.parametrize(
    "crafted",
    [
        {"status": ["draft"]},
        {"title_nl": ["Vervangen titel"]},
        {"slug_nl": ["vervangen"]},
        {"cover": ["projects/covers/other.jpg"]},
    ],
    ids=["status", "other language", "other language's slug", "image"],
)
def test_the_translate_view_refuses_anything_but_her_language(translator, project, crafted):
    data = translate_form(translator, project, "fr")
    data["title_fr"] = ["Titre remplacé"]
    response = translator.post(translate_url(project, "fr"), {**data, **crafted})
    assert response.status_code == 400
    after = Project.objects.get(pk=project.pk)
    assert (after.status, after.title_fr, after.title_nl, after.slug_nl, after.cover) == (
        project.status,
        project.title_fr,
        project.title_nl,
        project.slug_nl,
        project.cover,
    )
