"""Real image files made in memory, for upload and rendering tests."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(size=(64, 48), image_format="JPEG", **save_options):
    output = BytesIO()
    Image.new("RGB", size, "#336699").save(output, format=image_format, **save_options)
    return output.getvalue()


def upload(name="photo.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content or image_bytes(), content_type=content_type)
