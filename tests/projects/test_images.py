"""Editors upload pictures into the library; only real, reasonable images get in,
without the place they were taken; visitors get resized copies that do not make the
page jump."""

from io import BytesIO

import pytest
from django.forms import modelform_factory
from django.utils import translation
from PIL import Image, ImageCms

from media.models import Image as LibraryImage
from tests.factories import make_image, make_project
from tests.images import image_bytes, png_claiming, upload

# These tests list and count everything there is: they start from an empty site.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_site")]


@pytest.fixture(autouse=True)
def in_english():
    """The refusals are read in the language they are written in."""
    with translation.override("en"):
        yield


# The library's form, as far as the file goes: its checks are the file field's own.
PictureForm = modelform_factory(LibraryImage, fields=["title", "file"])


def post_picture(file):
    """The library's form sent with `file`: saved when it passes (then `form.instance`)."""
    form = PictureForm({"title": "City of Brussels"}, {"file": file})
    if form.is_valid():
        form.save()
    return form


def refusal(form):
    assert not form.is_valid()
    assert not LibraryImage.objects.exists()
    return " ".join(form.errors["file"])


def stored(form):
    assert form.is_valid(), form.errors
    return LibraryImage.objects.get().file


def test_a_real_image_is_accepted():
    form = post_picture(upload("logo.png", image_bytes((300, 100), "PNG")))
    assert form.is_valid()
    picture = LibraryImage.objects.get()
    assert (picture.width, picture.height) == (300, 100)


def test_a_text_file_named_jpg_is_refused_and_the_form_keeps_the_rest():
    form = post_picture(upload("logo.jpg", b"just some text, not a picture"))
    assert "This file is not a JPEG, PNG or WebP image." in refusal(form)
    assert 'value="City of Brussels"' in str(form["title"])


def test_an_image_in_another_format_is_refused():
    form = post_picture(upload("logo.gif", image_bytes(image_format="GIF")))
    assert "This file is not a JPEG, PNG or WebP image." in refusal(form)


@pytest.mark.parametrize("size", [(100_000, 100_000), (8_000, 8_000)])
def test_a_decompression_bomb_is_refused(size):
    form = post_picture(upload("bomb.png", png_claiming(*size), "image/png"))
    assert "This image has too many pixels: at most 40 megapixels" in refusal(form)


def test_an_oversized_file_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 2_000
    big = image_bytes((400, 400), "PNG", compress_level=0)
    form = post_picture(upload("big.png", big, "image/png"))
    assert "an image may be at most 2.0\xa0KB." in refusal(form)


def test_the_refusal_speaks_the_editors_language():
    with translation.override("fr"):
        form = post_picture(upload("logo.jpg", b"not an image"))
        assert "Ce fichier n'est pas une image JPEG, PNG ou WebP." in refusal(form)


def location_exif():
    exif = Image.Exif()
    exif[0x0110] = "Test camera"  # Model
    exif[0x0112] = 6  # Orientation: kept, it tells how to turn the picture.
    exif[0x8825] = {1: "N", 2: (50.0, 50.0, 12.0), 3: "E", 4: (4.0, 21.0, 3.0)}
    return exif


def photo_with_location():
    exif = location_exif()
    output = BytesIO()
    Image.new("RGB", (80, 60), "#884422").save(output, format="JPEG", exif=exif.tobytes())
    return output.getvalue()


def test_location_is_stripped_from_uploaded_photos():
    original = Image.open(BytesIO(photo_with_location()))
    assert 0x8825 in original.getexif()
    image = LibraryImage.objects.create(
        title="A walk", file=upload("walk.jpg", photo_with_location())
    )
    with Image.open(image.file.path) as kept:
        exif = kept.getexif()
        assert 0x8825 not in exif
        assert exif[0x0110] == "Test camera"
        assert exif[0x0112] == 6


def test_location_is_stripped_when_uploaded_through_a_form():
    form = post_picture(upload("logo.jpg", photo_with_location()))
    with Image.open(stored(form).path) as kept:
        assert 0x8825 not in kept.getexif()


def test_pages_serve_resized_webp_copies_with_dimensions(client, city):
    cover = make_image("cover", (2000, 1000), alt_en="Neighbours on the plot")
    make_project("p", cities=[city], cover=cover)
    html = client.get("/en/projects/p-en/").content.decode()
    assert '<source type="image/webp" srcset="' in html
    assert ".webp 800w" in html
    assert ".webp 1600w" in html
    assert 'width="1200" height="600" alt="Neighbours on the plot"' in html
    # The cover is the first thing seen: it is not lazy; the cards below are.
    cover = html[html.index('<figure class="project-cover">') :]
    assert 'fetchpriority="high"' in cover.split("</figure>")[0]
    assert 'loading="lazy"' not in cover.split("</figure>")[0]


