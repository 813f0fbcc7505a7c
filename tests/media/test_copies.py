"""The library's resized copies: made by the background worker, never by a page, which
shows the original scaled down until they exist; cropped to each kind's shape around
the picture's focal point; named after it, so that a new focal point is never served
from an old copy."""

from io import BytesIO, StringIO

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from imagekit.specs import ImageSpec
from PIL import Image as Picture
from PIL import ImageChops, ImageDraw

from caching.version import stored_version
from media import copies
from media.copies import KINDS, frame_in
from media.images import picture_of
from media.models import Image
from media.unused_files import files_in
from operations.signals import restored
from tests.images import upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

CROPPED = [kind for kind, shape in KINDS.items() if shape.frame]
RED, BLUE = (230, 20, 20), (20, 20, 230)


def photo(size=(2000, 600), subject=None, middle=None, image_format="JPEG", **options):
    """A grey picture with a red square (the subject) and a blue one, each where said."""
    canvas = Picture.new("RGB", size, (200, 200, 200))
    draw = ImageDraw.Draw(canvas)
    for box, colour in ((subject, RED), (middle, BLUE)):
        if box:
            draw.rectangle(box, fill=colour)
    output = BytesIO()
    canvas.save(output, image_format, quality=95, **options)
    return output.getvalue()


@pytest.fixture
def library(django_capture_on_commit_callbacks, background_worker):
    """Saves a picture into the library as the admin does, and has the worker catch up."""

    def save(content, name="photo.jpg", image=None, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            if image is None:
                image = Image.objects.create(title="Photo", file=upload(name, content), **fields)
            else:
                for field, value in fields.items():
                    setattr(image, field, value)
                image.save()
        background_worker()
        image.refresh_from_db()
        return image

    return save


def opened(url):
    with default_storage.open(url.removeprefix(settings.MEDIA_URL)) as file:
        copy = Picture.open(BytesIO(file.read()))
        copy.load()
    return copy


def candidates(picture):
    """Each copy a picture offers the browser, with the width it says it has."""
    return [
        (candidate.split()[0], int(candidate.split()[1].removesuffix("w")))
        for srcset in (picture["srcset"], picture["webp_srcset"])
        for candidate in srcset.split(", ")
        if candidate
    ]


def urls(picture):
    return [url for url, _width in candidates(picture)]


def box_of(copy, colour):
    """Where `colour` is in a copy (give or take compression), or None."""
    bands = copy.convert("RGB").split()
    masks = [
        band.point(lambda value, want=want: 255 if abs(value - want) < 60 else 0)
        for band, want in zip(bands, colour, strict=True)
    ]
    return ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2]).getbbox()


@pytest.fixture
def count_copies(monkeypatch):
    made = []
    save, generate = copies._save, ImageSpec.generate
    monkeypatch.setattr(copies, "_save", lambda *args: made.append(args[1]) or save(*args))
    monkeypatch.setattr(ImageSpec, "generate", lambda spec: made.append(spec) or generate(spec))
    return made


def test_until_the_worker_made_the_copies_pages_show_the_original_scaled_down(
    django_capture_on_commit_callbacks, background_worker, count_copies
):
    with django_capture_on_commit_callbacks(execute=True):
        image = Image.objects.create(title="Photo", file=upload("walk.jpg", photo()))
    assert image.copies_made_at is None

    card = picture_of(image, "card")
    assert card["src"] == image.file.url
    assert (card["width"], card["height"]) == (800, 533)  # the card's copy, 3 by 2
    assert card["srcset"] == card["webp_srcset"] == ""
    assert count_copies == []  # drawing a page made nothing

    background_worker()
    image.refresh_from_db()
    assert image.copies_made_at is not None
    card = picture_of(image, "card")
    assert card["src"] != image.file.url
    assert ".webp 800w" in card["webp_srcset"]
    assert opened(card["src"]).size == (card["width"], card["height"])
    for url, width in candidates(card):
        assert opened(url).width == width


def test_every_kind_is_made_in_every_width_and_format(library):
    image = library(photo((3000, 2000)))
    for kind, shape in KINDS.items():
        picture = picture_of(image, kind)
        expected = len(shape.widths) * (2 if shape.webp else 1)
        assert len(urls(picture)) == expected, kind
        for url in urls(picture):
            copy = opened(url)
            assert copy.width in shape.widths
            if shape.frame:
                ratio = shape.frame[0] / shape.frame[1]
                assert abs(copy.width / copy.height - ratio) < 0.01, kind
    assert not picture_of(image, "share")["webp_srcset"]  # for every reader of previews


