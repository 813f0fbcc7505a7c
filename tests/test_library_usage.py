"""Each picture says where it is used (rows that point to it, whatever their model,
and rich texts that show it), and one in use cannot be deleted, alone or with others.

The rows that point to a picture are made by models of this test's own (a poster, a
page's gallery row), so that the list is shown to find relations without knowing
them; their tables exist for these tests only."""

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import reverse
from django.utils import translation

from media.models import Image
from media.usage import use_counts, uses_of
from pages.models import Page
from tests.admin_forms import change_url
from tests.factories import make_image, make_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def uses(db):
    """Two models that use pictures: a poster (a model of its own) and a page's gallery
    row (a part of a page, deleted with it)."""

    class Poster(models.Model):
        name = models.CharField(max_length=50)
        picture = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="+")

        class Meta:
            app_label = "media"

        def __str__(self):
            return self.name

    class PageGalleryRow(models.Model):
        page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
        picture = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="+")

        class Meta:
            app_label = "media"
            verbose_name = "gallery picture"

        def __str__(self):
            return f"picture {self.pk}"

    made = [Poster, PageGalleryRow]
    with connection.schema_editor() as editor:
        for model in made:
            editor.create_model(model)
    Image._meta._expire_cache()
    yield {"Poster": Poster, "PageGalleryRow": PageGalleryRow}
    with connection.schema_editor() as editor:
        for model in made:
            editor.delete_model(model)
    for model in made:
        del apps.all_models["media"][model._meta.model_name]
    apps.clear_cache()
    Image._meta._expire_cache()


def show_in_text(item, image, language):
    """`image` in `item`'s text, as the text editor's picture stores it. (Written past
    the sanitizer, which is not this test's subject.)"""
    body = f'<p>Before</p><figure data-image="{image.pk}"></figure><p>After</p>'
    type(item).objects.filter(pk=item.pk).update(**{f"body_{language}": body})


def confirmation(client, image):
    return " ".join(
        client.get(reverse("admin:media_image_delete", args=[image.pk])).content.decode().split()
    )


@pytest.fixture
def staff(admin_client):
    return admin_client


def test_every_use_is_listed_with_the_item_staff_edit(uses, staff):
    image, other = make_image("terrace"), make_image("other")
    page = make_page("garden")
    uses["Poster"].objects.create(name="Summer poster", picture=image)
    row = uses["PageGalleryRow"].objects.create(page=page, picture=image)
    show_in_text(page, image, "fr")
    show_in_text(page, image, "en")
    # data-image="1" must not be found in data-image="12".
    show_in_text(make_page("elsewhere"), other, "nl")

    with translation.override("en"):
        found = [(use.item, use.where) for use in uses_of(image)]
    assert found == [
        (uses["Poster"].objects.get(), "Picture"),
        (page, f"Gallery picture “picture {row.pk}”"),
        (page, "Text (French, English)"),
    ]
    assert use_counts([image, other]) == {image.pk: 3, other.pk: 1}

    html = " ".join(staff.get(change_url(image)).content.decode().split())
    assert "Where it is used" in html
    assert f'Page <a href="{change_url(page)}">“{page}”</a> (Text (French, English))' in html
    assert "“Summer poster” (Picture)" in html
    listed = " ".join(staff.get(reverse("admin:media_image_changelist")).content.decode().split())
    assert "3 places" in listed


def test_a_picture_in_use_cannot_be_deleted_and_the_page_says_where(uses, staff):
    image = make_image("terrace")
    page = make_page("garden")
    uses["PageGalleryRow"].objects.create(page=page, picture=image)
    html = confirmation(staff, image)
    assert "is used in these places, so it cannot be deleted" in html
    assert f'<a href="{change_url(page)}">“{page}”</a>' in html
    assert "Yes, I’m sure" not in html
    staff.post(reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()


def test_a_picture_shown_only_in_a_text_cannot_be_deleted_either(staff):
    image = make_image("terrace")
    page = make_page("garden")
    show_in_text(page, image, "nl")
    html = confirmation(staff, image)
    assert f'<a href="{change_url(page)}">“{page}”</a> (Text (Dutch))' in html
    staff.post(reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()


def test_deleting_several_refuses_while_one_is_used_and_names_it(staff):
    used, unused = make_image("terrace"), make_image("crowd")
    page = make_page("garden")
    show_in_text(page, used, "en")
    data = {"action": "delete_selected", "_selected_action": [used.pk, unused.pk]}
    html = " ".join(
        staff.post(reverse("admin:media_image_changelist"), data).content.decode().split()
    )
    assert "cannot be deleted" in html
    assert f"“{used}”: Page" in html
    staff.post(reverse("admin:media_image_changelist"), {**data, "post": "yes"})
    assert Image.objects.count() == 2


def test_a_picture_used_nowhere_is_deleted(staff):
    image = make_image("terrace")
    html = confirmation(staff, image)
    assert "Yes, I’m sure" in html
    staff.post(reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"})
    assert not Image.objects.filter(pk=image.pk).exists()


def test_a_document_linked_from_a_text_is_used_there(staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from media.models import Document

    report = Document.objects.create(
        title_en="Annual report",
        file=SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    page = make_page("reports")
    Page.objects.filter(pk=page.pk).update(
        body_en=f'<p>Read <a data-document="{report.pk}" href="#">the report</a>.</p>'
    )
    with translation.override("en"):
        assert [(use.item, use.where) for use in uses_of(report)] == [(page, "Text (English)")]
    html = " ".join(staff.get(change_url(report)).content.decode().split())
    assert f'<a href="{change_url(page)}">“{page}”</a> (Text (English))' in html
