"""Which lines of a PDF page are its margins: a body line printed just inside the top margin stays in
the body, so a paragraph running on from the page before is not cut after its first line. Lines a
writer emits after the page's own text but prints above it are read first, and type scaled by its
text matrix is read at the size it is printed, so its footnotes are found."""

from __future__ import annotations

from pathlib import Path

from loaders.extract import extract_file
from loaders.pdf_layout import Line, in_reading_order, split_margins

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


def test_lines_emitted_last_but_printed_above_the_page_are_read_first() -> None:
    run_on = [
        Line(
            "improvement, while supporting other local authorities through its engagement in",
            85.0,
            84.2,
            95.9,
            12.0,
        ),
        Line("sector-led improvement.", 85.0, 98.7, 110.4, 12.0),
    ]
    page = _body(127.9, 20)
    assert in_reading_order([*page, *run_on]) == [*run_on, *page]


def test_a_page_s_own_order_stays_when_nothing_is_printed_above_it() -> None:
    page = _body(96.0, 20)
    footnote = [Line("1 A footnote at the foot of the page.", 85.0, 736.3, 745.0, 6.5)]
    number = [Line("2", 290.0, 773.7, 785.4, 12.0)]  # emitted first, printed last
    assert in_reading_order([*number, *page, *footnote]) == [*number, *page, *footnote]
    assert in_reading_order([*page, *footnote]) == [*page, *footnote]


def test_text_printed_at_a_page_s_top_but_emitted_last_does_not_split_a_sentence(corpus: Path) -> None:
    # Hampshire 2019 emits the end of page 1's summary after page 2's text.
    extraction = extract_file(corpus / "reports" / "hampshire-2019-06-11-inspection.pdf")
    texts = [finding.text for finding in extraction.findings]
    assert any(text.endswith("a further strategy discussion with the involved agencies.") for text in texts)
    assert not any("sector-led improvement." in text and "strategy discussion" in text for text in texts)


def test_a_footnote_in_type_scaled_by_its_matrix_leaves_the_sentence_it_interrupts(corpus: Path) -> None:
    # Peterborough 2015 sets every font at size 1 and scales it by the text matrix.
    extraction = extract_file(corpus / "pdf" / "peterborough-2015-09-18-inspection.pdf")
    texts = [finding.text for finding in extraction.findings]
    assert not any("Operation Erle was a major joint operation" in text for text in texts)
    assert any(
        "exploitation does not facilitate analysis of the risks and trigger factors" in " ".join(text.split())
        for text in texts
    )
