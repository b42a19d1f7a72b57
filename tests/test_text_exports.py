"""A report reads the same from its PDF and from the text pdftotext makes of it (default and -layout
modes): the layout traits of such text (lines wrapped at the page width with no blank line between
paragraphs, paragraph numbers alone on their line, a judgement table whose grade cells are lost or
set beside their cells) are read as what they are. Team lists run into the next sentence:
tests/test_report_formats.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from accuracy.text_exports import compare
from loaders.clean import clean_text
from loaders.extract import extract_bytes
from loaders.findings import section_name
from loaders.judgements import read_judgements
from loaders.layout_tables import TABLE_LINES, reorder_grade_cells
from loaders.read import read_document

# One of each kind whose pdftotext text once read badly: SIF reports (numbers alone on their lines,
# a quality assurance manager run into the back page, a title its page's banner repeats), ILACS
# reports of 2018, 2019 and 2025 (a judgement heading written as a clause, or after a bullet), a
# focused visit.
REPORTS = [
    "peterborough-2015-09-18-inspection.pdf",
    "rochdale-2018-03-12-inspection.pdf",
    "solihull-2016-07-07-inspection.pdf",
    "bury-2016-05-16-inspection.pdf",
    "sefton-2016-06-27-inspection.pdf",
    "birmingham-2019-01-17-inspection.pdf",
    "manchester-2025-11-11-inspection.pdf",
    "wolverhampton-2024-11-01-focused-visit.pdf",
]


@pytest.mark.parametrize("mode", ["default", "layout", "raw"])
@pytest.mark.parametrize("name", REPORTS)
def test_pdftotext_text_reads_as_its_pdf(corpus: Path, name: str, mode: str) -> None:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed: scripts/setup installs it"
    agreement = compare(corpus / "pdf" / name, mode)
    layout = mode == "layout"
    assert agreement.read and agreement.inspection and agreement.team and agreement.judgements, agreement
    assert agreement.shared_claims >= 0.9 * agreement.pdf_claims, agreement
    assert agreement.shared_claims >= 0.9 * agreement.text_claims, agreement
    if not layout:  # -layout sets a SIF area's grade beside its wrapped title: docs/accuracy.md
        assert agreement.same_reading >= 0.95 * agreement.shared_claims, agreement  # heading, polarity
    # The default mode writes no blank line between a letter's paragraphs: only a last line that ends a
    # sentence short of the width shows the end (one that ends near the width is lost). -layout keeps them.
    together = 0.95 if layout else 0.6
    assert agreement.same_paragraph >= together * agreement.shared_claims, agreement


def test_text_wrapped_at_a_page_width_is_unwrapped() -> None:
    wrapped = (
        "Executive summary\n"
        "The local authority is ambitious. Knowledgeable and experienced senior managers\n"
        "and leaders are working well together to manage change in a systematic way.\n"
        "Beginning with the restructuring of services, they have established a hub and\n"
        "are now rolling out the new early help offer.\n"
    )
    raw = read_document(wrapped.encode(), "report.txt")
    assert raw.hard_wrapped
    assert "senior managers and leaders are working" in clean_text(raw.text, raw.hard_wrapped)
    one_per_line = "Strengths\n\nThe council is ambitious.\nLeaders know their services well.\n"
    assert not read_document(one_per_line.encode(), "letter.txt").hard_wrapped


def test_a_paragraph_number_alone_on_its_line_goes_back_to_its_paragraph() -> None:
    text = (
        "Recommendations\n1.\n\nEnsure that the performance framework gives managers a clear line\n"
        "of sight of practice.\n2.\n\nEnsure that challenge is consistent.\n"
    )
    cleaned = clean_text(text, hard_wrapped=True)
    assert "1. Ensure that the performance framework gives managers a clear line of sight" in cleaned
    assert "\n2. Ensure that challenge is consistent." in cleaned
    # A number that ends a sentence left unfinished on the line before is that sentence's.
    ended = "no representation for children under the age of\n13.\n\nThe graded judgement for adoption\n"
    assert "13. The graded" not in clean_text(ended, hard_wrapped=True)
    # A number that opens a page is its page's first paragraph's, not the end of the page before.
    overleaf = (
        "16. Access to information on current cases is readily available, so that decisions\n"
        "are timely and appropriate.\n\n11\n\n\f17.\n\nThe majority of assessments of need are good.\n"
    )
    paragraphs = clean_text(overleaf, hard_wrapped=True).strip().split("\n\n")
    assert paragraphs[-1] == "17. The majority of assessments of need are good."
    assert paragraphs[-2].endswith("are timely and appropriate.")
    # pdftotext may put the page's number between a paragraph's number and its text.
    numbered_page = (
        "33. Senior managers plan to transfer the assessments to a dedicated staff team.\n\n15\n\n"
        "\f34.\n\n16\n\nArrangements for managing allegations are commissioned.\n"
    )
    paragraphs = clean_text(numbered_page, hard_wrapped=True).strip().split("\n\n")
    assert paragraphs[-1] == "34. Arrangements for managing allegations are commissioned."
    # ... or a page may open with a heading, its first paragraph's number under it.
    heading_first = (
        "Decisions are not underpinned by checks.\n\n10\n\fInspection findings\n11.\n\nA partnership works.\n"
    )
    assert clean_text(heading_first, hard_wrapped=True).strip().split("\n\n")[-1] == (
        "Inspection findings\n11. A partnership works."
    )


def test_a_page_number_inside_its_page_goes() -> None:
    # pdftotext puts a page's number where the PDF draws it, which can be before the page's last
    # paragraph: between that paragraph's number and its text.
    pages = [f"{n}. Paragraph {n} of the report is about plans for children.\n\n{n + 1}" for n in range(1, 4)]
    wrapped = "\n".join(f"line {n} of a paragraph about care leavers" for n in range(1, 7))
    pages.append(f"4. Paragraph four: {wrapped}.\n\n5.\n\n5\n\nThere is too little housing.\n{wrapped}.")
    paragraphs = clean_text("\f".join(pages), hard_wrapped=True).strip().split("\n\n")
    assert paragraphs[-1].startswith("5. There is too little housing. line 1 of a paragraph")
    assert "5" not in paragraphs


def test_a_judgement_heading_written_as_a_clause_keeps_its_paragraph_number_off() -> None:
    # The first ILACS reports of 2018 wrote "... is good" where later ones write ": good".
    raw = (
        "This helps children to be located more quickly when they go missing.\n\n"
        "The experiences and progress of children in care and care leavers is good\n16.\n\n"
        "When children come into care in a planned way, this is informed by an\nassessment.\n"
    )
    assert clean_text(raw, hard_wrapped=True).strip().split("\n\n")[1:] == [
        "The experiences and progress of children in care and care leavers is good\n"
        "16. When children come into care in a planned way, this is informed by an assessment."
    ]


def test_a_judgement_heading_whose_grade_is_its_verb_stands_alone_in_raw_text() -> None:
    # pdftotext -raw writes no blank line: the heading after the last item of a list ("...
    # protection requires improvement to be good", a clause with no "is") must not join that item.
    raw = (
        "- The impact of the virtual school in improving provision for children in care.\n"
        "The experiences and progress of children who need help and\n"
        "protection requires improvement to be good\n"
        "1. A growing number of children in Birmingham are beginning to benefit from\n"
        "early help services provided by better engaged partner agencies.\n"
    )
    assert clean_text(raw, hard_wrapped=True).strip().split("\n") == [
        "- The impact of the virtual school in improving provision for children in care.",
        "The experiences and progress of children who need help and protection requires improvement "
        "to be good",
        "1. A growing number of children in Birmingham are beginning to benefit from early help services "
        "provided by better engaged partner agencies.",
    ]


def test_a_sif_title_split_by_its_grade_cell_is_one_heading() -> None:
    # pdftotext puts the grade box beside a SIF area's title between the title's two lines, and the
    # title, grade, "Summary" and text follow one another with no blank line.
    raw = (
        "Their parents receive good support when they need it.\n\n10\n\n"
        "The experiences and progress of\nGood\nchildren who need help and protection\nSummary\n"
        "Safeguarding concerns are recognised quickly as they are referred\n"
        "for assessment.\n"
    )
    assert clean_text(raw, hard_wrapped=True).splitlines()[2:] == [
        "The experiences and progress of children who need help and protection",
        "Good",
        "Summary",
        "Safeguarding concerns are recognised quickly as they are referred for assessment.",
    ]
    first = "Section 1: The local authority - Summary of findings\nServices are inadequate because:\n"
    assert clean_text(first + "1.\n\nLeaders do not act.\n", hard_wrapped=True).splitlines() == [
        "Section 1: The local authority - Summary of findings",
        "Services are inadequate because:",
        "1. Leaders do not act.",
    ]


def test_a_grade_box_beside_a_title_is_no_part_of_its_section() -> None:
    area = "The experiences and progress of children who need help and protection"
    assert (
        section_name(
            "The experiences and progress of children who need help and Requires improvement protection"
        )
        == area
    )
    assert section_name(f"Key Judgement {area}") == area
    assert section_name(f"{area} {area}") == area  # the page's banner and the title, run together
    assert section_name("Judgement Grade") is None  # the box's label leaves the section as it was


def test_compounds_that_text_exports_joined_at_a_line_end_get_their_hyphen_back() -> None:
    """pdftotext drops the hyphen of a compound broken at a line's end ("care-" / "experienced")."""
    wrapped = (
        "Inspection of Bolton children's services\n"
        "Careexperienced young people are supported by a strong multiagency team, and\n"
        "the outof-hours service responds quickly during the COVID19 pandemic. Their\n"
        "wellbeing is promoted, and their long-term plans are coordinated by managers.\n"
    )
    raw = read_document(wrapped.encode(), "report.txt")
    assert raw.hard_wrapped
    assert "Care-experienced young people" in raw.text
    assert "multi-agency team" in raw.text and "out-of-hours service" in raw.text and "COVID-19" in raw.text
    # Words the reports also write joined, or English words, are left as written.
    assert "wellbeing is promoted" in raw.text and "are coordinated by" in raw.text
    # A text with a paragraph per line is not another tool's export, and is read as written.
    assert "Careexperienced" in read_document(b"Strengths\n\nCareexperienced young people.\n", "a.txt").text


