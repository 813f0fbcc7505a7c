"""Documents for download, at an address of their own in each language:
`/<language>/documents/12/annual-report-2024.pdf` (documents:download).

Every document of the library is public at its address, as every uploaded file is at
its own: what is uploaded is meant to be offered. The answer can never run as a page:
it is an attachment (named after the title in the reader's language), of the type the
file's content was recognised as (media/documents.py), with `nosniff` and a
Content-Security-Policy that sandboxes it should a browser show it anyway. Proxies and
browsers may keep it as long as a public page, and ask again with its checksum as ETag.
It is read from whichever storage holds it (the disk, S3)."""

import re
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import cache
from django.utils.http import http_date
from django.utils.text import slugify
from django.views.decorators.csp import csp_override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from media.models import Document

# Characters no file name may hold on some system, and control characters.
_UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


# A POST answers 405, not the CSRF check's 403, as seo.views.read_only does.
@csrf_exempt
@require_safe
@csp_override(settings.DOCUMENT_CSP)
def download(request, pk, name):
    document = get_object_or_404(Document, pk=pk)
    kind = document.kind
    if kind is None:
        raise Http404
    if name != document.file_name:
        # A renamed title, or another language's name: one address per document and
        # language, so the proxy keeps one copy of it.
        return redirect(document.get_absolute_url(), permanent=True)
    etag = f'"{document.checksum}"' if document.checksum else None
    last_modified = int(document.updated_at.timestamp())
    not_modified = cache.get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is None:
        try:
            file = document.file.storage.open(document.file.name, "rb")
        except (FileNotFoundError, ValueError) as error:
            raise Http404 from error
        response = FileResponse(file, content_type=kind.mime)
    else:
        response = not_modified
    response["Content-Disposition"] = attachment(document.title, kind.extension)
    if etag:
        response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # The site's SECURE_CONTENT_TYPE_NOSNIFF says it too; said here in case it is off.
    response["X-Content-Type-Options"] = "nosniff"
    cache.patch_cache_control(
        response,
        public=True,
        max_age=settings.HTTP_CACHE_SECONDS,
        stale_while_revalidate=settings.HTTP_STALE_SECONDS,
    )
    return response


def attachment(title, extension):
    """The Content-Disposition of a download named after `title`: the title as it is
    (RFC 6266's filename*, UTF-8), and an ASCII slug for clients that read only
    `filename`."""
    readable = _UNSAFE_IN_NAMES.sub(" ", title).strip(" .") or "document"
    ascii_name = f"{slugify(title) or 'document'}.{extension}"
    return (
        f'attachment; filename="{ascii_name}"; '
        f"filename*=UTF-8''{quote(f'{readable}.{extension}', safe='')}"
    )
