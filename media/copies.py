"""The resized copies of the library's pictures (media.models.Image), which pages serve
instead of the originals: each kind of picture in a few widths, in WebP and in the
original's format, cut to the shape the site's CSS gives that kind, around the picture's
focal point.

The background worker makes them (media/tasks.py), opening the original once for all of
them. Pages only name them (`picture()`): a copy's name follows from the original's name,
the kind, the width and, for a crop, the focal point, so naming one asks no storage, and
a new focal point gives new names (no cache or CDN serves the old crop). Until the copies
exist, pages show the original, scaled down by the browser."""

import logging
import math
import posixpath
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    # The widths offered; the browser picks one from `sizes`.
    widths: tuple
    # The frame's width and height as the CSS draws it; None keeps the picture's shape.
    frame: tuple | None = None
    # Link previews are read by other sites, not all of which take WebP.
    webp: bool = True


KINDS = {
    # .card-media: aspect-ratio: 3 / 2, object-fit: cover (static/css/site.css).
    "card": Kind((400, 800), (3, 2)),
    # A page's cover is shown whole, as wide as the page.
    "cover": Kind((800, 1200, 1600)),
    # .gallery img: aspect-ratio: 4 / 3, object-fit: cover.
    "gallery": Kind((400, 800, 1200), (4, 3)),
    # Logos are drawn whole (object-fit: contain).
    "logo": Kind((160, 320)),
    # Open Graph's recommended link preview: 1200 by 630.
    "share": Kind((1200,), (1200, 630), webp=False),
}
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
SAVE_OPTIONS = {"JPEG": {"quality": 80}, "WEBP": {"quality": 80}, "PNG": {}}


def folder_of(name):
    """Where the copies of the original `name` are kept: a folder of their own, which a
    backup leaves out and the removal of the original takes with it."""
    return posixpath.join(settings.IMAGEKIT_CACHEFILE_DIR, posixpath.splitext(name)[0])


def frame_in(width, height, frame, focal_x=None, focal_y=None):
    """The part of a `width` by `height` picture a `frame`-shaped copy shows: the
    largest box of that shape, the focal point (0 to 1 across and down; None: the
    middle) kept inside and as near its centre as the edges allow."""
    if frame is None:
        return 0, 0, width, height
    box_width = min(width, height * frame[0] / frame[1])
    box_height = min(height, width * frame[1] / frame[0])
    left = _around(width, box_width, 0.5 if focal_x is None else focal_x)
    top = _around(height, box_height, 0.5 if focal_y is None else focal_y)
    return left, top, left + box_width, top + box_height


def _around(length, box, focal):
    return min(max(length * focal - box / 2, 0), length - box)


def sizes(image, kind):
    """The copies' widths and heights for `kind`: never wider than the part shown."""
    shape = KINDS[kind]
    left, top, right, bottom = frame_in(image.width, image.height, shape.frame)
    box_width, box_height = right - left, bottom - top
    widths = sorted({max(1, min(width, math.floor(box_width))) for width in shape.widths})
    return [(width, max(1, round(width * box_height / box_width))) for width in widths]


def formats(image, kind):
    """The copies' formats: WebP, and the original's own for browsers without it."""
    extension = posixpath.splitext(image.file.name)[1].lower()
    own = {".png": "PNG", ".webp": "WEBP"}.get(extension, "JPEG")
    if not KINDS[kind].webp:
        return ["JPEG" if own == "WEBP" else own]
    return ["WEBP"] if own == "WEBP" else ["WEBP", own]


def _focal_tag(image):
    return "-f{:03d}-{:03d}".format(
        *(round(1000 * (0.5 if value is None else value)) for value in image.focal_point)
    )


def name_of(image, kind, width, image_format):
    """A copy's name in the storage, worked out without asking it."""
    cropped = KINDS[kind].frame is not None
    stem = f"{kind}-{width}{_focal_tag(image) if cropped else ''}"
    return posixpath.join(folder_of(image.file.name), stem + EXTENSIONS[image_format])


def planned(image):
    """Every copy of `image`: (name, kind, width, height, format)."""
    return [
        (name_of(image, kind, width, image_format), kind, width, height, image_format)
        for kind in KINDS
        for width, height in sizes(image, kind)
        for image_format in formats(image, kind)
    ]