def test_a_sif_sub_judgement_lost_from_the_table_is_read_from_its_heading() -> None:
    front = "1. Children who need help and protection Requires improvement\n2.1 Adoption performance\n"
    full = front + (
        "The graded judgement for adoption performance is that it requires improvement\n"
        "The graded judgement about the experience and progress of care leavers is that it is good\n"
    )
    found = {(j.area, j.grade) for j in read_judgements(front, full)}
    assert found >= {
        ("Children who need help and protection", "Requires improvement"),
        ("Adoption performance", "Requires improvement"),
        ("Experiences and progress of care leavers", "Good"),
    }


def test_a_layout_table_s_grades_go_after_their_cells() -> None:
    table = (
        "Children's services in Sefton require improvement to be good\n"
        "1. Children who need help and protection                      Requires improvement\n\n"
        "2. Children looked after and achieving                        Requires improvement\n"
        "   permanence\n\n"
        "                                                              Good\n"
        "          2.1 Adoption performance\n"
    )
    lines = [line.strip() for line in reorder_grade_cells(table).split("\n") if line.strip()]
    assert lines[1:] == [
        "1. Children who need help and protection   Requires improvement",
        "2. Children looked after and achieving",
        "permanence   Requires improvement",
        "2.1 Adoption performance   Good",
    ]


