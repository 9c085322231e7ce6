"""Remove what a file says about its author before a report's attachment is stored.

Images are decoded and written again from their pixels (so EXIF, GPS and text chunks are
gone); PDFs are rewritten without their document information and XMP metadata; Word files
lose their core and extended properties (author, last editor, company). Anything else is
refused by the caller: we only accept what we can clean.
"""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext_lazy as _

from lib.uploads import UploadRejected

SCRUBBABLE = ("pdf", "png", "jpeg", "docx", "txt")


def _image(data: bytes, fmt: str) -> bytes:
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)  # keep the orientation EXIF gave it
            wanted = "RGB" if fmt == "JPEG" else ("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
            pixels = image.convert(wanted)
            # A new image from the pixels alone carries no EXIF, GPS, XMP or text chunks.
            clean = Image.new(wanted, pixels.size)
            clean.paste(pixels)
            out = io.BytesIO()
            clean.save(out, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
            return out.getvalue()
    except (OSError, ValueError, Image.DecompressionBombError):
        raise UploadRejected(_("The image could not be read."), "corrupt") from None


def _pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError
    from pypdf.generic import NameObject

    try:
        reader = PdfReader(io.BytesIO(data))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        root = writer._root_object
        if NameObject("/Metadata") in root:
            del root[NameObject("/Metadata")]
        writer._info = None
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except (PdfReadError, ValueError, KeyError):
        raise UploadRejected(_("The PDF could not be read."), "corrupt") from None


# Office property parts: who wrote, edited and owns the file.
_OFFICE_PROPERTY_PARTS = {"docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"}
_EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
)
_EMPTY_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
)


def _docx(data: bytes) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                if info.filename == "docProps/core.xml":
                    target.writestr(info.filename, _EMPTY_CORE)
                elif info.filename == "docProps/app.xml":
                    target.writestr(info.filename, _EMPTY_APP)
                elif info.filename == "docProps/custom.xml":
                    target.writestr(info.filename, b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>')
                else:
                    target.writestr(info, source.read(info.filename))
        return out.getvalue()
    except (zipfile.BadZipFile, KeyError):
        raise UploadRejected(_("The file could not be read."), "corrupt") from None


def scrub(kind: str, data: bytes) -> bytes:
    if kind == "png":
        return _image(data, "PNG")
    if kind == "jpeg":
        return _image(data, "JPEG")
    if kind == "pdf":
        return _pdf(data)
    if kind == "docx":
        return _docx(data)
    if kind == "txt":
        return data
    raise UploadRejected(_("Attach a PDF, a JPEG or PNG photo, a Word file (.docx) or a text file."), "unsupported")
