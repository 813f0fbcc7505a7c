"""The library's admin: many pictures uploaded at once, each with its own result; the
same file never stored twice; the list, its search and filter; the focal point; the
translation dashboard counting the pictures' descriptions."""

import hashlib

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags

from media.models import Collection, Document, Image
from tests.admin_forms import (
    change_url,
    open_change_form,
    refused_keeping_the_upload,
    signed_in,
)
from tests.factories import LANGUAGES, make_image
from tests.images import image_bytes, png_claiming, upload

pytestmark = pytest.mark.django_db

IMAGE_UPLOAD = "admin:media_image_upload"


@pytest.fixture
def new_images():
    """The pictures a test added, in order: the initial content's are in the library."""
    before = list(Image.objects.values_list("pk", flat=True))
    return lambda: Image.objects.exclude(pk__in=before).order_by("pk")


def send(client, *files, collection=None, one=False):
    data = {"files": list(files), "collection": collection.pk if collection else ""}
    if one:
        data["one"] = "1"
    return client.post(reverse(IMAGE_UPLOAD), data)


def text_of(response):
    return " ".join(response.content.decode().split())


def words_of(response):
    """What the page says, without its markup."""
    return " ".join(strip_tags(response.content.decode()).split())


def test_the_list_offers_the_upload_screen(admin_client):
    html = admin_client.get(reverse("admin:media_image_changelist")).content.decode()
    assert reverse(IMAGE_UPLOAD) in html
    assert "Upload pictures" in html
    page = admin_client.get(reverse(IMAGE_UPLOAD))
    assert page.status_code == 200
    assert 'type="file" name="files" id="id_files" multiple' in page.content.decode()


