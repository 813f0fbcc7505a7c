"""Uploaded documents: what is accepted, recognised by its content, never by its name.

Accepted: PDF; Word, Excel and PowerPoint files (docx, xlsx, pptx, and the legacy doc,
xls, ppt); OpenDocument text, spreadsheet and presentation (odt, ods, odp). A file is
stored under the extension of what it is, whatever it was called, and served as that
(media/views.py).

Refused, each with its own message:
- what a browser would run if it opened it: HTML, SVG, XML, anything else starting with
  markup; programs (Windows, Linux and macOS executables, scripts);
- archives (zip, 7z, rar, gzip, …) other than the office formats' own containers;
- office files with macros (docm, xlsm, pptm, ODF with Basic or scripts, legacy files
  with a VBA storage), which run code when the file is opened in an office suite;
- a file named or sent as a PDF that is not one;
- anything over DOCUMENT_UPLOAD_MAX_BYTES, and empty files.

Plain text, CSV and RTF are not accepted: text has no signature to recognise it by (an
HTML page is text too), and RTF can embed OLE objects, a known way in for attacks; a
spreadsheet saved as xlsx or ods serves the same readers.

Only the standard library reads the files: zipfile for the containers' manifests
(`[Content_Types].xml`, `mimetype`), and a reader of the Compound File's directory
(the legacy formats) of a few lines below. Nothing is decompressed beyond those small
manifests, so an archive made to unpack to gigabytes costs nothing."""

import hashlib
import os
import re
import struct
import zipfile
from dataclasses import dataclass
from functools import partial
from xml.etree import ElementTree

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from media.kept_uploads import KeptUpload, KeptUploadField, discard, keep


@dataclass(frozen=True)
class Kind:
    """What a document is: the extension it is stored and served under, its MIME type,
    and what readers are told it is."""

    extension: str
    mime: str
    label: str


_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"
WORD = _("Word document")
EXCEL = _("Excel spreadsheet")
POWERPOINT = _("PowerPoint presentation")
KINDS = {
    kind.extension: kind
    for kind in (
        Kind("pdf", "application/pdf", _("PDF")),
        Kind("docx", f"{_OOXML}.wordprocessingml.document", WORD),
        Kind("xlsx", f"{_OOXML}.spreadsheetml.sheet", EXCEL),
        Kind("pptx", f"{_OOXML}.presentationml.presentation", POWERPOINT),
        Kind("odt", f"{_ODF}.text", _("OpenDocument text")),
        Kind("ods", f"{_ODF}.spreadsheet", _("OpenDocument spreadsheet")),
        Kind("odp", f"{_ODF}.presentation", _("OpenDocument presentation")),
        Kind("doc", "application/msword", WORD),
        Kind("xls", "application/vnd.ms-excel", EXCEL),
        Kind("ppt", "application/vnd.ms-powerpoint", POWERPOINT),
    )
}
# The content type of an Office Open XML file's main part says what it is.
OOXML_MAIN_PARTS = {
    f"{_OOXML}.wordprocessingml.document.main+xml": "docx",
    f"{_OOXML}.spreadsheetml.sheet.main+xml": "xlsx",
    f"{_OOXML}.presentationml.presentation.main+xml": "pptx",
}
# Parts that carry code: macros (what makes a docm, xlsm or pptm) and ActiveX controls.
OOXML_ACTIVE_PARTS = ("macroenabled", "vbaproject", "activex")
ODF_ACTIVE_FOLDERS = ("Basic/", "Scripts/")
# The streams a legacy Office file's directory names, by the kind they make it.
CFB_STREAMS = {
    "WordDocument": "doc",
    "Workbook": "xls",
    "Book": "xls",
    "PowerPoint Document": "ppt",
}
CFB_MACRO_STORAGES = {"Macros", "_VBA_PROJECT_CUR", "VBA", "_VBA_PROJECT"}

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
PROGRAM_MAGIC = (
    b"MZ",  # Windows programs and libraries
    b"\x7fELF",  # Linux
    bytes.fromhex("feedface"),  # macOS, in each byte order and width
    bytes.fromhex("feedfacf"),
    bytes.fromhex("cefaedfe"),
    bytes.fromhex("cffaedfe"),
    bytes.fromhex("cafebabe"),  # macOS universal binaries (and Java classes)
    b"#!",  # scripts
)
ARCHIVE_MAGIC = (
    b"PK\x05\x06",  # an empty zip
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"BZh",
    bytes.fromhex("fd377a585a00"),  # xz
    b"MSCF",  # Windows cabinet
)
# Manifests larger than this are not read: a real one is a few kilobytes.
MANIFEST_MAX_BYTES = 1024 * 1024