def test_a_layout_table_without_blank_lines_and_a_misprinted_grade() -> None:
    """Rows one after the other with no blank line between them: a row opens as a sentence does, and
    its cell's wrapped line goes on in lower case. "Require improvement" is read as the grade it means."""
    table = (
        " Judgement                                                     Grade\n"
        " The impact of leaders on social work practice with children\n"
        "                                                               Inadequate\n"
        " and families\n"
        " The experiences and progress of children who need help and\n"
        "                                                               Require improvement\n"
        " protection\n"
    )
    front = reorder_grade_cells(table)
    lines = [line.strip() for line in front.split("\n") if line.strip()]
    assert lines[2] == "and families   Inadequate"
    assert lines[4] == "protection   Require improvement"
    cleaned = clean_text(front, hard_wrapped=True)
    assert {(j.area, j.grade) for j in read_judgements(cleaned, cleaned)} == {
        ("The impact of leaders on social work practice with children and families", "Inadequate"),
        ("The experiences and progress of children who need help and protection", "Requires improvement"),
    }


def test_a_layout_section_title_s_grade_box_goes_after_the_title() -> None:
    """After the table, a SIF area's title with its grade box beside it, which layout text interleaves
    with the title's lines: the title reads as one heading, its grade a block of its own after it."""
    opening = "Children's services in North Somerset require improvement to be good\n" + "\n" * TABLE_LINES
    section = (
        "\fThe experiences and progress of\n"
        "                                                       Requires improvement\n"
        "children looked after and achieving\n"
        "permanence                                             to be good\n\n"
        "Summary\n\n"
        "Outcomes for children looked after in North Somerset require improvement to be\n"
        "good. Decisions to look after children are appropriate but not always timely.\n"
    )
    text = reorder_grade_cells(opening + section)
    assert text.endswith(
        "\fThe experiences and progress of\nchildren looked after and achieving\npermanence\n\n"
        "Requires improvement to be good\n\n\n" + section[section.index("Summary") :]
    )
    cleaned = clean_text(text, hard_wrapped=True)
    assert "The experiences and progress of children looked after and achieving permanence\n" in cleaned


