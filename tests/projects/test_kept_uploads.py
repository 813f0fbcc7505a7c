"""An editor whose form is refused keeps the pictures already chosen: they are shown
as thumbnails and sent again with the form, for the cover, the logos and every gallery
row; only the bad file must be chosen again. Kept files are private: outside the media
folder, without their location data, and shown or sent back only by the person who
chose them."""

from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from media import kept_uploads
from projects.models import GalleryImage, Partner, Project
from tests.admin_forms import form_values, new_project_data
from tests.factories import LANGUAGES, make_editor
from tests.images import image_bytes, upload
from tests.projects.test_images import photo_with_location

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("empty_site"),
    # Covers, gallery pictures and logos are chosen from the library now (issue 22): the
    # project and partner forms hold no file any more. Files are kept across a refused
    # form by the library's upload form (CheckedImageField, media/admin.py), whose
    # screens come with the library's admin; these tests move there with it.
    pytest.mark.skip(reason="files are uploaded into the library now, not in these forms"),
]
ADD_PROJECT = "/admin/projects/project/add/"
ADD_PARTNER = "/admin/projects/partner/add/"
NOT_AN_IMAGE = "This file is not a JPEG, PNG or WebP image."


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    """A media folder of its own, so the kept files counted are this test's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KEPT_UPLOADS_ROOT = tmp_path / "kept"


def kept_files():
    return kept_uploads.storage().listdir("")[1]


def pdf():
    return upload(
        "minutes.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "application/pdf"
    )


def project_form(city, **fields):
    return new_project_data(cities=[city.pk], **fields)


def gallery_row(number, file, alt):
    return {
        f"images-{number}-image": file,
        **{f"images-{number}-image_alt_{code}": alt for code in LANGUAGES},
        f"images-{number}-order": str(number),
    }


def test_good_gallery_images_are_kept_when_another_row_holds_a_pdf(
    admin_client, city, django_capture_on_commit_callbacks
):
    refused = admin_client.post(
        ADD_PROJECT,
        project_form(
            city,
            **{"images-TOTAL_FORMS": "3"},
            **gallery_row(0, upload("first.jpg", image_bytes((640, 480))), "First"),
            **gallery_row(1, pdf(), "Second"),
            **gallery_row(2, upload("third.png", image_bytes((300, 200), "PNG")), "Third"),
        ),
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert NOT_AN_IMAGE in html
    assert "Kept from your last attempt: first.jpg. Choose another file to replace it." in html
    assert "Kept from your last attempt: third.png." in html
    assert "minutes.pdf" not in html
    assert 'class="kept-upload-thumbnail"' in html

    # The editor chooses a picture for the PDF's row only, and saves again.
    data = form_values(html, "project_form")
    data["images-1-image"] = upload("second.jpg", image_bytes((500, 400)))
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(ADD_PROJECT, data)
    assert saved.status_code == 302
    gallery = GalleryImage.objects.filter(project=Project.objects.get())
    assert [(image.image_alt, image.image_width) for image in gallery] == [
        ("First", 640),
        ("Second", 500),
        ("Third", 300),
    ]
    assert gallery[2].image.name.endswith(".png")
    # Stored for good, the kept copies are gone.
    assert kept_files() == []


def test_the_cover_is_kept_when_a_title_is_missing(admin_client, city):
    data = project_form(city, cover=upload("cover.jpg", image_bytes((900, 600))))
    data["cover_alt_en"] = "The garden"
    for code in LANGUAGES:
        data[f"title_{code}"] = ""
    refused = admin_client.post(ADD_PROJECT, data)
    assert "Kept from your last attempt: cover.jpg." in refused.content.decode()

    data = form_values(refused.content.decode(), "project_form")
    data["title_en"] = "Garden"
    assert admin_client.post(ADD_PROJECT, data).status_code == 302
    assert Project.objects.get().cover_width == 900


def partner_form(**fields):
    return {
        **{f"name_{code}": f"Brussels {code}" for code in LANGUAGES},
        "kind": "funder",
        "is_current": "on",
        "website": "not an address",
        **fields,
    }


def test_a_logo_is_kept_when_the_website_is_wrong(admin_client):
    refused = admin_client.post(
        ADD_PARTNER, partner_form(logo=upload("logo.png", image_bytes((300, 100), "PNG")))
    )
    html = refused.content.decode()
    assert "Kept from your last attempt: logo.png." in html
    data = form_values(html, "partner_form")
    data["website"] = "https://www.brussels.be/"
    assert admin_client.post(ADD_PARTNER, data).status_code == 302
    assert Partner.objects.get().logo_width == 300


def test_choosing_another_file_replaces_the_kept_one(admin_client):
    refused = admin_client.post(
        ADD_PARTNER, partner_form(logo=upload("old.png", image_bytes((300, 100), "PNG")))
    )
    data = form_values(refused.content.decode(), "partner_form")
    data.update(website="https://www.brussels.be/", logo=upload("new.jpg", image_bytes((200, 80))))
    assert admin_client.post(ADD_PARTNER, data).status_code == 302
    assert Partner.objects.get().logo_width == 200


def test_a_forged_token_keeps_nothing(admin_client):
    response = admin_client.post(
        ADD_PARTNER,
        partner_form(website="https://www.brussels.be/", **{"logo-kept": "forged:token"}),
    )
    assert response.status_code == 302
    assert not Partner.objects.get().logo


def test_kept_files_expire(admin_client, monkeypatch):
    admin_client.post(ADD_PARTNER, partner_form(logo=upload("logo.png", image_bytes())))
    assert len(kept_files()) == 1
    call_command("remove_kept_uploads", stdout=StringIO())
    assert len(kept_files()) == 1
    tomorrow = timezone.now() + timedelta(seconds=kept_uploads.KEPT_FOR + 60)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    output = StringIO()
    call_command("remove_kept_uploads", stdout=output)
    assert output.getvalue() == "Removed 1 kept uploads.\n"
    assert kept_files() == []


def kept_token(html, name):
    (token,) = form_values(html, "partner_form")[f"{name}-kept"]
    return token


def thumbnail(html):
    return html.split('class="kept-upload-thumbnail"')[0].rsplit('src="', 1)[1].split('"')[0]


def test_a_kept_file_is_private_and_without_its_location(admin_client, settings, client):
    refused = admin_client.post(
        ADD_PARTNER, partner_form(logo=upload("walk.jpg", photo_with_location()))
    )
    html = refused.content.decode()
    assert "Kept from your last attempt: walk.jpg." in html
    # Nowhere under the media folder, nor at a media address.
    assert [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()] == []
    address = thumbnail(html).replace("&amp;", "&")
    assert not address.startswith(settings.MEDIA_URL)
    shown = admin_client.get(address)
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/jpeg"
    assert "no-store" in shown["Cache-Control"]
    with Image.open(BytesIO(b"".join(shown.streaming_content))) as picture:
        assert 0x8825 not in picture.getexif()
    (stored,) = kept_files()
    with Image.open(kept_uploads.storage().path(stored)) as picture:
        assert 0x8825 not in picture.getexif()
        assert picture.getexif()[0x0110] == "Test camera"
    # A visitor is sent to the login page; another member of staff gets nothing.
    assert client.get(address).status_code == 302
    client.force_login(make_editor())
    assert client.get(address).status_code == 404


def test_another_persons_token_keeps_nothing(admin_client, client):
    refused = admin_client.post(
        ADD_PARTNER, partner_form(logo=upload("logo.png", image_bytes((300, 100), "PNG")))
    )
    token = kept_token(refused.content.decode(), "logo")
    client.force_login(make_editor())
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.post(
        ADD_PARTNER, partner_form(website="https://www.brussels.be/", **{"logo-kept": token})
    )
    assert response.status_code == 302
    assert not Partner.objects.get().logo
    # The person who chose it still gets it back.
    owner = int(admin_client.session["_auth_user_id"])
    assert kept_uploads.kept(token, owner).name == "logo.png"
    assert kept_uploads.kept(token, owner + 1) is None


def test_a_folder_that_cannot_be_written_keeps_nothing_and_breaks_nothing(
    admin_client, settings, tmp_path
):
    (tmp_path / "a-file").write_text("not a folder")
    settings.KEPT_UPLOADS_ROOT = tmp_path / "a-file" / "kept"
    refused = admin_client.post(ADD_PARTNER, partner_form(logo=upload("logo.png", image_bytes())))
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Enter a valid URL." in html
    assert "Kept from your last attempt" not in html
