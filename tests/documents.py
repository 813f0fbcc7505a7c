"""Real document files made in memory (PDF, Office Open XML, OpenDocument, legacy
Office), and hostile ones, for upload and download tests."""

import struct
import zipfile
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile

OOXML_TYPES = {
    "docx": ("word/document.xml", "wordprocessingml.document"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation"),
}
MACRO_TYPES = {
    "docx": "application/vnd.ms-word.document.macroEnabled.main+xml",
    "xlsx": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "pptx": "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
}


def pdf_bytes(text="Annual report"):
    """A one-page PDF that readers open, with its cross-reference table."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = BytesIO()
    output.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return output.getvalue()


def ooxml_bytes(kind="docx", macros=False):
    """A Word, Excel or PowerPoint file (kind: docx, xlsx, pptx) as Office writes one:
    a zip whose [Content_Types].xml names the main part's type; with `macros`, the
    macro-enabled type and a VBA project, as a docm, xlsm or pptm has."""
    part, main = OOXML_TYPES[kind]
    main_type = (
        MACRO_TYPES[kind]
        if macros
        else f"application/vnd.openxmlformats-officedocument.{main}.main+xml"
    )
    vba = (
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        if macros
        else ""
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{vba}"
        f'<Override PartName="/{part}" ContentType="{main_type}"/>'
        "</Types>"
    )
    output = BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/officeDocument" Target="{part}"/></Relationships>',
        )
        archive.writestr(part, "<document>Annual report</document>")
        if macros:
            archive.writestr(f"{part.split('/')[0]}/vbaProject.bin", b"\x00" * 64)
    return output.getvalue()


def odf_bytes(kind="text", macros=False, mimetype=None):
    """An OpenDocument file (kind: text, spreadsheet, presentation): a zip whose first
    member, stored, is its `mimetype` (another one makes another kind of zip: an
    e-book's is application/epub+zip)."""
    output = BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            mimetype or f"application/vnd.oasis.opendocument.{kind}",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
        if macros:
            archive.writestr("Basic/Standard/Module1.xml", "<script:module/>")
    return output.getvalue()


def zip_bytes():
    output = BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("report.pdf", pdf_bytes())
    return output.getvalue()


def compound_file_bytes(*names):
    """A legacy Office file (Compound File Binary, version 3): a FAT sector and a
    directory sector holding the root and a stream or storage for each of `names`
    ("WordDocument" makes a .doc, "Workbook" an .xls; "Macros" is Word's VBA)."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<I", header, 48, 1)  # the directory starts at sector 1
    struct.pack_into("<IIIII", header, 56, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *[free] * 108)
    fat = struct.pack("<128I", fat_sector, end, *[free] * 126)

    def entry(name, kind):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        data = bytearray(128)
        data[: len(encoded)] = encoded
        struct.pack_into("<HBB", data, 64, len(encoded), kind, 1)
        struct.pack_into("<III", data, 68, free, free, free)
        struct.pack_into("<I", data, 116, end)
        return bytes(data)

    entries = [entry("Root Entry", 5)]
    entries += [entry(name, 1 if name == "Macros" else 2) for name in names]
    directory = b"".join(entries).ljust(512, b"\x00")
    return bytes(header) + fat + directory


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
# The first bytes of a Windows program.
EXE_HEADER = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50


def document_upload(name="report.pdf", content=None, content_type="application/pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type)
