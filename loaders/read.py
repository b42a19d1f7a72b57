"""File bytes -> raw text, per format (txt, pdf, html), with a clear error for what cannot be read."""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path, PurePath

import pypdfium2 as pdfium

from loaders.errors import ExtractionError
from loaders.html_text import html_to_text
from loaders.hyphenated import restore_hyphens
from loaders.layout_tables import reorder_grade_cells
from loaders.pdf_layout import pdf_pages_text

PAGE_BREAK = "\f"
FORMATS = {".txt": "txt", ".text": "txt", ".pdf": "pdf", ".html": "html", ".htm": "html"}
# The largest report in the corpus is under 2 MB; a file far beyond that is not a report, and reading
# it whole would only cost memory. IKG_MAX_FILE_BYTES changes it.
DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024
# A complete PDF ends with this marker (followed at most by a little padding).
_PDF_END = b"%%EOF"
_PDF_TAIL = 2048


@dataclass(frozen=True)
class RawDocument:
    text: str  # pages separated by form feeds, paragraphs by blank lines
    format: str
    pages: int | None
    title: str
    hard_wrapped: bool  # lines inside a paragraph are wrapped at the page width


def detect_format(data: bytes, file_name: str) -> str:
    """The format by content first: a PDF by its header, an HTML page by its opening tags (some were
    published with a .pdf name); then by the file name's suffix."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    head = data[:2048].lstrip().lower()
    if head.startswith(b"<!doctype html") or b"<html" in head[:512]:
        return "html"
    named = FORMATS.get(PurePath(file_name).suffix.lower(), "txt")
    if named == "pdf" and _looks_like_text(data):
        return "txt"  # a text saved under a .pdf name; binary junk stays "pdf", to be refused as one
    return named


def _looks_like_text(data: bytes) -> bool:
    head = data[:8192]
    return head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or b"\x00" not in head


def mislabelled(data: bytes, file_name: str) -> str | None:
    """What is wrong with the name of a file whose content is another format than its suffix says
    (it is read by its content all the same), or None."""
    suffix = PurePath(file_name).suffix.lower()
    named, found = FORMATS.get(suffix), detect_format(data, file_name)
    if named is None or named == found:
        return None
    content = "text" if found == "txt" else found.upper()
    return f"its content is {content}, not the {named.upper()} its name says"


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refused before reading when it is larger than `max_bytes`."""
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > max_bytes:
                raise ExtractionError(
                    str(path),
                    f"the file is {size:,} bytes, over the limit of {max_bytes:,} (IKG_MAX_FILE_BYTES)",
                )
            data = file.read(max_bytes + 1)  # a file that grew since the check is still bounded
    except OSError as error:
        raise ExtractionError(str(path), f"cannot be read ({error.strerror or error})") from error
    if len(data) > max_bytes:
        raise ExtractionError(
            str(path), f"the file is over the limit of {max_bytes:,} bytes (IKG_MAX_FILE_BYTES)"
        )
    return data


def _decode(data: bytes) -> str:
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: the single-byte encodings below always decode
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def pdf_problem(data: bytes) -> str | None:
    """Why these bytes are not a whole PDF file, or None."""
    if not data.lstrip().startswith(b"%PDF-"):
        return "not a PDF file"
    if _PDF_END not in data[-_PDF_TAIL:]:
        # PDFium rebuilds a cut file's cross-references and would read the pages it still has.
        return "truncated PDF (no %%EOF marker at the end)"
    return None


def _read_pdf(data: bytes, file_name: str) -> RawDocument:
    problem = pdf_problem(data)
    if problem:
        raise ExtractionError(file_name, problem)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ExtractionError(file_name, "encrypted PDF: it needs a password to open") from error
        raise ExtractionError(file_name, f"unreadable PDF ({error})") from error
    try:
        pages, footnotes = pdf_pages_text(document)
        title = (document.get_metadata_dict().get("Title") or "").strip()
    except pdfium.PdfiumError as error:  # a damaged page: the document opened, its pages do not
        raise ExtractionError(file_name, f"damaged PDF ({error})") from error
    finally:
        document.close()
    if not any(page.strip() for page in pages):
        raise ExtractionError(file_name, "PDF has no text layer (scanned image?)")
    text = PAGE_BREAK.join(pages)
    if footnotes:
        text += PAGE_BREAK + footnotes
    return RawDocument(text, "pdf", len(pages), title, hard_wrapped=True)


def read_document(data: bytes, file_name: str) -> RawDocument:
    if not data.strip():
        raise ExtractionError(file_name, "empty file")
    kind = detect_format(data, file_name)
    if kind == "pdf":
        return _read_pdf(data, file_name)
    text = _decode(data)
    if kind == "html":
        body, title = html_to_text(text)
        return RawDocument(body, "html", None, title, hard_wrapped=False)
    if "\x00" in text:
        raise ExtractionError(file_name, "binary file, not text")
    pages = text.count(PAGE_BREAK) + 1 if PAGE_BREAK in text else None
    text = reorder_grade_cells(text)  # a judgement table as pdftotext -layout sets it out
    if not (PAGE_BREAK in text or _hard_wrapped(text)):
        return RawDocument(text, "txt", pages, "", hard_wrapped=False)
    # A text wrapped at a page width is another tool's export of a PDF: put back the hyphens of the
    # compounds it joined at a line's end.
    return RawDocument(restore_hyphens(text), "txt", pages, "", hard_wrapped=True)


# Of the lines of a text wrapped at a page width (pdftotext's, a mail client's), well over half run
# on into a line that starts in lower case; of a text with a paragraph per line, almost none.
_WRAPPED_SHARE = 0.2


def _hard_wrapped(text: str) -> bool:
    lines = [line.strip() for line in text.split("\n")]
    filled = [n for n, line in enumerate(lines[:-1]) if line]
    if not filled:
        return False
    runs_on = sum(1 for n in filled if lines[n + 1][:1].islower())
    return runs_on / len(filled) > _WRAPPED_SHARE