def max_bytes():
    return settings.DOCUMENT_UPLOAD_MAX_BYTES


class Refused(Exception):
    """What a file turned out to be, when it cannot be offered."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


MESSAGES = {
    "too_large": _("This file is %(size)s; a document may be at most %(max)s."),
    "empty": _("This file is empty."),
    "markup": _(
        "This file is a web page, an SVG image or XML: a browser could run scripts in "
        "it, so it cannot be offered for download. Upload a PDF of it instead."
    ),
    "program": _("This file is a program or a script: programs cannot be offered for download."),
    "archive": _(
        "This file is an archive (zip, 7z, rar, …): upload the documents in it one by one."
    ),
    "macros": _(
        "This file contains macros or controls that run when it is opened. Save it "
        "without them (as .docx, .xlsx, .pptx, or as a PDF) and upload it again."
    ),
    "not_a_pdf": _(
        "This file is named or sent as a PDF, but it is not one: export it as a PDF again."
    ),
    "unknown": _(
        "This file is not a PDF or an office document (Word, Excel, PowerPoint or OpenDocument)."
    ),
}


def kind_of(upload):
    """The Kind of an uploaded document, by its content; raises Refused otherwise."""
    upload.seek(0)
    try:
        head = upload.read(4096)
        if head.startswith(PDF_MAGIC):
            return _pdf(upload)
        if head.startswith(ZIP_MAGIC):
            return KINDS[_zipped_kind(upload)]
        if head.startswith(CFB_MAGIC):
            return KINDS[_legacy_kind(upload)]
        raise Refused(_other_reason(head, upload))
    finally:
        upload.seek(0)


def _pdf(upload):
    # A PDF ends with its trailer's %%EOF (perhaps followed by a line end or a little
    # padding): a file that only starts like one is not a PDF a reader can open.
    upload.seek(max(0, upload.size - 1024))
    if b"%%EOF" not in upload.read():
        raise Refused("not_a_pdf")
    return KINDS["pdf"]


def _zipped_kind(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names:
                return _ooxml_kind(archive, names)
            if "mimetype" in names:
                return _odf_kind(archive, names)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise Refused("archive") from error
    raise Refused("archive")


def _manifest(archive, name):
    info = archive.getinfo(name)
    if info.file_size > MANIFEST_MAX_BYTES:
        raise Refused("archive")
    return archive.read(info)


def _ooxml_kind(archive, names):
    try:
        types = ElementTree.fromstring(_manifest(archive, "[Content_Types].xml"))
    except ElementTree.ParseError as error:
        raise Refused("archive") from error
    declared = [element.get("ContentType", "") for element in types]
    if any(part in text.lower() for part in OOXML_ACTIVE_PARTS for text in [*declared, *names]):
        raise Refused("macros")
    kinds = {OOXML_MAIN_PARTS[text] for text in declared if text in OOXML_MAIN_PARTS}
    if len(kinds) != 1:
        raise Refused("unknown")
    return kinds.pop()


def _odf_kind(archive, names):
    declared = _manifest(archive, "mimetype").decode("ascii", "replace").strip()
    if any(name.startswith(ODF_ACTIVE_FOLDERS) for name in names):
        raise Refused("macros")
    for extension in ("odt", "ods", "odp"):
        if declared == KINDS[extension].mime:
            return extension
    raise Refused("unknown")


def _legacy_kind(upload):
    try:
        names = set(compound_file_names(upload))
    except (struct.error, ValueError, IndexError) as error:
        raise Refused("unknown") from error
    if names & CFB_MACRO_STORAGES:
        raise Refused("macros")
    kinds = {CFB_STREAMS[name] for name in names if name in CFB_STREAMS}
    if len(kinds) != 1:
        raise Refused("unknown")
    return kinds.pop()


FREE_OR_END = 0xFFFFFFFA  # sector numbers from here up are markers, not sectors


def compound_file_names(upload):
    """The names of the streams and storages in a Compound File (the legacy Office
    formats' container, [MS-CFB]): its directory, read by following the sector chains
    of the file allocation table. Raises ValueError on a file that is not one."""
    upload.seek(0)
    data = upload.read()
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        raise ValueError("not a compound file")
    size = 1 << shift
    sectors = -(-(len(data) - size) // size)  # the last one may be cut short

    def sector(number):
        if number >= sectors:
            raise ValueError("a sector past the end")
        return data[(number + 1) * size : (number + 2) * size]

    fat_sectors = list(struct.unpack_from("<109I", data, 76))
    difat, difat_count = struct.unpack_from("<II", data, 68)
    per_sector = size // 4
    for _number in range(difat_count):
        if difat >= FREE_OR_END:
            break
        entries = struct.unpack(f"<{per_sector}I", sector(difat))
        fat_sectors += entries[:-1]
        difat = entries[-1]
    fat = []
    for number in fat_sectors:
        if number < FREE_OR_END:
            fat += struct.unpack(f"<{per_sector}I", sector(number))
    names = []
    number = struct.unpack_from("<I", data, 48)[0]
    # Each sector once at most: a chain that loops is a damaged (or hostile) file.
    for _step in range(sectors + 1):
        if number >= FREE_OR_END:
            return names
        directory = sector(number)
        for offset in range(0, size, 128):
            length, kind = struct.unpack_from("<HB", directory, offset + 64)
            if kind in (1, 2) and 2 <= length <= 64:
                names.append(directory[offset : offset + length - 2].decode("utf-16-le"))
        number = fat[number]
    raise ValueError("the directory's chain loops")


def _other_reason(head, upload):
    """Why a file that is no PDF or office file is refused: first that it claims to be a
    PDF (by its name or the type the browser sent), then what it is."""
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith(".pdf") or getattr(upload, "content_type", "") == "application/pdf":
        return "not_a_pdf"
    text = head.lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n").replace(b"\x00", b"")
    if text.startswith(b"<"):
        return "markup"
    if head.startswith(PROGRAM_MAGIC):
        return "program"
    if head.startswith(ARCHIVE_MAGIC) or head[257:262] == b"ustar":
        return "archive"
    return "unknown"


def validate_document_upload(upload):
    """Refuse what cannot be offered for download (see the module's docstring)."""
    if upload.size > max_bytes():
        raise ValidationError(
            MESSAGES["too_large"],
            code="too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes())},
        )
    if not upload.size:
        raise ValidationError(MESSAGES["empty"], code="empty")
    try:
        kind_of(upload)
    except Refused as refusal:
        raise ValidationError(MESSAGES[refusal.reason], code=refusal.reason) from refusal


def named_by_content(name, upload):
    """`name` with the extension of what the upload is: "report.html" that is a PDF
    becomes "report.pdf", and "Scan 12" becomes "Scan 12.pdf"."""
    stem, extension = os.path.splitext(name)
    if not re.fullmatch(r"\.[A-Za-z0-9]{1,5}", extension):
        stem = name
    return f"{stem}.{kind_of(upload).extension}"


def checksum(file):
    """The SHA-256 of a file, read in pieces: the same document uploaded twice has the
    same one."""
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(partial(file.read, 1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


class DocumentUploadFormField(KeptUploadField, forms.FileField):
    """Checks uploads (validate_document_upload), and keeps one that passed when the
    form is refused for another reason, so that it need not be chosen again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ",".join(sorted(accepted_types())))

    def check(self, upload):
        validate_document_upload(upload)

    def keep_accepted(self, upload):
        return keep(upload, content_type=kind_of(upload).mime)


def accepted_types():
    """What the file picker offers: the extensions and MIME types accepted."""
    return {f".{kind.extension}" for kind in KINDS.values()} | {
        kind.mime for kind in KINDS.values()
    }


class DocumentFileField(models.FileField):
    """A FileField whose uploads are checked (validate_document_upload), kept across a
    refused form, stored under the extension of what they are, and measured: the
    model's `size` and `checksum` are set from a new file before it is saved. The
    library's documents (media.models.Document) are stored in one."""

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        # Before any field's value is read for the database: `checksum` comes first.
        if not cls._meta.abstract and cls.__module__ != "__fake__":
            uid = f"document-file-{cls._meta.label}-{name}"
            pre_save.connect(self.measure, sender=cls, weak=False, dispatch_uid=uid)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DocumentUploadFormField, **kwargs})

    def measure(self, sender, instance, raw=False, **kwargs):
        file = getattr(instance, self.attname)
        if raw or not file or file._committed:
            return
        file.name = named_by_content(file.name, file.file)
        instance.size = file.size
        instance.checksum = checksum(file.file)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed and isinstance(file.file, KeptUpload):
            # Saved for good: the kept copy is no longer needed.
            transaction.on_commit(partial(discard, file.file))
        return super().pre_save(model_instance, add)
