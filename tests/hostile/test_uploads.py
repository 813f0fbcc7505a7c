"""Hostile files uploaded into the library, as a partner's logo: scripts dressed as
pictures, polyglots, decompression bombs, damaged files, odd but real pictures. None
causes a 500: each is refused with a clear message and nothing stored, or stored as
the JPEG, PNG or WebP it really is and shown on the site through resized copies."""

import io
import random
import struct

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import translation
from PIL import Image

from media.images import ACCEPTED_FORMATS, EXTENSIONS, renditions
from media.models import Image as LibraryImage
from projects.models import Partner
from tests.factories import LANGUAGES, make_partner
from tests.images import png_chunk, png_claiming

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("empty_site"),
    # Pillow says so about the damaged EXIF block, which is then stored without harm.
    pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning"),
]

NOT_AN_IMAGE = "This file is not a JPEG, PNG or WebP image."


@pytest.fixture(autouse=True)
def in_english():
    """The refusals are read in the language they are written in."""
    with translation.override("en"):
        yield


TOO_MANY_PIXELS = "This image has too many pixels: at most 40 megapixels are accepted."
TOO_LARGE = "an image may be at most 7.6\xa0MB."
NAME_TOO_LONG = "Ensure this filename has at most 100 characters"
STORED = "stored"

SCRIPT = b"<script>alert(document.domain)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
HTML = b"<!DOCTYPE html><html><body>" + SCRIPT + b"</body></html>"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def picture(mode="RGB", size=(320, 200), image_format="JPEG", **options):
    image = Image.new(mode, size)
    if mode in {"RGB", "RGBA", "CMYK", "L", "LA"}:
        image = Image.linear_gradient("L").resize(size).convert(mode)
    output = io.BytesIO()
    image.save(output, format=image_format, **options)
    return output.getvalue()


def frames(image_format, **options):
    colours = ["#cc3333", "#33cc33", "#3333cc"]
    images = [Image.new("RGB", (120, 80), colour) for colour in colours]
    output = io.BytesIO()
    images[0].save(output, image_format, save_all=True, append_images=images[1:], **options)
    return output.getvalue()


def jpeg_claiming(width, height):
    """A small JPEG whose frame header announces `width` x `height`."""
    data = bytearray(picture(size=(16, 16)))
    start = data.index(b"\xff\xc0")
    data[start + 5 : start + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def webp_claiming(width, height):
    """A small lossless WebP whose bitstream header announces `width` x `height`."""
    data = bytearray(picture(size=(16, 16), image_format="WEBP", lossless=True))
    start = data.index(b"VP8L") + 9  # chunk name, size, signature byte
    bits = (width - 1) | (height - 1) << 14 | (data[start + 3] >> 4) << 28
    data[start : start + 4] = struct.pack("<I", bits)
    return bytes(data)


def png_with_text(text):
    data = picture(image_format="PNG")
    end = data.index(b"IEND") - 4
    return data[:end] + png_chunk(b"tEXt", b"Comment\x00" + text) + data[end:]


def jpeg_with_segment(marker, payload):
    data = picture()
    segment = marker + struct.pack(">H", len(payload) + 2) + payload
    return data[:2] + segment + data[2:]


def exif_with_script():
    exif = Image.Exif()
    exif[0x010E] = SCRIPT.decode()  # ImageDescription
    exif[0x013B] = '"><img src=x onerror=alert(1)>'  # Artist
    return picture(exif=exif.tobytes())


def xmp_with_script():
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>'
        + SCRIPT
        + b"</rdf:Description></x:xmpmeta>"
    )
    return jpeg_with_segment(b"\xff\xe1", b"http://ns.adobe.com/xap/1.0/\x00" + xmp)


def cut(data, fraction=0.6):
    return data[: int(len(data) * fraction)]


def noise(size, image_format="PNG", **options):
    output = io.BytesIO()
    pixels = random.Random(0).randbytes(size[0] * size[1] * 3)
    Image.frombytes("RGB", size, pixels).save(output, image_format, **options)
    return output.getvalue()


ZIP = b"PK\x03\x04" + b"\x00" * 26 + b"evil.php<?php system($_GET['c']); ?>"

