"""PDF pages -> plain text that keeps the layout the extraction needs.

pdfium gives the text of a page line by line with each character's box; the boxes tell
where a paragraph ends (a taller gap than the line pitch), which lines sit in the page
margins (running headers, footers, page numbers, letterheads) and which are footnotes
(smaller type at the foot of the body). Margin lines are put first on their page so that
the cleaning step finds them at a page edge; footnotes go to the end of the document so
that they do not split a paragraph that runs on to the next page.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# Margins as fractions of the page height: running headers, footers and letterheads live here.
_TOP_MARGIN = 0.105
_BOTTOM_MARGIN = 0.935
# A gap this many line pitches tall ends a paragraph.
_PARAGRAPH_GAP = 1.35
# Type this much smaller than the body at the foot of a page is a footnote.
_FOOTNOTE_SIZE = 0.85


@dataclass(frozen=True)
class Line:
    text: str
    left: float
    top: float
    bottom: float
    size: float


def _page_lines(page: pdfium.PdfPage) -> list[Line]:
    textpage = page.get_textpage()
    _, height = page.get_size()
    text = textpage.get_text_range()
    lines: list[Line] = []
    for match in re.finditer(r"[^\r\n]+", text):
        raw = match.group()
        if not raw.strip():
            continue
        char = match.start() + len(raw) - len(raw.lstrip())
        left, bottom, _, top = textpage.get_charbox(char, loose=True)
        lines.append(Line(raw.rstrip(), left, height - top, height - bottom, _type_size(textpage, char)))
    return lines


def _type_size(textpage: pdfium.PdfTextPage, char: int) -> float:
    """The size a character is printed at: its font size scaled by its text matrix. Some writers set
    every font at size 1 and scale it by the matrix, where the font size alone cannot tell a
    footnote from the body."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage, char, ctypes.byref(matrix))
    scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
    return pdfium_c.FPDFText_GetFontSize(textpage, char) * scale


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Group lines into paragraphs by the vertical gaps between them."""
    steps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if 0 < b.top - a.top < 40]
    pitch = statistics.median(steps) if steps else 15.0
    groups: list[list[Line]] = []
    for line in lines:
        if groups:
            previous = groups[-1][-1]
            step = line.top - previous.top
            if 0 <= step <= pitch * _PARAGRAPH_GAP or (step < 0 and previous.top - line.top < 2):
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def _render(groups: list[list[Line]]) -> str:
    return "\n\n".join("\n".join(line.text for line in group) for group in groups)


def split_margins(lines: list[Line], height: float) -> tuple[list[Line], list[Line], list[Line]]:
    """A page's lines as (top margin, body, bottom margin). A body line set just inside the top margin
    (a layout whose text starts high on the page) is the body's if it has the body's type and sits a
    line's pitch above it: as a margin line it would end, after its first line, the paragraph that
    runs on from the page before."""
    top = [ln for ln in lines if ln.bottom < height * _TOP_MARGIN]
    bottom = [ln for ln in lines if ln.top > height * _BOTTOM_MARGIN]
    body = [ln for ln in lines if ln not in top and ln not in bottom]
    body_size = statistics.median(ln.size for ln in body) if body else 0.0
    while top and body and top[-1].size == body_size and len(_paragraphs([top[-1], *body])[0]) > 1:
        body.insert(0, top.pop())
    return top, body, bottom


def in_reading_order(body: list[Line]) -> list[Line]:
    """A page's body lines with the paragraphs emitted last but printed above all the others put first.
    Some writers emit the lines that end a paragraph run on from the page before after the page's own
    text, though they are printed at its top; read in the emitted order they split the page's last
    sentence."""
    groups = _paragraphs(body)
    cut = len(groups)
    while cut > 1 and max(ln.bottom for g in groups[cut - 1 :] for ln in g) <= min(
        ln.top for g in groups[: cut - 1] for ln in g
    ):
        cut -= 1
    if cut == len(groups):
        return body
    return [ln for g in groups[cut:] for ln in g] + [ln for g in groups[:cut] for ln in g]


def pdf_pages_text(document: pdfium.PdfDocument) -> tuple[list[str], str]:
    """The text of each page (paragraphs separated by blank lines) and the footnotes of the document."""
    pages: list[str] = []
    footnotes: list[str] = []
    for number in range(len(document)):
        page = document[number]
        _, height = page.get_size()
        top, body, bottom = split_margins(_page_lines(page), height)
        body = in_reading_order(body)
        sizes = [ln.size for ln in body]
        body_size = statistics.median(sizes) if sizes else 0.0
        # Footnotes: a run of small type at the foot of the body, below its middle.
        cut = len(body)
        while cut > 0 and body[cut - 1].size < body_size * _FOOTNOTE_SIZE and body[cut - 1].top > height / 2:
            cut -= 1
        if cut < len(body) and body[cut].text.lstrip()[:1].isdigit():
            footnotes.append(_render(_paragraphs(body[cut:])))
            body = body[:cut]
        parts = [_render(_paragraphs(group)) for group in (top, body, bottom) if group]
        pages.append("\n\n".join(parts))
    return pages, "\n\n".join(footnotes)
