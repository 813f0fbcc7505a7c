"""Files chosen in a form that is refused for another reason are kept, so that the
editor does not have to find and choose them again.

When a form with errors is shown again, each file that passed its own checks is stored,
stripped of its location data like any upload, in a private folder: KEPT_UPLOADS_ROOT,
on the local disk, outside MEDIA_ROOT and never served by the web server (nor by S3
when media live there). The form carries a token for it in a hidden input beside the
file input, with a thumbnail that only the admin's `kept_upload` view shows, and only
to the person who chose the file: the token is signed for that person's account and
names it. Sent back by that person without a new file, the token brings the kept file
back as if it had been chosen again; anyone else's token keeps nothing. Kept files are
removed once saved for good, or after KEPT_FOR seconds (at the next refused form, or by
`manage.py remove_kept_uploads`).

The folder is local: with several machines behind one address, a form sent back to
another machine than the one that refused it finds no kept file, and the editor
chooses it again, as without this module.
"""

import logging
import os
import secrets
from contextvars import ContextVar
from datetime import timedelta
from io import BytesIO

from django.conf import settings
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from PIL import Image

logger = logging.getLogger(__name__)

KEPT_FOR = 24 * 60 * 60
SALT = "citymined.kept-uploads"

# The request being answered, so that a form field (which is given none) knows whose
# file it keeps; set by the remember_request middleware.
_request = ContextVar("kept_uploads_request", default=None)


def storage():
    """Where kept files wait: a private folder, with no URL."""
    return FileSystemStorage(
        location=settings.KEPT_UPLOADS_ROOT,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


def remember_request(get_response):
    """Middleware: the request, for keep() and the widget, which Django gives none."""

    def middleware(request):
        token = _request.set(request)
        try:
            return get_response(request)
        finally:
            _request.reset(token)

    return middleware


def _current_user_id():
    request = _request.get()
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user.pk


def _salt(user_id):
    # Signed for one account: a token copied into another person's form does not verify.
    return f"{SALT}:{user_id}"


class KeptUpload(SimpleUploadedFile):
    """A file chosen in an earlier, refused submission, read back from where it was kept."""

    def __init__(self, token, stored_name, name, content, content_type):
        super().__init__(name, content, content_type)
        self.token = token
        self.stored_name = stored_name

    @property
    def is_image(self):
        return self.content_type.startswith("image/")

    @property
    def url(self):
        """The thumbnail's address: the admin's view, for the person who chose it."""
        return reverse("admin:kept_upload", args=[self.token])


def _image_type(content):
    """The MIME type of what the content really is, or None if it is no image: the
    preview is served with it, never with the type the browser claimed."""
    try:
        with Image.open(BytesIO(content)) as image:
            # A JPEG with a second picture inside (Pillow's MPO) is a JPEG to browsers.
            return Image.MIME.get("JPEG" if image.format == "MPO" else image.format)
    except Exception:
        return None


def keep(upload, content=None, content_type=None):
    """The upload, stored until the form is sent again by the same person: a
    KeptUpload; `content` is what to keep of it (its bytes without location data) when
    not the upload as it came, `content_type` what it is when it is no image (a
    document, checked by its field). Nothing is kept, and the upload is returned as it
    is, for no one signed in or for a file that is neither."""
    if isinstance(upload, KeptUpload):
        return upload
    user_id = _current_user_id()
    if content is None:
        upload.seek(0)
        content = upload.read()
        upload.seek(0)
    content_type = content_type or _image_type(content)
    if user_id is None or content_type is None:
        return upload
    files = storage()
    name = os.path.basename(upload.name)
    unique_name = files.get_valid_name(f"{secrets.token_urlsafe(12)}-{name}")
    try:
        remove_expired()
        stored_name = files.save(unique_name, ContentFile(content))
    except OSError:
        # The form is shown again all the same; the file must then be chosen again.
        logger.warning("Could not keep an upload in %s", files.location, exc_info=True)
        return upload
    token = signing.dumps(
        {"path": stored_name, "name": name, "type": content_type, "user": user_id},
        salt=_salt(user_id),
    )
    return KeptUpload(token, stored_name, name, content, content_type)


def kept(token, user_id=None):
    """The file a token names, or None when the token is forged, expired or another
    person's, or the file is gone. `user_id` defaults to the person signed in."""
    user_id = _current_user_id() if user_id is None else user_id
    if user_id is None:
        return None
    try:
        data = signing.loads(token, salt=_salt(user_id), max_age=KEPT_FOR)
    except signing.BadSignature:
        return None
    if data.get("user") != user_id:
        return None
    try:
        with storage().open(data["path"]) as file:
            content = file.read()
    except (OSError, ValueError):
        return None
    return KeptUpload(token, data["path"], data["name"], content, data["type"])


def kept_upload_view(request, token):
    """The thumbnail of a kept file, for the person who chose it (an admin view: only
    staff signed in reach it); a kept document is downloaded, never shown."""
    upload = kept(token, request.user.pk)
    if upload is None:
        raise Http404
    response = FileResponse(
        BytesIO(upload.read()),
        content_type=upload.content_type,
        as_attachment=not upload.is_image,
        filename=upload.name,
    )
    add_never_cache_headers(response)
    response.headers["Cache-Control"] += ", private"
    return response


def discard(upload):
    try:
        storage().delete(upload.stored_name)
    except OSError:
        logger.warning("Could not remove the kept upload %s", upload.stored_name, exc_info=True)


def remove_expired():
    """Remove kept files older than KEPT_FOR; the number removed."""
    limit = timezone.now() - timedelta(seconds=KEPT_FOR)
    files = storage()
    try:
        names = files.listdir("")[1]
    except FileNotFoundError:
        return 0
    removed = 0
    for name in names:
        try:
            if files.get_modified_time(name) < limit:
                files.delete(name)
                removed += 1
        except OSError:
            logger.warning("Could not remove the kept upload %s", name, exc_info=True)
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


class KeptUploadField:
    """A form field's half that checks each upload (`check(upload)`) and keeps one that
    passed when the form is refused for another reason, so that it need not be chosen
    again: mixed into a FileField or an ImageField, before it."""

    widget = KeptFileInput

    def __init__(self, *args, **kwargs):
        # The admin asks for its own file widget; this one is that widget, and keeps files.
        kwargs["widget"] = KeptFileInput
        super().__init__(*args, **kwargs)
        self.accepted = None

    def check(self, upload):
        raise NotImplementedError

    def keep_accepted(self, upload):
        """The kept copy of an upload that passed (`keep()`, with what it is)."""
        return keep(upload)

    def to_python(self, data):
        if data not in self.empty_values:
            self.check(data)
        return super().to_python(data)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        self.accepted = data if isinstance(data, UploadedFile) else None
        return value

    def bound_data(self, data, initial):
        """What a refused form shows again: the file chosen, once it passed its checks."""
        if self.accepted is not None and isinstance(data, UploadedFile):
            # Kept once, however many times the form asks for the value.
            self.accepted = self.keep_accepted(self.accepted)
            return self.accepted
        return initial