# (what it is, file name, content, content type, what the editor sees)
HOSTILE = [
    ("svg with script", "logo.svg", SVG, "image/svg+xml", NOT_AN_IMAGE),
    ("svg renamed .jpg", "logo.jpg", SVG, "image/jpeg", NOT_AN_IMAGE),
    ("svg renamed .png", "logo.png", SVG, "image/png", NOT_AN_IMAGE),
    ("html renamed .jpg", "logo.jpg", HTML, "image/jpeg", NOT_AN_IMAGE),
    ("html renamed .webp", "logo.webp", HTML, "image/webp", NOT_AN_IMAGE),
    ("php renamed .jpg", "shell.jpg", b"<?php system($_GET['c']); ?>", "image/jpeg", NOT_AN_IMAGE),
    ("javascript renamed .png", "app.png", SCRIPT, "image/png", NOT_AN_IMAGE),
    ("html first, then a jpeg", "logo.jpg", HTML + picture(), "image/jpeg", NOT_AN_IMAGE),
    ("polyglot: jpeg then html", "logo.jpg", picture() + HTML, "image/jpeg", STORED),
    ("polyglot: png then zip", "logo.png", picture(image_format="PNG") + ZIP, "image/png", STORED),
    ("polyglot: gif then zip (GIFAR)", "logo.gif", frames("GIF") + ZIP, "image/gif", NOT_AN_IMAGE),
    ("pdf renamed .jpg", "logo.jpg", PDF, "image/jpeg", NOT_AN_IMAGE),
    ("pdf", "report.pdf", PDF, "application/pdf", NOT_AN_IMAGE),
    ("zip renamed .png", "logo.png", ZIP, "image/png", NOT_AN_IMAGE),
    (
        "windows program renamed .jpg",
        "logo.jpg",
        b"MZ\x90\x00" + b"\x00" * 60,
        "image/jpeg",
        NOT_AN_IMAGE,
    ),
    (
        "linux program renamed .png",
        "logo.png",
        b"\x7fELF\x02\x01\x01" + b"\x00" * 57,
        "image/png",
        NOT_AN_IMAGE,
    ),
    (
        "png bomb, 10 gigapixels",
        "bomb.png",
        png_claiming(100_000, 100_000),
        "image/png",
        TOO_MANY_PIXELS,
    ),
    (
        "png bomb, 64 megapixels",
        "bomb.png",
        png_claiming(8_000, 8_000),
        "image/png",
        TOO_MANY_PIXELS,
    ),
    (
        "jpeg bomb, 4 gigapixels",
        "bomb.jpg",
        jpeg_claiming(65_000, 65_000),
        "image/jpeg",
        TOO_MANY_PIXELS,
    ),
    (
        "webp bomb, 268 megapixels",
        "bomb.webp",
        webp_claiming(16_384, 16_384),
        "image/webp",
        TOO_MANY_PIXELS,
    ),
    ("truncated jpeg", "cut.jpg", cut(noise((300, 200), "JPEG")), "image/jpeg", NOT_AN_IMAGE),
    ("truncated png", "cut.png", cut(noise((300, 200))), "image/png", NOT_AN_IMAGE),
    ("truncated webp", "cut.webp", cut(noise((300, 200), "WEBP")), "image/webp", NOT_AN_IMAGE),
    ("header only", "cut.png", picture(image_format="PNG")[:40], "image/png", NOT_AN_IMAGE),
    ("zero bytes", "empty.jpg", b"", "image/jpeg", NOT_AN_IMAGE),
    ("over 8 MB", "huge.png", noise((1800, 1700), compress_level=0), "image/png", TOO_LARGE),
    (
        "huge width, one pixel high",
        "strip.png",
        picture(size=(30_000, 1), image_format="PNG"),
        "image/png",
        STORED,
    ),
    (
        "huge height, one pixel wide",
        "strip.png",
        picture(size=(1, 30_000), image_format="PNG"),
        "image/png",
        STORED,
    ),
    ("png named .jpg", "logo.jpg", picture(image_format="PNG"), "image/jpeg", STORED),
    ("jpeg named .gif", "logo.gif", picture(), "image/gif", STORED),
    ("jpeg named .html", "logo.html", picture(), "text/html", STORED),
    ("no extension", "logo", picture(), "application/octet-stream", STORED),
    ("exif with script", "exif.jpg", exif_with_script(), "image/jpeg", STORED),
    ("xmp with script", "xmp.jpg", xmp_with_script(), "image/jpeg", STORED),
    (
        "jpeg comment with html",
        "comment.jpg",
        jpeg_with_segment(b"\xff\xfe", HTML),
        "image/jpeg",
        STORED,
    ),
    ("png text chunk with script", "text.png", png_with_text(SCRIPT), "image/png", STORED),
    (
        "damaged exif block",
        "exif.jpg",
        jpeg_with_segment(b"\xff\xe1", b"Exif\x00\x00MM\x00*\xff\xff\xff\xff"),
        "image/jpeg",
        STORED,
    ),
    ("cmyk jpeg", "print.jpg", picture("CMYK"), "image/jpeg", STORED),
    ("greyscale jpeg", "grey.jpg", picture("L"), "image/jpeg", STORED),
    ("progressive jpeg", "web.jpg", picture(progressive=True), "image/jpeg", STORED),
    ("animated gif", "moving.gif", frames("GIF", duration=100, loop=0), "image/gif", NOT_AN_IMAGE),
    ("animated webp", "moving.webp", frames("WEBP", duration=100), "image/webp", STORED),
    ("animated png", "moving.png", frames("PNG", duration=100), "image/png", STORED),
    ("16-bit png", "deep.png", picture("I;16", image_format="PNG"), "image/png", STORED),
    ("greyscale png with alpha", "la.png", picture("LA", image_format="PNG"), "image/png", STORED),
    (
        "palette png with transparency",
        "p.png",
        picture("P", image_format="PNG", transparency=0),
        "image/png",
        STORED,
    ),
    ("one-bit png", "bits.png", picture("1", image_format="PNG"), "image/png", STORED),
    (
        "webp with alpha",
        "alpha.webp",
        picture("RGBA", image_format="WEBP", lossless=True),
        "image/webp",
        STORED,
    ),
    ("bmp", "logo.bmp", picture(image_format="BMP"), "image/bmp", NOT_AN_IMAGE),
    ("tiff", "logo.tiff", picture(image_format="TIFF"), "image/tiff", NOT_AN_IMAGE),
    (
        "icon",
        "favicon.ico",
        picture(size=(32, 32), image_format="ICO"),
        "image/x-icon",
        NOT_AN_IMAGE,
    ),
    ("name of 300 characters", "x" * 296 + ".jpg", picture(), "image/jpeg", NAME_TOO_LONG),
    ("name climbing folders", "../../../etc/cron.d/logo.jpg", picture(), "image/jpeg", STORED),
    ("name with markup", '"><img src=x onerror=alert(1)>.jpg', picture(), "image/jpeg", STORED),
]


