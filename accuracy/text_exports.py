"""Whether a report reads the same from its PDF and from the text another tool makes of it.

Each PDF of a folder is also turned into text by poppler's `pdftotext` (its default mode, or with
`--layout` its layout mode, which keeps columns side by side, or with `--raw` its raw mode, the
content stream's order), and both are extracted. Counted per
document: the same inspection (authority, framework, start date), the same team (name and role), the
same judgements, the share of the PDF's claims that the text gives word for word (and of the
text's that the PDF gives), and of those shared claims, the share that also sit under the same heading
with the same polarity (a heading the text lost puts its claims under the section before), and the
share that sit in a paragraph of the same claims (a paragraph end the text lost joins two). No gold is
needed: the PDF reading is the reference, measured against hand labels elsewhere (`accuracy.fields`,
`accuracy.claims`).

    python -m accuracy.text_exports [FOLDER ...] [--layout | --raw] [--workers N] [--differences]

The default folders are the shared corpus's `pdf/` and `reports/`.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from accuracy.fields import corpus_dir, extract_or_none, family_of
from accuracy.pdftotext import add_mode_options, pdftotext
from accuracy.precision_recall import markdown_table
from loaders.records import FindingRecord


@dataclass(frozen=True)
class Agreement:
    file: str
    family: str
    read: bool  # both readings gave a record
    inspection: bool
    team: bool
    judgements: bool
    pdf_claims: int
    text_claims: int
    shared_claims: int
    same_reading: int  # shared claims with the same section and polarity in both readings
    same_paragraph: int  # shared claims whose paragraph holds the same claims in both readings


def compare(pdf: Path, mode: str = "default") -> Agreement:
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / f"{pdf.stem}.txt"
        made = pdftotext(pdf, text, mode)
        a = extract_or_none(pdf)
        b = extract_or_none(text) if made else None
    if a is None or b is None:
        family = family_of(a.inspection.framework) if a else "unread"
        claims = len(a.findings) if a else 0
        return Agreement(pdf.name, family, False, False, False, False, claims, 0, 0, 0, 0)
    claims_a, claims_b = {f.text for f in a.findings}, {f.text for f in b.findings}
    reading_a = {f.text: (f.section, f.polarity) for f in a.findings}
    reading_b = {f.text: (f.section, f.polarity) for f in b.findings}
    paragraph_a, paragraph_b = _paragraphs(a.findings), _paragraphs(b.findings)
    return Agreement(
        pdf.name,
        family_of(a.inspection.framework),
        True,
        a.inspection.id == b.inspection.id,
        {(i.name, i.role) for i in a.inspectors} == {(i.name, i.role) for i in b.inspectors},
        {(j.area, j.grade) for j in a.judgements} == {(j.area, j.grade) for j in b.judgements},
        len(claims_a),
        len(claims_b),
        len(claims_a & claims_b),
        sum(reading_a[t] == reading_b[t] for t in claims_a & claims_b),
        sum(paragraph_a[t] == paragraph_b[t] for t in claims_a & claims_b),
    )


def _paragraphs(findings: Sequence[FindingRecord]) -> dict[str, frozenset[str]]:
    """Each claim's words -> the words of its paragraph's claims."""
    paragraphs: dict[int, set[str]] = {}
    for f in findings:
        paragraphs.setdefault(f.paragraph_ordinal, set()).add(f.text)
    return {f.text: frozenset(paragraphs[f.paragraph_ordinal]) for f in findings}


def table(results: Sequence[Agreement]) -> str:
    header = [
        "family", "PDFs read", "same inspection", "same team", "same judgements",
        "PDF claims also in text", "text claims also in PDF", "shared claims read alike",
        "shared claims in the same paragraph",
    ]  # fmt: skip
    families = sorted({r.family for r in results})
    rows = []
    for name, group in [(f, [r for r in results if r.family == f]) for f in families] + [
        ("**all**", list(results))
    ]:
        read = [r for r in group if r.read]
        pdf, text, shared, alike, together = (
            sum(getattr(r, k) for r in read)
            for k in ("pdf_claims", "text_claims", "shared_claims", "same_reading", "same_paragraph")
        )
        rows.append(
            [
                name,
                f"{len(read)} / {len(group)}",
                *(
                    f"{sum(getattr(r, k) for r in read) / max(len(read), 1):.1%}"
                    for k in ("inspection", "team", "judgements")
                ),
                f"{shared / max(pdf, 1):.1%}",
                f"{shared / max(text, 1):.1%}",
                f"{alike / max(shared, 1):.1%}",
                f"{together / max(shared, 1):.1%}",
            ]
        )
    return markdown_table(header, rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    add_mode_options(parser)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--differences", action="store_true", help="list the documents that differ")
    args = parser.parse_args(argv)
    folders = args.folders or [corpus_dir() / "pdf", corpus_dir() / "reports"]
    pdfs = sorted(p for folder in folders for p in folder.glob("*.pdf"))
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(compare, pdfs, [args.mode] * len(pdfs), chunksize=4))
    print(table(results))
    if args.differences:
        for r in results:
            if (
                not (r.read and r.inspection and r.team and r.judgements)
                or r.shared_claims < 0.9 * r.pdf_claims
                or r.same_reading < 0.9 * r.shared_claims
            ):
                print(f"- {r.file}: {r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
