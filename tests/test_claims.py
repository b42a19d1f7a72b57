"""Claims: sentences of finding paragraphs (whole bullets and list items), with no junk, anywhere."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from junk import junk_reason, section_reason

from loaders.clean import clean_text
from loaders.errors import ExtractionError
from loaders.extract import extract_bytes, read_claims
from loaders.findings import letter_findings, report_findings
from loaders.segment import paragraphs
from loaders.sentences import sentence_spans


def _junk_of(path: Path) -> list[str]:
    try:
        text, claims, _ = read_claims(path.read_bytes(), path.name)
    except ExtractionError:
        return []  # a file the loader refuses has no claims
    found = []
    for claim in claims:
        reason = junk_reason(text[claim.start : claim.end]) or section_reason(claim.paragraph.section)
        if reason:
            found.append(f"{path.name}: {reason}: {text[claim.start : claim.end][:120]!r}")
    return found


def _corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".pdf", ".txt"))


def test_no_claim_of_the_shared_corpus_is_junk(corpus: Path) -> None:
    files = _corpus_files(corpus)
    assert len(files) > 500
    with ProcessPoolExecutor(2) as pool:
        junk = [line for found in pool.map(_junk_of, files, chunksize=8) for line in found]
    assert junk == [], f"{len(junk)} junk claims, the first: {junk[:10]}"


def test_the_junk_detector_knows_junk() -> None:
    # The detector must fail on what the corpus test is there to keep out.
    assert junk_reason("You may reuse this information (not including logos) free of charge.")
    assert junk_reason("2. Children looked after and achieving permanence")
    assert junk_reason("The impact of leaders on social work practice with children and families Good")
    assert junk_reason("Ensure that children benefit from life story work Information about this inspection")
    assert junk_reason("2018.")
    assert junk_reason("The graded judgment for adoption performance is that it is good.")
    assert junk_reason("Books were good. The graded judgement about care leavers is that it is good")
    assert junk_reason("Ofsted will consider the findings from this visit when planning the next inspection.")
    assert junk_reason("Thank you and your staff for your positive engagement with the focused visit.")
    assert junk_reason("We also ask you to share a draft of your action plan within 20 working days.")
    assert junk_reason("Reliance on private sector provision continues.\n\n89.")
    assert junk_reason("Social workers visit children regularly and know them well.") is None
    assert section_reason("Grade 4 (Inadequate)") and section_reason("Requires improvement to be good")
    assert section_reason("Leadership and management") is None


def test_a_sif_sub_judgement_stated_as_a_sentence_opens_its_sub_area() -> None:
    # Some SIF reports end the line with a full stop; it is still the heading of the adoption findings.
    text = (
        "87. There is good access to short breaks.\n\n"
        "The graded judgment for adoption performance is that it is good.\n\n"
        "88. All children with a plan for adoption are given the best chance.\n"
    )
    drafts = report_findings(paragraphs(text))
    assert [(text[d.start : d.end], d.section) for d in drafts] == [
        ("There is good access to short breaks.", ""),
        ("All children with a plan for adoption are given the best chance.", "Adoption performance"),
    ]


def test_an_ilacs_judgement_heading_ending_with_a_full_stop_opens_its_area() -> None:
    text = (
        "11. Leaders know the service well.\n\n"
        "The experiences and progress of children in care and care leavers is good.\n\n"
        "12. Children in care live in stable homes.\n"
    )
    drafts = report_findings(paragraphs(text))
    assert [(text[d.start : d.end], d.section) for d in drafts] == [
        ("Leaders know the service well.", ""),
        (
            "Children in care live in stable homes.",
            "The experiences and progress of children in care and care leavers",
        ),
    ]


def test_numbered_titles_that_divide_a_list_of_bullets_are_not_items() -> None:
    text = (
        "Recommendations\n\n"
        "1. Quality and effectiveness of practice\n\n"
        "- Ensure that strategy meetings meet statutory requirements.\n\n"
        "2. Children who go missing or who are at risk of child sexual exploitation\n\n"
        "- Offer every child who goes missing a timely return home interview.\n"
    )
    drafts = report_findings(paragraphs(text))
    assert [text[d.start : d.end] for d in drafts] == [
        "Ensure that strategy meetings meet statutory requirements.",
        "Offer every child who goes missing a timely return home interview.",
    ]


def test_a_letter_s_list_of_priority_actions_after_its_introduction_is_the_list() -> None:
    text = (
        "Areas for priority action\n\n"
        "In addition to addressing the two priority actions not resolved following the last focused visit, "
        "the local authority needs to take action on the following areas:\n\n"
        "- The quality of planning for children.\n\n"
        "- Timely escalation to pre-proceedings.\n\n"
        "Since the last visit, leaders have made some progress.\n"
    )
    drafts = letter_findings(paragraphs(text))
    assert [(text[d.start : d.end], d.given) for d in drafts] == [
        (text[text.index("In addition") : text.index(":") + 1], None),
        ("The quality of planning for children.", "priority-action"),
        ("Timely escalation to pre-proceedings.", "priority-action"),
        ("Since the last visit, leaders have made some progress.", None),
    ]


def test_a_point_to_improve_stated_in_full_is_one_claim_its_words_decide() -> None:
    text = (
        "What needs to improve in this area of social work practice\n\n"
        "- Assessments vary in quality. Some lack analysis of the risks to children.\n\n"
        "- Engagement with children. For example, the use of children's interests.\n\n"
        "- The quality of plans for children in need.\n"
    )
    drafts = letter_findings(paragraphs(text))
    assert [(text[d.start : d.end].split(".")[0], d.given, d.item) for d in drafts] == [
        ("Assessments vary in quality", None, True),
        ("Engagement with children", "recommendation", True),
        ("The quality of plans for children in need", "recommendation", True),
    ]


def test_a_letter_s_procedure_and_closing_courtesies_end_its_findings_however_worded() -> None:
    for close in (
        "- Ofsted will take the findings of this focused visit into account when planning your next visit.",
        "Thank you and your staff for your positive engagement with the focused visit. Ofsted will take "
        "these findings into account when planning your next inspection or visit.",
        "Ofsted will share the findings from this focused visit with the Department for Education.",
        # What Ofsted asks after priority actions is its procedure, not a finding.
        "Where a focused visit results in an area for priority action, we require you to submit an action "
        "plan within 70 working days. You have already submitted an action plan.",
        "We have notified the Department for Education of the areas for priority action. In terms of our "
        "next steps, we will be considering whether our next activity will be a focused visit.",
    ):
        text = f"Findings\n\nLeaders know their services well.\n\n{close}\n\nAudits are thorough.\n"
        drafts = letter_findings(paragraphs(text))
        assert [text[d.start : d.end] for d in drafts] == ["Leaders know their services well."], close


def test_the_board_s_findings_after_its_recommendations_are_the_board_s() -> None:
    text = (
        "The Local Safeguarding Children Board (LSCB)\n\n"
        "The Local Safeguarding Children Board is good\n\n"
        "Recommendations\n\n"
        "1. Ensure that the board's audits reach every partner.\n\n"
        "Inspection findings\n\n"
        "2. The board's chair is effective and partners attend well.\n"
    )
    drafts = report_findings(paragraphs(text))
    assert [(d.section, d.given) for d in drafts] == [
        ("Recommendations", "recommendation"),
        ("The Local Safeguarding Children Board", None),
    ]


def test_sentences_keep_abbreviations_brackets_and_short_fragments_whole() -> None:
    text = (
        "Social workers know children well (see paragraph 3.). However, e.g. in the MASH, "
        "decisions are slow. The No. 11 service is a drop-in. Dr. Smith agreed. (Recommendation 2)"
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Social workers know children well (see paragraph 3.).",
        "However, e.g. in the MASH, decisions are slow.",
        "The No. 11 service is a drop-in.",
        "Dr. Smith agreed. (Recommendation 2)",
    ]
    assert sentence_spans("  One two three four.  ", offset=10) == [(12, 31)]


def test_a_bracketed_marker_after_a_stop_ends_its_sentence() -> None:
    text = "The figure remains a concern. (Recommendation) Older care leavers fare less well than others."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "The figure remains a concern. (Recommendation)",
        "Older care leavers fare less well than others.",
    ]


def test_a_quotation_of_several_sentences_is_one_point() -> None:
    text = (
        "Young people said, 'They ask us, we tell them, they don't listen. So, what is the point?' "
        "Parents' views are sought. Social workers visit often."
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Young people said, 'They ask us, we tell them, they don't listen. So, what is the point?'",
        "Parents' views are sought.",
        "Social workers visit often.",
    ]
    # A quotation whose close the text lost does not swallow the sentences after it.
    lost = "One child said, 'They listen. Social workers visit often. Plans are clear."
    assert len(sentence_spans(lost)) == 3


def test_a_quotation_that_opens_a_sentence_starts_it() -> None:
    """spaCy keeps the punctuation after a stop on the sentence it ends, an opening quotation mark
    too: the mark starts the next claim instead of dangling at the end of this one."""
    text = (
        "Reports are written by the adoption team. 'Prospective adopters' reports' are thorough. "
        "Children said they are heard. \u2018We like it here. They listen.\u2019 Plans are clear."
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Reports are written by the adoption team.",
        "'Prospective adopters' reports' are thorough.",
        "Children said they are heard.",
        "\u2018We like it here. They listen.\u2019",
        "Plans are clear.",
    ]


def test_a_number_that_opens_a_line_stays_in_its_sentence() -> None:
    raw = (
        "84. Care leavers are able to remain in their foster placements beyond the age of\n"
        "18. This opportunity is welcomed by most care leavers.\n"
        "85. Attainment at key stage\n2. is improving.\n"
    )
    assert clean_text(raw).splitlines() == [
        "84. Care leavers are able to remain in their foster placements beyond the age of 18. This "
        "opportunity is welcomed by most care leavers.",
        "85. Attainment at key stage 2. is improving.",
    ]


def test_the_next_paragraph_number_opens_a_paragraph_after_a_lost_full_stop() -> None:
    raw = (
        "66. The local authority's own data shows this in terms of the average time taken between "
        "children entering care and moving in with their adoptive families\n"
        "67. Practice is sharply focused on finding the right adoptive families for children.\n"
    )
    assert len(clean_text(raw).splitlines()) == 2


def test_a_paragraph_number_left_without_text_joins_no_paragraph() -> None:
    text = (
        "The experiences and progress of children looked after\n\n"
        "88. The local authority acknowledges its reliance on private sector provision.\n\n89.\n\n"
        "90. Current recruitment activity is sensitive to this imbalance.\n"
    )
    drafts = report_findings(paragraphs(text))
    assert [text[d.start : d.end] for d in drafts] == [
        "The local authority acknowledges its reliance on private sector provision.",
        "Current recruitment activity is sensitive to this imbalance.",
    ]


def test_a_numbered_paragraph_that_opens_like_an_area_s_name_is_no_table_row() -> None:
    # A page break left the paragraph's first line without its stop.
    text = (
        "Experiences and progress of care leavers\n\n"
        "134. The local authority does not know whether young people are leaving care prematurely.\n\n"
        "135. Care Leavers' participation, involvement and influence within the Leaving Care\n\n"
        "Service is good. An active participation group meets regularly.\n"
    )
    drafts = report_findings(paragraphs(text))
    assert [(d.paragraph, text[d.start : d.end].split()[0]) for d in drafts] == [(134, "The"), (135, "Care")]


_REPORT = """Inspection of Sefton local authority children's services

