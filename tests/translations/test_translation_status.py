"""Whether each translated field is complete, missing or stale in each language, as the
translators' screens (and the file round trip) read it from translations.status."""

import pytest
import reversion
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import Organisation
from media.models import Image
from pages.models import Page
from projects.models import City, GalleryImage, Partner, Project, Theme
from tests.factories import LANGUAGES, add_gallery, make_image, make_page, make_project
from translations.models import TranslationRecord
from translations.status import (
    COMPLETE,
    MISSING,
    STALE,
    field_status,
    mark_up_to_date,
    object_status,
    prefetch_status,
    record_translations,
    source_language,
    translatable_fields,
    translated_models,
    with_status,
)

# Three of the site's languages, however many it has.
SOURCE, TARGET, OTHER = LANGUAGES[:3]


def edit(obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    return obj


@pytest.mark.django_db
def test_a_project_written_in_every_language_at_once_is_complete_everywhere():
    project = make_project()
    assert source_language(project) == SOURCE
    assert {code: field_status(project, "title", code) for code in LANGUAGES} == dict.fromkeys(
        LANGUAGES, COMPLETE
    )


@pytest.mark.django_db
def test_editing_the_source_makes_its_translations_stale():
    project = make_project()
    edit(project, **{f"teaser_{SOURCE}": "Een nieuwe werkplaats voor heel Brussel."})
    assert field_status(project, "teaser", TARGET) == STALE
    assert field_status(project, "teaser", OTHER) == STALE
    assert field_status(project, "teaser", SOURCE) == COMPLETE
    assert field_status(project, "title", TARGET) == COMPLETE


@pytest.mark.django_db
def test_a_stale_translation_marked_still_correct_is_complete_again():
    project = make_project()
    edit(project, **{f"title_{SOURCE}": "Buurtfabriek!"})
    mark_up_to_date(project, "title", TARGET)
    assert field_status(project, "title", TARGET) == COMPLETE
    assert field_status(project, "title", OTHER) == STALE


@pytest.mark.django_db
def test_saving_a_new_translation_after_a_source_edit_brings_it_up_to_date():
    project = make_project()
    edit(project, **{f"title_{SOURCE}": "Buurtfabriek Brussel"})
    edit(Project.objects.get(pk=project.pk), **{f"title_{TARGET}": "Fabrique Bruxelles"})
    assert field_status(Project.objects.get(pk=project.pk), "title", TARGET) == COMPLETE


@pytest.mark.django_db
def test_saving_source_and_translation_together_leaves_the_translation_up_to_date():
    project = make_project()
    edit(
        project,
        **{f"title_{SOURCE}": "Buurtfabriek Brussel", f"title_{TARGET}": "Fabrique Bruxelles"},
    )
    assert field_status(project, "title", TARGET) == COMPLETE
    assert field_status(project, "title", OTHER) == STALE


@pytest.mark.django_db
def test_a_change_of_spacing_in_the_source_does_not_make_translations_stale():
    project = make_project()
    body = getattr(project, f"body_{SOURCE}")
    edit(project, **{f"body_{SOURCE}": body.replace("<p>", "<p>  ")})
    assert field_status(project, "body", TARGET) == COMPLETE


@pytest.mark.django_db
def test_translations_saved_before_records_were_kept_turn_stale_when_the_source_changes():
    project = make_project()
    TranslationRecord.objects.all().delete()
    edit(Project.objects.get(pk=project.pk), **{f"title_{SOURCE}": "Buurtfabriek 2"})
    project = Project.objects.get(pk=project.pk)
    assert field_status(project, "title", TARGET) == STALE
    assert TranslationRecord.objects.get(
        object_id=project.pk, field="title", language=TARGET
    ).source_text == ("Buurtfabriek")


@pytest.mark.django_db
def test_a_field_without_text_is_missing_and_empty_rich_text_counts_as_missing():
    project = make_project(**{f"teaser_{TARGET}": "", f"body_{TARGET}": "<p></p>"})
    assert field_status(project, "teaser", TARGET) == MISSING
    assert field_status(project, "body", TARGET) == MISSING


@pytest.mark.django_db
def test_a_field_no_language_has_text_in_has_nothing_to_translate():
    project = make_project()
    assert field_status(project, "cover_caption", TARGET) == COMPLETE
    assert field_status(project, "cover_caption", SOURCE) == COMPLETE


@pytest.mark.django_db
def test_the_source_language_is_the_one_an_item_was_first_written_in():
    project = make_project(languages=[TARGET])
    edit(project, **{f"title_{SOURCE}": "Vertaald", f"slug_{SOURCE}": "vertaald"})
    assert source_language(Project.objects.get(pk=project.pk)) == TARGET
    edit(project, **{f"title_{TARGET}": "Nouveau titre"})
    assert field_status(Project.objects.get(pk=project.pk), "title", SOURCE) == STALE


@pytest.mark.django_db
def test_the_source_language_is_complete_or_missing_never_stale():
    project = make_project(languages=[TARGET])
    assert field_status(project, "title", SOURCE) == MISSING
    assert field_status(project, "title", TARGET) == COMPLETE


@pytest.mark.django_db
def test_emptying_a_translation_makes_it_missing_and_forgets_its_record():
    project = make_project()
    edit(project, **{f"teaser_{TARGET}": ""})
    assert field_status(project, "teaser", TARGET) == MISSING
    assert not TranslationRecord.objects.filter(
        object_id=project.pk, field="teaser", language=TARGET
    ).exists()


@pytest.mark.django_db
def test_record_translations_says_who_translated_what():
    project = make_project()
    edit(project, **{f"title_{SOURCE}": "Buurtfabriek Brussel"})
    record_translations(project, {TARGET: ["title"]})
    assert field_status(project, "title", TARGET) == COMPLETE


@pytest.mark.django_db
def test_a_save_in_a_revision_records_its_user_as_the_translator(django_user_model):
    user = django_user_model.objects.create_user("traductrice")
    project = make_project()
    with reversion.create_revision():
        reversion.set_user(user)
        edit(project, **{f"title_{TARGET}": "Fabrique"})
    record = TranslationRecord.objects.get(
        content_type=ContentType.objects.get_for_model(Project),
        object_id=project.pk,
        field="title",
        language=TARGET,
    )
    assert record.translated_by == user


@pytest.mark.django_db
def test_a_project_counts_every_translated_field_with_its_gallery_images():
    project = make_project(**{f"teaser_{TARGET}": ""})
    add_gallery(project)
    counts = object_status(Project.objects.get(pk=project.pk), TARGET)
    # The pictures have their descriptions; their captions, empty in every language,
    # have nothing to translate.
    assert counts[MISSING] == 1
    assert counts[STALE] == 0
    # Its title and its one paragraph: fields no language has (its cover's texts) have
    # nothing to translate, and count for nothing.
    assert object_status(project, TARGET, include_parts=False)[COMPLETE] == 2


@pytest.mark.django_db
def test_a_gallery_image_without_a_translated_caption_counts_as_missing():
    project = make_project()
    add_gallery(project)
    image = project.images.first()
    edit(image, **{f"caption_{TARGET}": ""})
    assert object_status(Project.objects.get(pk=project.pk), TARGET)[MISSING] == 1


@pytest.mark.django_db
def test_a_picture_without_a_description_in_a_language_counts_as_missing_there():
    picture = make_image("plot", **{f"alt_{TARGET}": ""})
    described = make_image("street")
    assert field_status(picture, "alt", TARGET) == MISSING
    assert object_status(picture, TARGET)[MISSING] == 1
    both = Image.objects.filter(pk__in=[picture.pk, described.pk])
    assert list(with_status(both, TARGET, MISSING)) == [picture]


@pytest.mark.django_db
def test_every_text_of_every_kind_of_content_counts_and_slugs_do_not():
    assert set(translated_models()) >= {
        Page,
        Project,
        Partner,
        City,
        Theme,
        GalleryImage,
        Organisation,
        Image,
    }
    # The pictures' descriptions are the library's (Image), each counted once.
    assert set(translatable_fields(Project)) == {"title", "teaser", "body", "cover_caption"}
    assert set(translatable_fields(Partner)) == {"name", "description", "acknowledgement"}
    assert set(translatable_fields(GalleryImage)) == {"caption"}
    assert set(translatable_fields(Image)) == {"title", "alt", "caption", "credit"}
    assert set(translatable_fields(Page)) == {"title", "description", "body"}
    assert set(translatable_fields(Organisation)) == {"street", "locality"}


@pytest.mark.django_db
def test_each_language_has_its_translate_permission():
    names = dict(
        Permission.objects.filter(codename__startswith="translate_").values_list("codename", "name")
    )
    assert set(names) == {f"translate_{code}" for code in LANGUAGES}
    assert names[f"translate_{TARGET}"] == "Can translate into French"


def test_the_initial_content_has_no_stale_translation(site_content):
    for model in translated_models():
        for code in LANGUAGES:
            assert not with_status(model.objects.all(), code, STALE).exists()


def test_statuses_of_many_items_take_a_fixed_number_of_queries(site_content):
    make_page("extra")
    for number in range(5):
        add_gallery(make_project(f"p{number}"))
    projects = list(Project.objects.all())
    with CaptureQueriesContext(connection) as queries:
        prefetch_status(projects)
        for project in projects:
            object_status(project, TARGET)
    assert len(queries) <= 5
