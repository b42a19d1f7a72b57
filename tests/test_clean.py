"""Cleaning the messy text that PDF and HTML extraction produce, without losing any of it."""

from __future__ import annotations

from loaders.clean import clean_text
from loaders.html_text import html_to_text


def test_running_headers_footers_and_page_numbers_go() -> None:
    bodies = [
        "Leaders know their services well.",
        "Children are seen regularly.",
        "Plans are clear.",
        "Care leavers are supported.",
    ]
    pages = [
        f"Inspection of Solihull local authority children's services\n3 to 14 November 2025 {n}\n\n"
        f"{body}\n\n{n}"
        for n, body in enumerate(bodies, start=1)
    ]
    cleaned = clean_text("\f".join(pages), hard_wrapped=True)
    assert "Inspection of Solihull" not in cleaned
    assert "November 2025" not in cleaned
    assert cleaned.strip().split("\n\n") == bodies


def test_form_feed_splitting_a_paragraph_is_joined() -> None:
    raw = (
        "12. The quality of assessments has improved and\nis now good\f2\n\nin most cases. Plans are clear.\n"
    )
    assert clean_text(raw, hard_wrapped=True) == (
        "12. The quality of assessments has improved and is now good in most cases. Plans are clear.\n"
    )


def test_bullet_split_across_a_page_break_is_joined() -> None:
    raw = (
        "- There is consistently good communication with partner agencies including\n\n\n\n"
        "feedback on the outcome of referrals and assessments.\n\n- Next bullet."
    )
    assert clean_text(raw).splitlines() == [
        "- There is consistently good communication with partner agencies including feedback on the outcome "
        "of referrals and assessments.",
        "",
        "- Next bullet.",
    ]


def test_unfinished_sentence_ending_on_a_function_word_is_joined() -> None:
    raw = "The Children and Family Court Advisory and\n\nSupport Service praises the plans."
    assert (
        clean_text(raw).strip()
        == "The Children and Family Court Advisory and Support Service praises the plans."
    )


def test_headings_are_not_joined_to_what_follows() -> None:
    raw = "Strengths\n\nEarly help is effective.\n\nAreas for development\n\n- Records are poor."
    assert clean_text(raw).strip().split("\n\n") == [
        "Strengths",
        "Early help is effective.",
        "Areas for development",
        "- Records are poor.",
    ]


def test_ul_and_square_bullet_fragments_become_bullets() -> None:
    raw = (
        'Strengths\n<ul style="list-style-type: none">\u25aa Case transfer is clear. \u25aa Diversity is '
        "recognised.\n\n- Children are seen."
    )
    lines = [line for line in clean_text(raw).splitlines() if line]
    assert lines == [
        "Strengths",
        "- Case transfer is clear.",
        "- Diversity is recognised.",
        "- Children are seen.",
    ]


def test_paragraph_tags_become_paragraphs() -> None:
    raw = "<p>Summary</p> <p>Children are safe.</p>"
    assert clean_text(raw).strip().split("\n\n") == ["Summary", "Children are safe."]


def test_wingdings_and_private_use_bullets_become_dashes() -> None:
    raw = (
        "What needs to improve\n\n\uf0b7 The timeliness of plans.\n\uf02e The quality of visits.\n"
        "\u25fc Supervision."
    )
    assert [line for line in clean_text(raw, hard_wrapped=True).splitlines() if line.startswith("- ")] == [
        "- The timeliness of plans.",
        "- The quality of visits.",
        "- Supervision.",
    ]


def test_hyphenated_line_breaks_keep_the_hyphen_and_lose_the_break() -> None:
    assert clean_text("records are easily accessible to the out-\n\nof-hours duty service.").strip() == (
        "records are easily accessible to the out-of-hours duty service."
    )
    # pdfium marks a hyphen that ended a line with U+FFFE.
    assert clean_text("Well\ufffeestablished partnerships work.", hard_wrapped=True).strip() == (
        "Well-established partnerships work."
    )