def picture(image, kind):
    """What `includes/picture.html` needs to draw `image` as a `kind` of picture, or None
    when it has no file. Opens nothing: until the copies are made, the original,
    scaled down by the browser to the size the copies will have."""
    if not image.file or not image.width or not image.height:
        return None
    widths = sizes(image, kind)
    width, height = widths[len(widths) // 2]
    shown = {"width": width, "height": height}
    if image.copies_made_at is None:
        return {"src": image.file.url, "srcset": "", "webp_srcset": "", **shown}
    storage = image.file.storage

    def srcset(image_format):
        return ", ".join(
            f"{storage.url(name_of(image, kind, w, image_format))} {w}w" for w, _h in widths
        )

    *webp, own = formats(image, kind)
    return {
        "src": storage.url(name_of(image, kind, width, own)),
        "srcset": srcset(own),
        "webp_srcset": srcset("WEBP") if webp else "",
        **shown,
    }


def missing(image):
    """The copies of `image` not in the storage: one listing of its folder."""
    try:
        existing = set(image.file.storage.listdir(folder_of(image.file.name))[1])
    except FileNotFoundError:  # a folder on disk that was never made
        existing = set()
    return [copy for copy in planned(image) if posixpath.basename(copy[0]) not in existing]


def make_copies(image):
    """Makes the copies of `image` that are not in the storage yet, opening the
    original once; returns how many it made."""
    storage = image.file.storage
    wanted = missing(image)
    if not wanted:
        return 0
    with image.file.open("rb"), Image.open(image.file) as original:
        decoded = _decoded(original, image, wanted)
        # Widest first: a narrower copy is made from the kind's wider one, which is
        # quicker than from the original, and once for all of its formats.
        last = {}
        for name, kind, width, height, image_format in sorted(wanted, key=_widest_first):
            if kind not in last or last[kind].width != width:
                wider = last.get(kind)
                last[kind] = (
                    wider.resize((width, height), Image.Resampling.LANCZOS)
                    if wider
                    else _cut(decoded, image, kind, (width, height))
                )
            _save(storage, name, last[kind], image_format)
    return len(wanted)


def _widest_first(copy):
    _name, kind, width, _height, _format = copy
    return kind, -width


def _decoded(original, image, wanted):
    """The original, turned as its EXIF orientation says, decoded no larger than the
    largest copy needs: a JPEG decodes at 1/2, 1/4 or 1/8 of its size directly, so
    copies of a 40-megapixel photo decode 2.5 or 10 megapixels, not 40."""
    scale = max(width / _box_width(image, kind) for _name, kind, width, _height, _format in wanted)
    original.draft(
        original.mode,
        (math.ceil(original.width * scale), math.ceil(original.height * scale)),
    )
    decoded = ImageOps.exif_transpose(original)
    if decoded.mode not in ("RGB", "RGBA", "L"):
        transparent = "A" in decoded.mode or "transparency" in decoded.info
        if decoded.mode == "CMYK":  # its colour profile describes ink, not a screen
            decoded.info.pop("icc_profile", None)
        decoded = decoded.convert("RGBA" if transparent else "RGB")
    return decoded


def _box_width(image, kind):
    left, _top, right, _bottom = frame_in(image.width, image.height, KINDS[kind].frame)
    return right - left


def _cut(decoded, image, kind, size):
    """The `kind` copy of `size`, the frame worked out on the decoded picture itself."""
    box = frame_in(decoded.width, decoded.height, KINDS[kind].frame, *image.focal_point)
    return decoded.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def _save(storage, name, picture, image_format):
    options = dict(SAVE_OPTIONS[image_format])
    if image_format == "JPEG" and picture.mode == "RGBA":
        # A transparent picture's preview in a format without transparency: on white.
        background = Image.new("RGB", picture.size, "white")
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    if picture.info.get("icc_profile"):
        options["icc_profile"] = picture.info["icc_profile"]
    output = BytesIO()
    picture.save(output, image_format, **options)
    saved = storage.save(name, ContentFile(output.getvalue()))
    if saved != name:  # another worker made it meanwhile: one is enough
        storage.delete(saved)