def test_a_letter_s_text_export_keeps_its_findings_apart_from_what_surrounds_them() -> None:
    """Four faults of text exports of visit letters: a heading after a line that a stray word left
    unfinished, a bullet glyph on a line of its own, the series' footnote and the letter's closing run
    into the last paragraph."""
    letter = (
        "Dear Ms Brooks\n\nFocused visit to Bolton children's services\n\n"
        "This letter summarises the findings of a focused visit to Bolton children's services on 6\n"
        "and 7 July 2021. Her Majesty's Inspectors for this visit were Ann Lead and Tom Anthony.\n\n"
        "Managers provide regular supervision. However, records do not consistently state the agreed\n"
        "action plan or the reflections discussed. in\n\n"
        "What needs to improve in this area of social work practice?\n\u25fc\n\n"
        "The recording of how and when actions to progress children's plans are undertaken.\n\n"
        "Findings\n"
        "Social workers know their children well and visit them regularly, and managers make timely\n"
        "decisions about what children need.\n"
        "The areas for improvement have been cross-referenced with the outcomes, enablers or principles in\n"
        "the Children's Social Care: National Framework. This statutory guidance sets out the purpose,\n"
        "principles for practice and expected outcomes of children's social care.\n"
        "Leaders know their services well. I am copying this letter to the DfE.\n\n"
        "Yours sincerely\nAnn Lead\nHer Majesty's Inspector\n"
    )
    found = extract_bytes(letter.encode(), "bolton-2021-08-01-focused-visit.txt").findings
    texts = [f.text for f in found]
    assert "- The recording" not in " ".join(texts) and "-The recording" not in " ".join(texts)
    assert texts[0] == "The recording of how and when actions to progress children's plans are undertaken."
    assert found[0].polarity == "recommendation"
    assert texts[-1] == "Leaders know their services well."
    assert not any("cross-referenced" in t or "copying" in t for t in texts)