def test_hard_wrapped_lines_are_unwrapped_but_items_stay_apart() -> None:
    raw = (
        "13. The establishment of the hub is making a\npositive difference.\n14. Strategy meetings are good."
    )
    assert clean_text(raw, hard_wrapped=True).splitlines() == [
        "13. The establishment of the hub is making a positive difference.",
        "14. Strategy meetings are good.",
    ]


def test_a_judgement_heading_wrapped_at_the_page_width_stands_alone() -> None:
    # pdftotext's text of an ILACS report: the heading follows the last item of the list above it,
    # wrapped, with no blank line between.
    raw = (
        "What needs to improve?\n- The offer to care-experienced young people aged 21 and over.\n"
        "The experiences and progress of children who need help and\nprotection: outstanding\n1.\n\n"
        "Children and families have access to timely responses."
    )
    assert clean_text(raw, hard_wrapped=True).splitlines()[:3] == [
        "What needs to improve?",
        "- The offer to care-experienced young people aged 21 and over.",
        "The experiences and progress of children who need help and protection: outstanding",
    ]


def test_a_bullet_glyph_alone_under_a_line_opens_the_item_after_the_blank_line() -> None:
    raw = "Findings\n\uf0ae\n\nSenior leaders recognise the changes\nthat are required.\n"
    raw += "\uf0ae\n\nThe role is\nembedded."
    assert clean_text(raw, hard_wrapped=True).splitlines() == [
        "Findings",
        "- Senior leaders recognise the changes that are required.",
        "- The role is embedded.",
    ]


def test_letterhead_at_a_page_edge_goes_but_body_stays() -> None:
    raw = (
        "Piccadilly Gate\nStore Street\nManchester M1 2WD\nT 0300 123 1231\nwww.gov.uk/ofsted\n\n"
        "13 March 2020\n\nDear Tim"
    )
    assert clean_text(raw).strip().split("\n\n") == ["13 March 2020", "Dear Tim"]


def test_the_letterhead_drawn_last_on_a_page_goes_with_its_name() -> None:
    # pdftotext -raw writes a page in the order its content stream draws it: a letter's letterhead,
    # "Ofsted" on a line of its own above the address, can come after the page's last paragraph.
    page = (
        "Main findings\nCare leavers receive strong and effective support.\n"
        "Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\nT 0300 123 1231\n"
        "Textphone 0161 618 8524\nenquiries@ofsted.gov.uk\nwww.gov.uk/ofsted"
    )
    cleaned = clean_text(page + "\f2\nThe local offer for care leavers is strong.\n", hard_wrapped=True)
    assert "Ofsted" not in cleaned and "Piccadilly" not in cleaned
    assert [line for line in cleaned.split("\n") if line] == [
        "Main findings",
        "Care leavers receive strong and effective support.",
        "The local offer for care leavers is strong.",
    ]
    body = "Ofsted will take the findings into account.\n\nOfsted\n\nPlans are clear."
    assert clean_text(body, hard_wrapped=True).count("Ofsted") == 2  # inside a page, the word stays


def test_headings_of_the_first_sif_reports_stand_alone_in_text_with_no_blank_lines() -> None:
    # A SIF area's title wrapped over three lines above its grade; the safeguarding board's strengths
    # and weaknesses after the last of its improvements; the grades' descriptions at the end, which
    # must not run on into the paragraph before as findings.
    raw = (
        "The experiences and progress of\nchildren looked after and achieving\npermanence\nInadequate\n"
        "Summary\nServices for children looked after are inadequate.\n"
        "104. Ensure that data collection from all key partners is incorporated into the\n"
        "balanced scorecard.\n"
        "Key strengths and weaknesses of the Local Safeguarding Children Board\n"
        "105. Governance arrangements between the LSCB and the local authority are\n"
        "effective.\n"
        "What the inspection judgements mean: the local\nauthority\n"
        "An outstanding local authority leads highly effective services.\n"
    )
    assert clean_text(raw, hard_wrapped=True).strip().split("\n") == [
        "The experiences and progress of children looked after and achieving permanence",
        "Inadequate",
        "Summary",
        "Services for children looked after are inadequate.",
        "104. Ensure that data collection from all key partners is incorporated into the balanced scorecard.",
        "Key strengths and weaknesses of the Local Safeguarding Children Board",
        "105. Governance arrangements between the LSCB and the local authority are effective.",
        "What the inspection judgements mean: the local authority",
        "An outstanding local authority leads highly effective services.",
    ]