def test_three_files_sent_together_give_three_results_and_the_bad_one_loses_nothing(
    admin_client, admin_user, new_images
):
    collection = Collection.objects.create(name_en="Summer bar")
    first = image_bytes((640, 480))
    response = send(
        admin_client,
        upload("terrace_at-night.jpg", first),
        upload("crowd.png", image_bytes((300, 200), "PNG"), "image/png"),
        upload("minutes.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        collection=collection,
    )
    html, words = text_of(response), words_of(response)
    assert response.status_code == 200
    assert words.count("Added.") == 2
    assert "minutes.pdf Not added: This file is not a JPEG, PNG or WebP image." in words
    terrace, crowd = new_images()
    assert [terrace.width, crowd.width] == [640, 300]
    # A first title from the file's name, in the editor's language and the default
    # one: the others are still to write, and the translation status says so.
    titles = {code: getattr(terrace, f"title_{code}") or "" for code in LANGUAGES}
    shown_in = {"en", settings.MODELTRANSLATION_DEFAULT_LANGUAGE}
    assert titles == {code: "terrace at night" if code in shown_in else "" for code in LANGUAGES}
    assert {terrace.collection, crowd.collection} == {collection}
    assert terrace.uploaded_by == admin_user
    assert terrace.checksum == hashlib.sha256(first).hexdigest()
    # Each links to its form, to be described; the list of the new ones too.
    assert change_url(terrace) in html
    assert f"?id__in={terrace.pk},{crowd.pk}" in html


def test_one_file_sent_alone_is_answered_with_its_own_result(admin_client, new_images):
    response = send(admin_client, upload("one.jpg"), one=True)
    html = text_of(response)
    assert html.startswith('<li class="upload-result upload-added"')
    assert "<html" not in html
    refused = text_of(send(admin_client, upload("two.jpg", b"not a picture"), one=True))
    assert refused.startswith('<li class="upload-result upload-refused"')
    assert "This file is not a JPEG, PNG or WebP image." in refused
    assert new_images().count() == 1


def test_each_refused_file_says_why_in_its_own_words(admin_client, settings, new_images):
    settings.IMAGE_UPLOAD_MAX_BYTES = 20_000
    html = words_of(
        send(
            admin_client,
            upload("huge.jpg", image_bytes((2000, 1500), quality=100)),
            upload("bomb.png", png_claiming(100_000, 100_000), "image/png"),
            upload("page.html", b"<script>alert(1)</script>", "text/html"),
            upload("fine.jpg", image_bytes((80, 60))),
        )
    )
    assert "huge.jpg Not added: This file is" in html
    assert "an image may be at most" in html
    assert "bomb.png Not added: This image has too many pixels" in html
    assert "page.html Not added: This file is not a JPEG, PNG or WebP image." in html
    assert "fine.jpg Added." in html
    assert list(new_images().values_list("title_en", flat=True)) == ["fine"]


def test_the_results_speak_the_editors_language(admin_user):
    html = words_of(
        send(signed_in(admin_user, "fr"), upload("a.jpg"), upload("b.txt", b"x", "text/plain"))
    )
    assert "Ajouté." in html
    assert "Pas ajouté" in html


def test_nothing_chosen_is_said(admin_client):
    html = text_of(send(admin_client))
    assert "Choose at least one file." in html


def test_the_same_file_uploaded_again_is_offered_not_copied(admin_client, new_images):
    content = image_bytes((500, 400))
    send(admin_client, upload("garden.jpg", content))
    existing = new_images().get()
    response = send(admin_client, upload("garden-again.jpg", content))
    html = text_of(response)
    assert "garden-again.jpg Already in the library: “garden”" in words_of(response)
    assert f'<a href="{change_url(existing)}">“garden”</a>' in html
    assert new_images().count() == 1


def test_the_add_form_refuses_a_file_already_in_the_library(admin_client, new_images):
    content = image_bytes((500, 400))
    send(admin_client, upload("garden.jpg", content))
    existing = new_images().get()
    data = {
        "file": upload("copy.jpg", content),
        **{f"title_{code}": "Copy" for code in ("nl", "fr", "en")},
        "collection": "",
    }
    response = admin_client.post(reverse("admin:media_image_add"), data)
    html = text_of(response)
    assert response.status_code == 200
    assert "Already in the library:" in html
    assert f'href="{change_url(existing)}"' in html
    assert new_images().count() == 1


def test_documents_are_uploaded_many_at_once_too(admin_client, admin_user):
    url = reverse("admin:media_document_upload")
    report = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
    html = words_of(
        admin_client.post(
            url, {"files": [upload("annual-report-2025.pdf", report, "application/pdf")]}
        )
    )
    assert "annual-report-2025.pdf Added." in html
    document = Document.objects.get()
    assert document.title_en == "annual report 2025"
    assert document.uploaded_by == admin_user
    again = text_of(
        admin_client.post(url, {"files": [upload("copy.pdf", report, "application/pdf")]})
    )
    assert "Already in the library:" in again
    assert Document.objects.count() == 1


def test_the_list_shows_thumbnails_sizes_and_finds_descriptions_in_any_language(admin_client):
    summer = Collection.objects.create(name_en="Summer")
    terrace = make_image("terrace", size=(800, 600), collection=summer, alt_fr="Une terrasse")
    make_image("crowd", alt_fr="Une foule")
    url = reverse("admin:media_image_changelist")
    html = text_of(admin_client.get(url))
    assert 'class="admin-thumbnail"' in html
    assert "800 × 600 pixels" in html
    assert "nowhere" in html
    found = text_of(admin_client.get(url + "?q=terrasse"))
    assert "terrace (en)" in found
    assert "crowd (en)" not in found
    filtered = text_of(admin_client.get(url + f"?collection__id__exact={summer.pk}"))
    assert "terrace (en)" in filtered
    assert "crowd (en)" not in filtered
    assert terrace.pk


def test_collections_count_their_pictures(admin_client):
    summer = Collection.objects.create(name_en="Summer")
    make_image("terrace", collection=summer)
    make_image("crowd", collection=summer)
    html = text_of(admin_client.get(reverse("admin:media_collection_changelist")))
    assert "Summer" in html
    assert '<td class="field-picture_count">2</td>' in html
    assert '<td class="field-document_count">0</td>' in html


def test_a_picture_without_its_description_in_a_language_is_counted_missing(admin_client):
    make_image("terrace", alt_fr="")
    html = text_of(admin_client.get(reverse("admin:media_image_changelist") + "?missing=fr"))
    assert "terrace (en)" in html
    dashboard = text_of(admin_client.get(reverse("admin:translations")))
    assert "Images" in dashboard


def test_the_focal_point_is_set_on_the_form_and_kept_between_0_and_1(admin_client):
    image = make_image("corner")
    url = change_url(image)
    data = open_change_form(admin_client, url, "image_form")
    html = text_of(admin_client.get(url))
    assert 'class="focal-editor"' in html
    assert 'name="focal_x"' in html
    data.update(focal_x=["0.9"], focal_y=["0.1"])
    assert admin_client.post(url, data).status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.9, 0.1)
    data = open_change_form(admin_client, url, "image_form")
    refused = admin_client.post(url, {**data, "focal_x": ["1.5"]})
    assert refused.status_code == 200
    assert "Ensure this value is less than or equal to 1" in text_of(refused)


def test_the_list_costs_the_same_with_3_and_12_pictures(admin_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("admin:media_image_changelist")

    def queries():
        admin_client.get(url)  # makes the thumbnails' copies, as a first visit would
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(url).status_code == 200
        return len(captured)

    for number in range(3):
        make_image(f"picture {number}")
    few = queries()
    for number in range(3, 12):
        make_image(f"picture {number}")
    assert queries() == few <= 20


def test_the_add_form_keeps_a_good_picture_across_a_refused_form(admin_client, new_images):
    # No title: refused, but the picture chosen is kept for the next try, without the
    # place it was taken.
    add = reverse("admin:media_image_add")
    terrace = upload("terrace.jpg", image_bytes((320, 240)))
    _html, token = refused_keeping_the_upload(admin_client, add, terrace, "terrace.jpg")

    titles = {f"title_{code}": "Terrace" for code in LANGUAGES}
    response = admin_client.post(add, {"file-kept": token, "collection": "", **titles})
    assert response.status_code == 302
    [picture] = new_images()
    assert picture.width == 320
