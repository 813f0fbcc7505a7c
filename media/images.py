"""Uploaded images: what is accepted, what is removed from it, and the resized copies
pages serve.

- An upload must really be a JPEG, PNG or WebP (its content, not its name), no larger
  than IMAGE_UPLOAD_MAX_BYTES and no larger than IMAGE_UPLOAD_MAX_PIXELS once decoded,
  so a small file that unpacks to gigabytes (a decompression bomb) is refused before
  it is decoded.
- Location data (EXIF GPS) is removed from photos before they are stored.
- The library's pictures (media.models.Image) are shown through `picture_of()`, from
  copies the background worker makes (media/copies.py, media/tasks.py); no request
  makes one.
- Images still held by an UploadedImageField show renditions made by django-imagekit:
  a few widths, in WebP and in the original format, generated when the image is saved
  (and by `restore`), then served as files. Nothing here touches the database.
"""

import logging
import os
import warnings
from functools import partial
from io import BytesIO

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from django.db import models, transaction
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.db.models.signals import post_save
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import Resize, Transpose
from imagekit.specs import ImageSpec
from PIL import Image, JpegImagePlugin

from caching.version import do_not_cache
from media import copies
from media.copies import EXTENSIONS, KINDS
from media.kept_uploads import KeptUpload, KeptUploadField, discard, keep

logger = logging.getLogger(__name__)

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
# Pillow names a JPEG that carries a second, embedded picture (phones' HDR and portrait
# shots, many cameras) MPO: to browsers and to this site it is a JPEG.
FORMAT_ALIASES = {"MPO": "JPEG"}
GPS_IFD = 0x8825
ORIENTATION = 0x0112
# EXIF orientations that turn the picture a quarter: it is shown as high as it is stored wide.
TURNED = {5, 6, 7, 8}
KEPT_INFO = ("icc_profile", "dpi")


def max_bytes():
    return settings.IMAGE_UPLOAD_MAX_BYTES


def max_pixels():
    return settings.IMAGE_UPLOAD_MAX_PIXELS


def content_format(image):
    """The format of an opened image, by its content."""
    return FORMAT_ALIASES.get(image.format, image.format)


def validate_image_upload(upload):
    """Refuse what is not a reasonable JPEG, PNG or WebP: its header first, so that a
    decompression bomb is never decoded, then all of it."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("This file is %(size)s; an image may be at most %(max)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes())},
        )
    upload.seek(0)
    try:
        # Pillow only warns below twice its own limit; a warning is a refusal here.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format, (width, height) = content_format(image), image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        width = height = None
        image_format = "bomb"
    except Exception as error:
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP image."), code="not_an_image"
        ) from error
    finally:
        upload.seek(0)
    if image_format == "bomb" or width * height > max_pixels():
        raise ValidationError(
            _("This image has too many pixels: at most %(max)s megapixels are accepted."),
            code="too_many_pixels",
            params={"max": max_pixels() // 1_000_000},
        )
    if image_format not in ACCEPTED_FORMATS or not decodes(upload):
        raise ValidationError(_("This file is not a JPEG, PNG or WebP image."), code="not_an_image")


def decodes(upload):
    """Whether the whole picture can be read: a file cut short has an intact header, and
    would only fail later, when its location data is removed or its copies are made.
    Called once the pixel count is known to be reasonable.

    A JPEG is decoded at 1/8 of its size: that still reads and unpacks every byte of
    its compressed data (what is cut short or damaged fails the same), but leaves out
    most of the arithmetic, which made a 40-megapixel photo cost a third of a second."""
    try:
        with Image.open(upload) as image:
            if content_format(image) == "JPEG":
                image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except (OSError, SyntaxError):
        return False
    finally:
        upload.seek(0)
    return True


def without_location(upload):
    """The upload's bytes without location data (EXIF GPS, XMP), or None when it
    carries none."""
    upload.seek(0)
    with Image.open(upload) as image:
        exif = image.getexif()
        # XMP packets can repeat the location, so they go too.
        if GPS_IFD not in exif and "xmp" not in image.info:
            upload.seek(0)
            return None
        exif.pop(GPS_IFD, None)
        image_format = content_format(image)
        # The colour profile (wide-gamut phone photos look washed out without it) and
        # the resolution say nothing about where the picture was taken: they stay.
        kept = {key: image.info[key] for key in KEPT_INFO if image.info.get(key)}
        options = {"exif": exif.tobytes(), **kept}
        if image_format == "JPEG":
            # Re-use the original quantization: the picture itself is not re-compressed
            # more than necessary. (What quality="keep" does, which Pillow refuses for MPO.)
            options.update(
                qtables=image.quantization, subsampling=JpegImagePlugin.get_sampling(image)
            )
        else:
            options["lossless"] = image_format == "WEBP" and image.info.get("lossless", False)
        image.info.pop("xmp", None)
        output = BytesIO()
        image.save(output, format=image_format, **options)
    upload.seek(0)
    return output.getvalue()


def named_by_content(name, upload):
    """`name` with the extension of what the upload really is: pages choose the format
    of resized copies by the extension, without opening the original, so a JPEG named
    .png would get PNG copies many times its size."""
    upload.seek(0)
    with Image.open(upload) as image:
        image_format = content_format(image)
    upload.seek(0)
    stem, extension = os.path.splitext(name)
    named_format = Image.registered_extensions().get(extension.lower())
    if FORMAT_ALIASES.get(named_format, named_format) == image_format:
        return name
    return stem + EXTENSIONS.get(image_format, extension)


class ImageUploadFormField(KeptUploadField, forms.ImageField):
    """Checks uploads (validate_image_upload), and keeps one that passed when the form is
    refused for another reason, so that it need not be chosen again (kept_uploads)."""

    # What a file is decides, not its name: a photo named "IMG_0001" or ".jpeg.html" is
    # stored under the extension of its content (named_by_content), and an SVG named
    # ".png" is still refused. Django's check of the name would list forty formats
    # Pillow knows, where three are accepted.
    default_validators = []

    def check(self, upload):
        validate_image_upload(upload)

    def keep_accepted(self, upload):
        # Stripped of its location data before it is kept, as it would be if saved.
        return keep(upload, without_location(upload))


class ShownImageFieldFile(ImageFieldFile):
    """Measured as it is shown: a photo its EXIF orientation turns (many phones store
    a photo taken upright on its side) is as wide as it is shown, not as stored, so
    that pages give its copies the right shape without opening it."""

    def _get_image_dimensions(self):
        if not hasattr(self, "_dimensions_cache"):
            close = self.closed
            self.open()  # once: on S3, each opening downloads the file
            try:
                width, height = get_image_dimensions(self)
                if width and height and turned(self):
                    width, height = height, width
                self._dimensions_cache = width, height
            finally:
                if close:
                    self.close()
        return self._dimensions_cache


def turned(file):
    """Whether an open image file's EXIF orientation turns it a quarter."""
    position = file.tell()
    try:
        file.seek(0)
        with Image.open(file) as image:  # the header only
            exif = Image.Exif()
            exif.load(image.info.get("exif") or b"")
            return exif.get(ORIENTATION) in TURNED
    except Exception:  # a damaged EXIF block says nothing of the picture's shape
        return False
    finally:
        file.seek(position)


