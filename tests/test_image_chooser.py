"""The image chooser: staff find a library picture by its title or description in any
language, by collection, page by page, or upload one into the library from the
dialog (checked as every upload is, with the reason when it is refused); every
foreign key to a library picture in the admin is chosen with it."""

import json
import re

import pytest
from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse

from media.models import Collection, Image
from media.widgets import ImageChooser, ImageChooserAdmin
from tests.factories import LANGUAGES, make_editor, make_image
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db

CHOOSER = "admin:image_chooser"


def chooser(client, **params):
    response = client.get(reverse(CHOOSER), params)
    assert response.status_code == 200
    return response.content.decode()


def ids_in(html):
    return {int(found) for found in re.findall(r'class="chooser-item" value="(\d+)"', html)}


def test_a_picture_is_found_by_its_title_or_description_in_any_language(admin_client):
    market = make_image("market", **{f"alt_{LANGUAGES[-1]}": "Vegetables on the square"})
    make_image("river")
    assert ids_in(chooser(admin_client, q="vegetables", results=1)) == {market.pk}
    assert ids_in(chooser(admin_client, q=f"market ({LANGUAGES[1]})", results=1)) == {market.pk}
    # Whatever the accents and capitals.
    setattr(market, f"title_{LANGUAGES[0]}", "Marché du Midi")
    market.save()
    assert ids_in(chooser(admin_client, q="MARCHE midi", results=1)) == {market.pk}


def test_nothing_found_says_so(admin_client):
    make_image("market")
    html = chooser(admin_client, q="zeppelin", results=1)
    assert ids_in(html) == set()
    assert "No picture in the library has that in its title or description." in html


def test_a_collection_narrows_the_pictures(admin_client):
    reports = Collection.objects.create(name="Reports")
    inside = make_image("cover", collection=reports)
    make_image("other")
    html = chooser(admin_client, collection=reports.pk)
    assert ids_in(html) == {inside.pk}
    assert "Reports" in html


def test_the_library_comes_page_by_page(admin_client):
    made = [make_image(f"pagetest {number}", size=(40, 30)) for number in range(26)]
    first = chooser(admin_client, q="pagetest")
    assert len(ids_in(first)) == 24
    assert "Page 1 of 2." in first
    assert "Next page" in first
    second = chooser(admin_client, q="pagetest", page=2, results=1)
    assert ids_in(second) == {made[0].pk, made[1].pk}
    assert "Previous page" in second


def test_the_dialog_offers_ticks_when_several_pictures_are_wanted(admin_client):
    make_image("market")
    html = chooser(admin_client, multiple=1)
    assert 'type="checkbox"' in html
    assert "Add the chosen pictures" in html


def test_a_picture_is_described_for_the_text_editor(admin_client):
    image = make_image("market")
    response = admin_client.get(reverse(CHOOSER), {"describe": image.pk})
    described = json.loads(response.content)
    assert described["id"] == image.pk
    assert described["title"] == "market (en)"
    assert described["src"].startswith("/media/")
    assert admin_client.get(reverse(CHOOSER), {"describe": 999999}).status_code == 404


def test_staff_without_the_library_cannot_open_it(client):
    staff = make_editor("no-library")
    staff.user_permissions.clear()
    staff.groups.clear()
    client.force_login(staff)
    assert client.get(reverse(CHOOSER)).status_code == 403
    upload_url = reverse("admin:image_chooser_upload")
    assert client.post(upload_url, {"file": upload()}).status_code == 403


# Uploading from the dialog.


def test_an_uploaded_picture_joins_the_library_and_is_chosen(admin_client, admin_user):
    response = admin_client.post(
        reverse("admin:image_chooser_upload"),
        {"file": upload("Square_in-May.jpg", image_bytes((80, 60))), "alt": "The square"},
    )
    assert response.status_code == 201
    chosen = response.json()
    image = Image.objects.get(pk=chosen["id"])
    assert chosen["title"] == image.title_en == "Square in May"
    assert image.alt_en == "The square"
    assert (image.width, image.height) == (80, 60)
    assert image.uploaded_by == admin_user