Inspection dates: 4 to 15 March 2024

Lead inspector: Jane Doe, His Majesty's Inspector

Judgement Grade

1. The impact of leaders on social work practice with children and families
Good

2. The experiences and progress of children who need help and protection Requires improvement to be good

What needs to improve?

- The quality of plans for children in need. Plans lack timescales.

The experiences and progress of children who need help and protection

Requires improvement

3. Children receive timely help. However, some assessments are too slow and lack analysis. \
Managers know this. Inspectors looked at the records of 40 children.

4. Supervision is regular and reflective.

The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates and inspects \
to achieve excellence in the care of children and young people.

You may reuse this information (not including logos) free of charge in any format or medium.
"""


@pytest.fixture(scope="module")
def report() -> object:
    return extract_bytes(_REPORT.encode(), "sefton-2024-04-20-inspection.txt")


def test_a_paragraph_is_its_sentences_and_a_list_item_one_claim(report) -> None:  # type: ignore[no-untyped-def]
    quotes = [(f.paragraph, f.text) for f in report.findings]
    assert quotes == [
        (None, "The quality of plans for children in need. Plans lack timescales."),
        (3, "Children receive timely help."),
        (3, "However, some assessments are too slow and lack analysis."),
        (3, "Managers know this."),
        (3, "Inspectors looked at the records of 40 children."),
        (4, "Supervision is regular and reflective."),
    ]
    item, *paragraph3, paragraph4 = report.findings
    assert item.polarity == "recommendation" and item.polarity_method == "section"
    assert {f.paragraph_ordinal for f in paragraph3} == {2} and paragraph4.paragraph_ordinal == 3
    text = report.document.text
    for claim in report.findings:
        assert text[claim.char_start : claim.char_end] == claim.text
        assert claim.paragraph_start <= claim.char_start < claim.char_end <= claim.paragraph_end
    assert text[paragraph3[0].paragraph_start : paragraph3[0].paragraph_end].startswith("Children receive")


def test_sections_are_headings_not_grades(report) -> None:  # type: ignore[no-untyped-def]
    sections = {f.section for f in report.findings}
    assert sections == {
        "What needs to improve",
        "The experiences and progress of children who need help and protection",
    }


def test_the_model_decides_the_rest_and_is_recorded(report) -> None:  # type: ignore[no-untyped-def]
    decided = [f for f in report.findings if f.polarity_method != "section"]
    assert decided and all(f.polarity_method.startswith("ikg_polarity-") for f in decided)
    assert all(0 < f.polarity_score <= 1 for f in decided)
    assert all(f.polarity in ("strength", "weakness", "mixed", "recommendation", "context") for f in decided)
