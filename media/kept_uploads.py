"""Files chosen in a form that is refused for another reason are kept, so that the
editor does not have to find and choose them again.

When a form with errors is shown again, each file that passed its own checks is stored
in a temporary folder of the default storage (the local disk or S3 alike), and the
form carries a signed token for it in a hidden input beside the file input, with a
thumbnail. Sent back without a new file, the token brings the kept file back as if it
had been chosen again. Kept files are removed once saved for good, or after
KEPT_FOR seconds (at the next refused form, or by `manage.py remove_kept_uploads`).
"""

import logging
import posixpath
import secrets
from datetime import timedelta

from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

logger = logging.getLogger(__name__)

FOLDER = "kept-uploads"
KEPT_FOR = 24 * 60 * 60
SALT = "citymined.kept-uploads"


class KeptUpload(SimpleUploadedFile):
    """A file chosen in an earlier, refused submission, read back from where it was kept."""

    def __init__(self, token, stored_name, name, content, content_type):
        super().__init__(name, content, content_type)
        self.token = token
        self.stored_name = stored_name

    @property
    def url(self):
        return default_storage.url(self.stored_name)


def keep(upload):
    """The upload, stored until the form is sent again: a KeptUpload."""
    if isinstance(upload, KeptUpload):
        return upload
    remove_expired()
    name = posixpath.basename(upload.name)
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    unique_name = default_storage.get_valid_name(f"{secrets.token_urlsafe(12)}-{name}")
    stored_name = default_storage.save(posixpath.join(FOLDER, unique_name), ContentFile(content))
    token = signing.dumps(
        {"path": stored_name, "name": name, "type": upload.content_type}, salt=SALT
    )
    return KeptUpload(token, stored_name, name, content, upload.content_type)


def kept(token):
    """The file a token names, or None when the token is forged or expired, or the file
    is gone."""
    try:
        data = signing.loads(token, salt=SALT, max_age=KEPT_FOR)
    except signing.BadSignature:
        return None
    try:
        with default_storage.open(data["path"]) as file:
            content = file.read()
    except OSError:
        return None
    return KeptUpload(token, data["path"], data["name"], content, data["type"])


def discard(upload):
    try:
        default_storage.delete(upload.stored_name)
    except OSError:
        logger.warning("Could not remove the kept upload %s", upload.stored_name, exc_info=True)


def remove_expired():
    """Remove kept files older than KEPT_FOR; the number removed."""
    limit = timezone.now() - timedelta(seconds=KEPT_FOR)
    try:
        names = default_storage.listdir(FOLDER)[1]
    except FileNotFoundError:
        return 0
    removed = 0
    for name in names:
        path = posixpath.join(FOLDER, name)
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
                removed += 1
        except OSError:
            logger.warning("Could not remove the kept upload %s", path, exc_info=True)
    return removed


class KeptFileInput(AdminFileWidget):
    """A file input that shows, and sends back, the file kept from a refused form."""

    template_name = "media/kept_file_input.html"

    def kept_name(self, name):
        return f"{name}-kept"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if isinstance(value, KeptUpload):
            # The kept file replaces the current one: no "Currently:" link, no "Clear".
            context["widget"].update(is_initial=False, kept=value, kept_name=self.kept_name(name))
        return context

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        token = data.get(self.kept_name(name))
        if upload is None and token:
            return kept(token)
        return upload

    def value_omitted_from_data(self, data, files, name):
        return (
            super().value_omitted_from_data(data, files, name) and self.kept_name(name) not in data
        )