# The library's form, as far as the file goes: its checks are the file field's own.
PictureForm = modelform_factory(LibraryImage, fields=["title", "file"])


def post_logo(name, content, content_type):
    """The file sent to the library; once in, the logo of a funder."""
    form = PictureForm(
        {"title": "A logo"},
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )
    if form.is_valid():
        make_partner("hostile", logo=form.save())
    return form


def errors_shown(form):
    return [str(error) for errors in form.errors.values() for error in errors]


def supporters_page(client):
    with translation.override(LANGUAGES[0]):
        return client.get(reverse("supporters"))


@pytest.mark.parametrize(
    ("name", "content", "content_type", "outcome"),
    [case[1:] for case in HOSTILE],
    ids=[case[0] for case in HOSTILE],
)
def test_a_hostile_upload_is_refused_clearly_or_stored_safely(
    client, name, content, content_type, outcome
):
    form = post_logo(name, content, content_type)
    if outcome != STORED:
        assert outcome in " ".join(errors_shown(form))
        assert not LibraryImage.objects.exists()
        return
    assert errors_shown(form) == []
    logo = Partner.objects.get().logo.file
    assert logo.name.startswith("images/")
    with default_storage.open(logo.name) as stored, Image.open(stored) as image:
        image_format = "JPEG" if image.format == "MPO" else image.format
        assert image_format in ACCEPTED_FORMATS
        # Served under the extension of what it is, so as a picture, never as a page.
        assert logo.name.lower().endswith((EXTENSIONS[image_format], ".jpeg"))
    if Image.open(io.BytesIO(content)).height > 16_383:
        # Left to the library's copies (media/copies.py, another branch): here its WebP
        # copy, 30,000 pixels high, passes WebP's limit of 16,383 and is not made.
        pytest.xfail("a strip taller than WebP allows gets no copies from the library yet")
    assert renditions(logo, "logo") is not None
    page = supporters_page(client)
    assert page.status_code == 200
    assert SCRIPT.decode() not in page.content.decode()


def test_the_hostile_files_number_at_least_34_kinds():
    assert len(HOSTILE) >= 34
    assert sum(case[-1] == STORED for case in HOSTILE) >= 10