class CheckedImageField(models.ImageField):
    """An ImageField whose uploads are checked (validate_image_upload), kept across a
    refused form, stripped of location data and stored under the extension of what
    they are, and measured as they are shown. The library's pictures
    (media.models.Image) are stored in one."""

    attr_class = ShownImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # A row whose size is not stored (an old upload) opens its file to size it when
        # it is read: a lost file leaves the size unknown rather than the page broken.
        try:
            super().update_dimension_fields(instance, force, *args, **kwargs)
        except (OSError, ValueError, Image.UnidentifiedImageError):
            logger.warning("Cannot read the size of %s", getattr(instance, self.attname))

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            if isinstance(file.file, KeptUpload):
                # Saved for good: the kept copy is no longer needed.
                transaction.on_commit(partial(discard, file.file))
            cleaned = without_location(file.file)
            if cleaned is not None:
                file.file = ContentFile(cleaned, name=file.name)
            file.name = named_by_content(file.name, file.file)
        value = super().pre_save(model_instance, add)
        if value and self.width_field and not getattr(model_instance, self.width_field):
            # A file given without a name (a ContentFile) is measured once it is stored:
            # pages size pictures by these fields, without opening them.
            self.update_dimension_fields(model_instance, force=True)
        return value


class UploadedImageField(CheckedImageField):
    """An image as pages show it: an ImageField whose uploads are checked and stripped
    of location data, whose resized copies (the `kinds` of picture pages show it as) are
    made when it is saved, so that no visitor waits for a large photo to be resized, and
    which brings the fields that always go with it, so that a model declares the group
    once:

    - `<name>_width` and `<name>_height`, kept up to date by Django, so that pages
      never open the original to size it;
    - `<name>_alt`, labelled `alt_label`: what the image shows, for people who cannot
      see it (required when the image is). Register it for translation like any field.

    They are added once the model class is ready. Migrations state them explicitly,
    so the historical models that migrations build get exactly what they state."""

    def __init__(self, *args, alt_label=None, kinds=(), **kwargs):
        self.alt_label = alt_label
        self.kinds = kinds
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name, **kwargs):
        self.width_field = self.width_field or f"{name}_width"
        self.height_field = self.height_field or f"{name}_height"
        super().contribute_to_class(cls, name, **kwargs)
        # Migrations' historical models (module "__fake__") state every field themselves.
        if not cls._meta.abstract and cls.__module__ != "__fake__":
            models.signals.class_prepared.connect(self._add_companions, sender=cls, weak=False)
            uid = f"renditions-{cls._meta.label}-{name}"
            post_save.connect(self.make_copies, sender=cls, weak=False, dispatch_uid=uid)

    def _add_companions(self, sender, **kwargs):
        for name, field in self.companions().items():
            sender.add_to_class(name, field)

    def companions(self):
        size = {"null": True, "blank": True, "editable": False}
        return {
            self.width_field: models.PositiveIntegerField(**size),
            self.height_field: models.PositiveIntegerField(**size),
            f"{self.name}_alt": models.CharField(
                self.alt_label or _("description"),
                max_length=200,
                blank=self.blank,
                help_text=_("What the image shows, for people who cannot see it."),
            ),
        }

    def make_copies(self, sender, instance, raw=False, **kwargs):
        # A restore saves rows before their files are back: it makes the copies after.
        if not raw:
            for kind in self.kinds:
                renditions(getattr(instance, self.attname), kind)