def test_a_file_that_is_no_picture_is_refused_with_the_reason_and_nothing_saved(admin_client):
    count = Image.objects.count()
    response = admin_client.post(
        reverse("admin:image_chooser_upload"),
        {
            "file": upload("notes.jpg", b"<svg onload=alert(1)>", "image/jpeg"),
            "alt": "Notes",
            "title": "My notes",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This file is not a JPEG, PNG or WebP image." in html
    assert "The picture was not uploaded" in html
    # What was typed is still there.
    assert 'value="My notes"' in html
    assert Image.objects.count() == count


def test_the_refusal_is_in_the_staffs_language(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fr"
    response = admin_client.post(
        reverse("admin:image_chooser_upload"),
        {"file": upload("notes.jpg", b"not an image"), "alt": "x"},
    )
    assert response.status_code == 400
    assert "This file is not a JPEG" not in response.content.decode()


def test_a_picture_needs_its_description(admin_client):
    response = admin_client.post(reverse("admin:image_chooser_upload"), {"file": upload("a.jpg")})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


# The widget and the admin.


class CoverForm(forms.Form):
    cover = forms.ModelChoiceField(Image.objects.all(), widget=ImageChooser(), required=False)


def test_the_field_shows_the_chosen_picture_and_its_buttons():
    image = make_image("market")
    html = str(CoverForm(initial={"cover": image.pk})["cover"])
    assert "market (en)" in html
    assert '<img src="/media/' in html
    assert "Choose a picture" in html
    assert "Clear" in html
    assert f'value="{image.pk}"' in html
    assert reverse(CHOOSER) in html


def test_without_javascript_the_picture_is_chosen_by_its_number():
    image = make_image("market")
    html = str(CoverForm()["cover"])
    assert 'type="number"' in html
    assert "No picture chosen" in html
    form = CoverForm({"cover": str(image.pk)})
    assert form.is_valid()
    assert form.cleaned_data["cover"] == image
    assert not CoverForm({"cover": "999999"}).is_valid()


def test_every_key_to_a_library_picture_gets_the_chooser_without_being_named(rf):
    cover = models.ForeignKey(Image, on_delete=models.PROTECT, null=True, blank=True)
    cover.set_attributes_from_name("cover")
    title = models.CharField(max_length=10)
    title.set_attributes_from_name("title")

    class SomeAdmin(ImageChooserAdmin, admin.ModelAdmin):
        pass

    model_admin = SomeAdmin(Image, admin.site)
    request = rf.get("/")
    assert isinstance(model_admin.formfield_for_dbfield(cover, request).widget, ImageChooser)
    assert not isinstance(model_admin.formfield_for_dbfield(title, request).widget, ImageChooser)


def keys_to_pictures(request):
    """Each (model admin or inline, field) of the admin that points at a library picture:
    none before the covers, galleries and logos move into the library."""
    for model_admin in admin.site._registry.values():
        for owner in [model_admin, *model_admin.get_inline_instances(request)]:
            for field in owner.model._meta.concrete_fields:
                if field.many_to_one and field.related_model is Image:
                    yield owner, field


def test_the_admins_keys_to_pictures_all_use_the_chooser(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    for owner, field in keys_to_pictures(request):
        formfield = owner.formfield_for_dbfield(field, request)
        assert isinstance(formfield.widget, ImageChooser), f"{owner.model.__name__}.{field.name}"


def test_an_inline_gets_the_chooser_from_the_screen_it_is_on(rf, admin_user):
    cover = models.ForeignKey(Image, on_delete=models.PROTECT, null=True, blank=True)
    cover.set_attributes_from_name("cover")

    class SomeInline(admin.TabularInline):
        model = Image

    class SomeAdmin(ImageChooserAdmin, admin.ModelAdmin):
        inlines = [SomeInline]

    request = rf.get("/")
    request.user = admin_user
    [inline] = SomeAdmin(Image, admin.site).get_inline_instances(request)
    assert isinstance(inline.formfield_for_dbfield(cover, request).widget, ImageChooser)