def test_characters_are_normalised() -> None:
    assert (
        clean_text("children\u2019s \u201cvoice\u201d\u00a0matters.").strip()
        == 'children\'s "voice" matters.'
    )


def test_html_keeps_list_items_as_bullets_and_drops_scripts() -> None:
    text, title = html_to_text(
        "<html><head><title>Focused visit</title><script>var x = 1;</script></head><body>"
        "<h2>What needs to improve</h2><ul><li>The quality of plans.</li><li>Supervision.</li></ul>"
        "<p>Children are <strong>safe</strong>.</p></body></html>"
    )
    cleaned = clean_text(text)
    assert title == "Focused visit"
    assert "var x" not in cleaned
    assert cleaned.strip().split("\n\n") == [
        "What needs to improve",
        "- The quality of plans.\n- Supervision.",
        "Children are safe.",
    ]


def test_a_short_line_that_ends_a_sentence_ends_its_paragraph_in_wrapped_text() -> None:
    # pdftotext's text of a letter: no blank line between paragraphs, only the last line's length.
    full = "Leaders have a clear line of sight of children at risk in the community during the"
    text = (
        f"{full}\npandemic, continuing to provide support.\n"
        "Well-developed information-sharing helps senior leaders and partners understand\n"
        "which children are at risk. The harms that they face are known to every practitioner\n"
        "and manager in the service. Schools identify risk early.\n"
        "Partners work well together in the community.\n"
    )
    assert clean_text(text, hard_wrapped=True).split("\n")[:3] == [
        f"{full} pandemic, continuing to provide support.",
        "Well-developed information-sharing helps senior leaders and partners understand which children "
        "are at risk. The harms that they face are known to every practitioner and manager in the service. "
        "Schools identify risk early.",
        "Partners work well together in the community.",
    ]
    # A sentence that ends near the width may go on in the next line: nothing says its paragraph ended.
    longer = text.replace("risk early.", "risk at an early stage, and act.")
    assert "and act. Partners" in clean_text(longer, hard_wrapped=True)


def test_an_area_s_name_and_grade_opening_a_page_are_not_run_into_the_last_bullet() -> None:
    # pdftotext's reading of a 2012-13 looked-after children inspection: the areas for improvement end
    # a page with a bullet that has no full stop, and the next page opens with an area's name and its
    # numbered grade, which must stay a heading of its own.
    header = "Medway Council Inspection of safeguarding and looked after children"
    raw = (
        f"{header}\n\n7\n\nAreas for improvement\n\n6. The local authority should take the following "
        "action.\n\n"
        f"\f{header}\n\n8\n\nWithin three months:\n\n"
        "- improve the communication with and training of foster carers, social\n"
        "workers and personal advisors to support care leavers in making informed\n"
        "choices about their future life\n\n"
        f"\f{header}\n\n9\n\n"
        "Outcomes for looked after children and young\npeople\nGrade 4 (Inadequate)\n"
        "21. Outcomes for looked after children and young people are inadequate.\n"
    )
    assert [line for line in clean_text(raw, hard_wrapped=True).split("\n") if line][-3:] == [
        "- improve the communication with and training of foster carers, social workers and personal "
        "advisors to support care leavers in making informed choices about their future life",
        "Outcomes for looked after children and young people Grade 4 (Inadequate)",
        "21. Outcomes for looked after children and young people are inadequate.",
    ]
