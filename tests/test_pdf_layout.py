"""Which lines of a PDF page are its margins: a body line printed just inside the top margin stays in
the body, so a paragraph running on from the page before is not cut after its first line."""

from __future__ import annotations

from pathlib import Path

from loaders.extract import extract_file
from loaders.pdf_layout import Line, split_margins

HEIGHT = 842.0
PITCH = 14.5


def _body(first_top: float, count: int) -> list[Line]:
    return [
        Line(f"body line {n}", 113.0, first_top + n * PITCH, first_top + n * PITCH + 11.7, 12.0)
        for n in range(count)
    ]


def test_a_body_line_just_inside_the_top_margin_is_the_body_s() -> None:
    header = Line(
        "Medway Council Inspection of safeguarding and looked after children 6", 85.0, 38.0, 45.8, 8.0
    )
    first = Line(
        "jointly funded appointment between Medway Council and Medway Clinical", 113.0, 76.4, 88.1, 12.0
    )
    top, body, bottom = split_margins([header, first, *_body(76.4 + PITCH, 30)], HEIGHT)
    assert top == [header]
    assert body[0] == first and len(body) == 31
    assert bottom == []


def test_a_letterhead_line_in_the_margin_stays_there() -> None:
    # The body's type, but set apart from the body by more than a paragraph's gap: the page's furniture.
    letterhead = Line("Children's services, Anytown Council", 113.0, 60.0, 71.7, 12.0)
    top, body, _ = split_margins([letterhead, *_body(120.0, 30)], HEIGHT)
    assert top == [letterhead]
    assert len(body) == 30


def test_a_sentence_running_over_a_page_break_is_one_claim(corpus: Path) -> None:
    # The 2013 report on Medway's children looked after sets each page's first line just inside the margin.
    extraction = extract_file(corpus / "reports" / "medway-2013-08-23-inspection.pdf")
    texts = [finding.text for finding in extraction.findings]
    assert (
        "This awaits the jointly funded appointment between Medway Council and Medway Clinical "
        "Commissioning Group of an Assistant Director for Partnership Commissioning."
    ) in texts
    assert not any(finding.section.startswith("Commissioning Group") for finding in extraction.findings)