@pytest.mark.parametrize(
    ("size", "subject"),
    [
        ((2000, 600), (1800, 50, 1950, 200)),  # wide, the subject in the top right corner
        ((600, 2000), (40, 1820, 190, 1970)),  # tall, in the bottom left corner
    ],
)
def test_every_crop_keeps_the_focal_point_in_frame(library, size, subject):
    middle = (size[0] // 2 - 50, size[1] // 2 - 50, size[0] // 2 + 50, size[1] // 2 + 50)
    focal_x = (subject[0] + subject[2]) / 2 / size[0]
    focal_y = (subject[1] + subject[3]) / 2 / size[1]
    image = library(photo(size, subject, middle), focal_x=focal_x, focal_y=focal_y)
    side = subject[2] - subject[0] + 1
    for kind in CROPPED:
        left, _top, right, _bottom = frame_in(*size, KINDS[kind].frame)
        for url in urls(picture_of(image, kind)):
            copy = opened(url)
            found = box_of(copy, RED)
            assert found is not None, f"{kind}: {url} lost the subject"
            # All of it: the frame does not cut through it.
            expected = side * copy.width / (right - left)
            assert abs(found[2] - found[0] - expected) <= 3, (kind, url, found)
            assert abs(found[3] - found[1] - expected) <= 3, (kind, url, found)


def test_without_a_focal_point_crops_keep_the_middle(library):
    size, subject = (2000, 600), (1800, 50, 1950, 200)
    image = library(photo(size, subject, middle=(950, 250, 1049, 349)))
    for kind in CROPPED:
        for url in urls(picture_of(image, kind)):
            copy = opened(url)
            assert box_of(copy, RED) is None, f"{kind}: the corner is not the middle"
            left, top, right, bottom = box_of(copy, BLUE)
            assert abs((left + right) / 2 - copy.width / 2) <= 2
            assert abs((top + bottom) / 2 - copy.height / 2) <= 2


@pytest.mark.parametrize(
    ("focal", "frame"),
    [
        ((0.5, 0.5), (500, 0, 1100, 400)),  # the middle
        ((0.1, 0.5), (0, 0, 600, 400)),  # too near the left edge to be centred
        ((0.95, 0.5), (1000, 0, 1600, 400)),  # and the right one
        ((0.3, 0.9), (180, 0, 780, 400)),  # centred across; the height is all there is
    ],
)
def test_the_frame_centres_the_focal_point_as_far_as_the_edges_allow(focal, frame):
    assert tuple(round(v) for v in frame_in(1600, 400, (3, 2), *focal)) == frame


def test_a_new_focal_point_gives_new_copies_under_new_names(library):
    image = library(photo((2000, 600), (1800, 50, 1950, 200)))
    before = {kind: picture_of(image, kind)["src"] for kind in KINDS}

    image = library(None, image=image, focal_x=0.9, focal_y=0.2)

    after = {kind: picture_of(image, kind)["src"] for kind in KINDS}
    for kind in KINDS:
        if kind in CROPPED:
            assert after[kind] != before[kind], kind
            assert box_of(opened(after[kind]), RED) is not None
        else:  # the whole picture, wherever its subject is
            assert after[kind] == before[kind], kind


def test_a_changed_title_keeps_the_copies(library, django_capture_on_commit_callbacks):
    image = library(photo())
    made_at = image.copies_made_at
    with django_capture_on_commit_callbacks(execute=True):
        image.title = "Another title"
        image.save()
    image.refresh_from_db()
    assert image.copies_made_at == made_at
    assert not DBTaskResult.objects.ready().exists()  # nothing asked of the worker


def test_a_new_file_gives_new_copies(library):
    image = library(photo())
    before = picture_of(image, "cover")["src"]
    image = library(None, image=image, file=upload("other.jpg", photo((1000, 800))))
    assert picture_of(image, "cover")["src"] != before
    assert opened(picture_of(image, "cover")["src"]).size == (1000, 800)


def test_a_photo_turned_by_its_orientation_is_measured_and_copied_as_shown(library):
    exif = Picture.Exif()
    exif[0x0112] = 6  # turned a quarter: stored 300 wide and 200 high, shown upright
    image = library(photo((300, 200), exif=exif.tobytes()))
    assert (image.width, image.height) == (200, 300)
    for kind in KINDS:
        picture = picture_of(image, kind)
        assert opened(picture["src"]).size == (picture["width"], picture["height"]), kind


def transparent(image_format):
    output = BytesIO()
    Picture.new("RGBA", (900, 600), (0, 0, 0, 0)).save(output, image_format)
    return output.getvalue()


def test_a_transparent_png_stays_transparent(library):
    image = library(transparent("PNG"), name="logo.png")
    for kind in KINDS:
        for url in urls(picture_of(image, kind)):
            assert opened(url).getpixel((0, 0))[3] == 0, url
    assert picture_of(image, "logo")["src"].endswith(".png")


def test_a_webp_pictures_link_preview_is_a_jpeg_on_white(library):
    image = library(transparent("WEBP"), name="logo.webp")
    share = picture_of(image, "share")
    assert share["src"].endswith(".jpg")
    assert not share["webp_srcset"]
    assert min(opened(share["src"]).getpixel((0, 0))) >= 250
    assert picture_of(image, "logo")["src"].endswith(".webp")


def test_a_restore_makes_the_copies_again(
    library, background_worker, django_capture_on_commit_callbacks
):
    image = library(photo())
    src = picture_of(image, "gallery")["src"]
    folder = copies.folder_of(image.file.name)
    for name in default_storage.listdir(folder)[1]:
        default_storage.delete(f"{folder}/{name}")

    with django_capture_on_commit_callbacks(execute=True):
        restored.send(sender=None)
    image.refresh_from_db()
    assert picture_of(image, "gallery")["src"] == image.file.url  # until they are back

    background_worker()
    image.refresh_from_db()
    assert picture_of(image, "gallery")["src"] == src
    assert opened(src)


def test_the_command_makes_every_missing_copy(library):
    image = library(photo())
    src = picture_of(image, "card")["src"]
    default_storage.delete(src.removeprefix(settings.MEDIA_URL))

    output = StringIO()
    call_command("make_copies", stdout=output)

    assert opened(src)
    assert "Made " in output.getvalue()


def test_pages_switch_to_the_copies_once_made(
    django_capture_on_commit_callbacks, background_worker
):
    with django_capture_on_commit_callbacks(execute=True):
        Image.objects.create(title="Photo", file=upload("walk.jpg", photo()))
    version = stored_version()[0]
    background_worker()
    assert stored_version()[0] != version  # what was cached with the original is not served


def test_deleting_a_picture_removes_its_file_and_its_copies(
    library, django_capture_on_commit_callbacks
):
    image = library(photo())
    name, folder = image.file.name, copies.folder_of(image.file.name)
    assert files_in(default_storage, folder)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not default_storage.exists(name)
    assert files_in(default_storage, folder) == []


def test_a_page_shows_the_original_at_first_and_the_copies_once_made(
    client, site_content, django_capture_on_commit_callbacks, background_worker, count_copies
):
    """On whatever page shows a library picture (a cover, once covers are in the library)."""
    from content.models import content_models

    keys = [
        (model, field)
        for model in content_models()
        for field in model._meta.fields
        if field.related_model is Image
    ]
    items = [(item, f) for model, f in keys for item in model.objects.published()[:1]]
    if not items:
        pytest.skip("No content shows pictures of the library yet (issue 22, point 8).")
    item, field = items[0]
    with django_capture_on_commit_callbacks(execute=True):
        image = Image.objects.create(title="Walk", file=upload("walk.jpg", photo((2400, 1600))))
        setattr(item, field.name, image)
        item.save()

    first = client.get(item.get_absolute_url()).content.decode()
    assert f'src="{image.file.url}"' in first
    assert count_copies == []

    background_worker()
    image.refresh_from_db()
    later = client.get(item.get_absolute_url()).content.decode()
    assert f'src="{image.file.url}"' not in later
    assert copies.folder_of(image.file.name) in later


def test_a_picture_stored_from_a_file_without_a_name_is_measured():
    from tests.factories import make_image

    image = make_image("market", size=(1600, 1200))  # a ContentFile, as scripts give
    assert (image.width, image.height) == (1600, 1200)
    assert image.copies_made_at is not None
    assert " 1600w" in picture_of(image, "cover")["srcset"]