# The widths each kind of image is offered in; the browser picks one from `sizes`.
RENDITION_WIDTHS = {name: kind.widths for name, kind in KINDS.items()}


class Rendition(ImageSpec):
    options = {"quality": 80}

    def __init__(self, source, width, image_format):
        self.width = width
        self.format = image_format
        super().__init__(source=source)

    @property
    def processors(self):
        return [DecodeSmaller(self.width), Transpose(), ResizeToWidth(self.width)]


class DecodeSmaller:
    """A JPEG can be decoded at 1/2, 1/4 or 1/8 of its size directly: a copy 800 pixels
    wide of a 40-megapixel photo then decodes 2.5 megapixels, not 40. (Asked square,
    so that a photo turned by its EXIF orientation still has the width needed.)"""

    def __init__(self, width):
        self.width = width

    def process(self, image):
        image.draft(image.mode, (self.width, self.width))
        return image


class ResizeToWidth:
    """Narrower, never wider, and at least one pixel high however thin the picture
    (imagekit's ResizeToFit fails on a 30,000 by 1 strip)."""

    def __init__(self, width):
        self.width = width

    def process(self, image):
        if image.width <= self.width:
            return image
        return Resize(*_size(image.width, image.height, self.width)).process(image)


# Addresses of copies this process has made or found. A copy's name follows from the
# original's name and the spec, and uploads never reuse a name, so an entry stays true;
# remembering it spares imagekit's hashing, a quarter of the time of drawing a page.
_known_copies = {}


def forget_copies(name):
    """Called when an original is removed, so no page links its copies again."""
    for key in [key for key in _known_copies if key[0] == name]:
        del _known_copies[key]


def _url(image, width, image_format):
    """The address of a resized copy, made now if it does not exist yet."""
    key = (image.name, width, image_format)
    if key not in _known_copies:
        copy = ImageCacheFile(Rendition(image, width, image_format))
        copy.generate()
        _known_copies[key] = copy.url
    return _known_copies[key]


def _size(width, height, target):
    target = min(target, width)
    return target, max(1, round(height * target / width))


def _dimensions(image):
    """The stored width and height, so that drawing a page never opens the original."""
    field = image.field
    if field.width_field and field.height_field:
        width = getattr(image.instance, field.width_field)
        height = getattr(image.instance, field.height_field)
        if width and height:
            return width, height
    return image.width, image.height


def renditions(image, kind):
    """What `includes/picture.html` needs to draw `image` as a `kind` of picture, or
    None when there is no image, or its file is missing or unreadable: one lost file
    must not take down every page whose footer shows a logo."""
    if not image:
        return None
    try:
        return _renditions(image, kind)
    except (OSError, ValueError, Image.UnidentifiedImageError):
        logger.warning("Cannot make resized copies of %s", image.name, exc_info=True)
        # Storage may be back for the next page: what shows it is not kept without it.
        do_not_cache()
        return None


def _renditions(image, kind):
    width, height = _dimensions(image)
    widths = sorted({_size(width, height, w)[0] for w in RENDITION_WIDTHS[kind]})
    # Uploads are stored under the extension of their content (named_by_content).
    name = image.name.lower()
    fallback = "PNG" if name.endswith(".png") else "WEBP" if name.endswith(".webp") else "JPEG"

    def srcset(image_format):
        return ", ".join(f"{_url(image, w, image_format)} {w}w" for w in widths)

    default_width, default_height = _size(width, height, widths[len(widths) // 2])
    return {
        "webp_srcset": srcset("WEBP") if fallback != "WEBP" else "",
        "srcset": srcset(fallback),
        "src": _url(image, default_width, fallback),
        "width": default_width,
        "height": default_height,
    }


def image_fields():
    """Every field that holds uploaded images: the library's, and UploadedImageFields."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, CheckedImageField):
                yield model, field


def make_all_copies(**kwargs):
    """The resized copies a backup leaves out, made after a restore rather than by a
    visitor. (The library's are made by the background worker: media/tasks.py.)"""
    for model, field in image_fields():
        if isinstance(field, UploadedImageField):
            for obj in model._base_manager.exclude(**{field.name: ""}):
                field.make_copies(model, obj)


def picture_of(image, kind):
    """What `includes/picture.html` needs to draw a library picture (media.models.Image)
    as a `kind` of picture ({src, srcset, webp_srcset, width, height}), or None. Never
    makes a copy: until the background worker has made them, the original, scaled down.

    (An image still held by an UploadedImageField is drawn as before, by renditions().)"""
    if isinstance(image, FieldFile):
        return renditions(image, kind)
    return copies.picture(image, kind) if image is not None else None
