"""Translating one item into one language beside its source: the translate view saves
that language's texts only, and says what changed in a source since its translation."""

import pytest
from django.urls import reverse
from reversion.models import Version

from projects.models import Project
from tests.admin_forms import form_values
from tests.factories import LANGUAGES, add_gallery, make_project, make_translator
from translations.status import COMPLETE, MISSING, STALE, field_status

# Three of the site's languages, however many it has.
SOURCE, TARGET, OTHER = LANGUAGES[:3]


def translate_url(obj, language=TARGET):
    opts = obj._meta
    return reverse("admin:translate", args=[opts.app_label, opts.model_name, obj.pk, language])


def open_form(client, obj, language=TARGET):
    response = client.get(translate_url(obj, language))
    assert response.status_code == 200
    return response, form_values(response.content.decode(), "translate_form")


def post(client, obj, language=TARGET, **changes):
    _response, data = open_form(client, obj, language)
    data.update({name: [value] for name, value in changes.items()})
    return client.post(translate_url(obj, language), data)


@pytest.fixture
def translator(client, db):
    client.force_login(make_translator(TARGET))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def stale_project(db):
    project = make_project()
    project.title_nl = "Buurtfabriek van Brussel"
    project.save()
    return project


def test_the_source_stands_beside_the_field_with_the_stale_changes(translator, stale_project):
    response, _data = open_form(translator, stale_project)
    html = response.content.decode()
    assert f'<div class="translate-source-text" lang="{SOURCE}">Buurtfabriek van Brussel' in html
    assert 'class="translation-status stale">out of date' in html
    assert "Buurtfabriek <ins>van Brussel</ins>" in html
    assert f'<div class="translate-target" lang="{TARGET}"' in html
    assert 'name="still_correct" value="title_fr"' in html


def test_rich_text_is_translated_beside_each_of_its_paragraphs(translator, stale_project):
    response, data = open_form(translator, stale_project)
    html = response.content.decode()
    assert f'lang="{SOURCE}">Bewoners bouwen samen aan hun buurten.</div>' in html
    # Its one paragraph has its own box, which holds the French so far.
    assert data[f"body_{TARGET}-1"] == [
        "Les habitants imaginent ensemble le développement de leurs quartiers."
    ]


def test_saving_writes_the_translation_and_brings_it_up_to_date(translator, stale_project):
    response = post(translator, stale_project, title_fr="Fabrique de quartier de Bruxelles")
    assert response.status_code == 302
    project = Project.objects.get(pk=stale_project.pk)
    assert project.title_fr == "Fabrique de quartier de Bruxelles"
    assert field_status(project, "title", TARGET) == COMPLETE
    assert field_status(project, "title", OTHER) == STALE


def test_still_correct_clears_a_stale_text_without_retyping_it(translator, stale_project):
    response = post(translator, stale_project, still_correct="title_fr")
    assert response.status_code == 302
    project = Project.objects.get(pk=stale_project.pk)
    assert project.title_fr == "Fabrique de quartier"
    assert field_status(project, "title", TARGET) == COMPLETE


def test_a_crafted_post_for_another_language_or_the_status_is_refused(translator, stale_project):
    response = post(
        translator,
        stale_project,
        title_fr="Nouveau",
        title_nl="Overschreven",
        status="draft",
    )
    assert response.status_code == 400
    assert "nothing was saved" in response.content.decode()
    project = Project.objects.get(pk=stale_project.pk)
    assert (project.title_nl, project.title_fr, project.status) == (
        "Buurtfabriek van Brussel",
        "Fabrique de quartier",
        "published",
    )


def test_a_refused_form_keeps_what_was_typed(translator, stale_project):
    response = post(translator, stale_project, title_fr="Mon nouveau titre", status="draft")
    assert 'value="Mon nouveau titre"' in response.content.decode()


def test_the_save_is_a_revision_with_the_translator_and_a_comment(translator, stale_project):
    post(translator, stale_project, teaser_fr="Un atelier pour tout Bruxelles.")
    revision = Version.objects.get_for_object(stale_project).first().revision
    assert revision.user.username == "traductrice"
    assert revision.comment == "Translated into French: Teaser"


def test_a_translator_into_one_language_may_not_translate_another(translator, stale_project):
    assert translator.get(translate_url(stale_project, OTHER)).status_code == 403


def test_a_translation_saved_meanwhile_is_not_overwritten(translator, stale_project):
    _response, data = open_form(translator, stale_project)
    post(translator, stale_project, title_fr="Premier")
    data["title_fr"] = ["Second"]
    response = translator.post(translate_url(stale_project), data)
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    assert 'value="Second"' in response.content.decode()
    assert Project.objects.get(pk=stale_project.pk).title_fr == "Premier"


def test_a_projects_gallery_captions_are_translated_with_it(translator, db):
    project = make_project()
    add_gallery(project)
    image = project.images.first()
    name = f"galleryimage-{image.pk}-caption_fr"
    post(translator, project, **{name: "Une nouvelle légende"})
    image.refresh_from_db()
    assert image.caption_fr == "Une nouvelle légende"


def test_a_first_translation_of_the_title_gets_its_address(translator, db):
    project = make_project(languages=[SOURCE])
    assert field_status(project, "title", TARGET) == MISSING
    post(translator, project, **{"title_fr": "Fabrique", "body_fr-1": "Un texte."})
    project = Project.objects.get(pk=project.pk)
    assert project.slug_fr == "fabrique"
    assert project.exists_in(TARGET)


def test_the_change_form_links_to_the_translate_view(admin_client, stale_project):
    response = admin_client.get(f"/admin/projects/project/{stale_project.pk}/change/")
    assert translate_url(stale_project) in response.content.decode()