def test_resized_copies_are_made(client, city, media_root):
    make_project("p", cities=[city], cover=make_image("cover", (2000, 1000)))
    html = client.get("/en/projects/").content.decode()
    src = html.split('<img src="', 1)[1].split('"', 1)[0]
    with Image.open(media_root / src.removeprefix("/media/")) as copy:
        # A card is 3:2 (.card-media), cut around the focal point.
        assert copy.size == (800, 533)


def test_small_images_are_not_enlarged(client, city):
    make_project("p", cities=[city], cover=make_image("cover", (500, 250)))
    html = client.get("/en/projects/p-en/").content.decode()
    assert 'width="500" height="250"' in html
    assert " 800w" not in html


def test_a_lost_image_file_does_not_break_the_page(client, city, media_root):
    project = make_project("p", cities=[city], cover=make_image("lost", (900, 600)))
    (media_root / project.cover.file.name).unlink()
    response = client.get("/en/projects/p-en/")
    assert response.status_code == 200
    assert "<h1>p EN</h1>" in response.content.decode()


def phone_photo(exif=None):
    """A JPEG with a second, embedded picture, as iPhones (HDR, portrait), Samsung and
    Fujifilm cameras save them: Pillow calls these MPO."""
    output = BytesIO()
    options = {"exif": exif.tobytes()} if exif is not None else {}
    Image.new("RGB", (80, 60), "#884422").save(
        output, "MPO", save_all=True, append_images=[Image.new("RGB", (40, 30))], **options
    )
    assert Image.open(BytesIO(output.getvalue())).format == "MPO"
    return output.getvalue()


def test_a_phone_photo_with_an_embedded_second_picture_is_accepted():
    form = post_picture(upload("IMG_0001.jpg", phone_photo()))
    assert stored(form).width == 80


def test_location_is_stripped_from_phone_photos_which_stay_jpegs():
    form = post_picture(upload("IMG_0002.jpg", phone_photo(location_exif())))
    with Image.open(stored(form).path) as kept:
        assert kept.format == "JPEG"
        assert 0x8825 not in kept.getexif()
        assert kept.getexif()[0x0110] == "Test camera"


def test_a_damaged_photo_is_refused_and_the_form_keeps_the_rest():
    """A transfer cut short: its header is fine, its pixels stop half-way."""
    output = BytesIO()
    noise = Image.effect_noise((300, 200), 64).convert("RGB")
    noise.save(output, format="JPEG", exif=location_exif().tobytes())
    whole = output.getvalue()
    form = post_picture(upload("cut.jpg", whole[: len(whole) * 2 // 3]))
    assert "This file is not a JPEG, PNG or WebP image." in refusal(form)
    assert 'value="City of Brussels"' in str(form["title"])


# WebP files carry no resolution.
@pytest.mark.parametrize(
    ("image_format", "name", "dpi"),
    [("JPEG", "p.jpg", (300, 300)), ("PNG", "p.png", (300, 300)), ("WEBP", "p.webp", None)],
)
def test_removing_the_location_keeps_the_colour_profile_and_resolution(image_format, name, dpi):
    """Wide-gamut phone photos look washed out without their colour profile."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    output = BytesIO()
    options = {"exif": location_exif().tobytes(), "icc_profile": profile}
    if dpi:
        options["dpi"] = dpi
    Image.new("RGB", (80, 60), "#884422").save(output, image_format, **options)
    with Image.open(stored(post_picture(upload(name, output.getvalue()))).path) as kept:
        assert 0x8825 not in kept.getexif()
        assert kept.info.get("icc_profile") == profile
        if dpi:
            assert tuple(round(d) for d in kept.info["dpi"]) == dpi


@pytest.mark.parametrize(
    ("name", "content", "stored"),
    [
        ("photo.png", image_bytes((900, 600)), ".jpg"),
        ("scan.jpg", image_bytes((900, 600), "PNG"), ".png"),
        ("camera", image_bytes((900, 600)), ".jpg"),
        ("holiday.JPEG", image_bytes((900, 600)), ".JPEG"),
    ],
)
def test_an_image_is_stored_and_resized_as_what_it_is_not_what_its_name_says(
    client, city, media_root, name, content, stored
):
    """A JPEG named .png would otherwise get resized copies as huge PNGs."""
    cover = LibraryImage.objects.create(title="p", file=upload(name, content))
    make_project("p", cities=[city], cover=cover)
    assert cover.file.name.endswith(stored)
    html = client.get("/en/projects/p-en/").content.decode()
    src = html.split('<figure class="project-cover">', 1)[1].split('<img src="', 1)[1]
    with Image.open(media_root / src.split('"', 1)[0].removeprefix("/media/")) as copy:
        assert copy.format == Image.open(BytesIO(content)).format
