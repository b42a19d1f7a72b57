"""Wordings of the published series the extractor must read: date forms, one-day visits, team
lines, titles, a report that mentions a focused visit without being one, 2026 inspections, and where
a publication date came from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.ladybug_store import LadybugStore
from loaders import framework as fw
from loaders.dates import parse_date, parse_range
from loaders.extract import document_claims, extract_file, inspection_dates, published_date
from loaders.judgements import read_judgements
from loaders.people import find_inspectors, signatory, team_members
from loaders.read import detect_format
from loaders.segment import paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/03/2019 to 23/03/2019", (date(2019, 3, 12), date(2019, 3, 23))),
        ("4 to 15 Feb 2019", (date(2019, 2, 4), date(2019, 2, 15))),
        ("4 Sept. 2022 - 15 Sept. 2022", (date(2022, 9, 4), date(2022, 9, 15))),
        ("23 and 24 February 2021", (date(2021, 2, 23), date(2021, 2, 24))),
        ("29 December to 9 January 2026", (date(2025, 12, 29), date(2026, 1, 9))),
    ],
)
def test_date_ranges_in_every_form(text: str, expected: tuple[date, date]) -> None:
    assert parse_range(text) == expected


def test_visit_dates_as_letters_write_them() -> None:
    opening = (
        "4 October 2018\n\nDear Mr Patterson\n\nThis letter summarises the findings of a focused visit to "
    )
    assert inspection_dates(opening + "Camden children's services on the 15 and 16 of May 2018.") == (
        date(2018, 5, 15),
        date(2018, 5, 16),
    )
    assert inspection_dates(opening + "Middlesbrough council on 7\nand 8 August 2018.") == (
        date(2018, 8, 7),
        date(2018, 8, 8),
    )
    # No year printed: the letter's (4 October 2018), or the year before for a visit later in the year.
    assert inspection_dates(opening + "Durham's young people's services on 13 and 14 July.") == (
        date(2018, 7, 13),
        date(2018, 7, 14),
    )
    assert inspection_dates(opening + "Durham on 10 and 11 December.") == (
        date(2017, 12, 10),
        date(2017, 12, 11),
    )
    assert parse_range("Inspection date: 20 June 2017 \u2500 13 July 2017") == (
        date(2017, 6, 20),
        date(2017, 7, 13),
    )


def test_numbers_that_are_not_dates_stay_numbers() -> None:
    assert parse_date("under section 12/3 of the Act") is None
    assert parse_date("30/13/2019") is None  # no thirteenth month
    assert parse_range("a mar 2020 on the record") is None


def test_a_one_day_visit_is_dated_by_its_letter() -> None:
    front = (
        "This letter summarises the findings of a focused visit to Bedford Borough Council children's "
        "services on 11 December 2018. The inspectors were Brenda McInerney and Nick Stacey."
    )
    assert inspection_dates(front) == (date(2018, 12, 11), date(2018, 12, 11))
    # A date later in the sentence is not the visit's.
    later = "Inspectors visited children's services on the days agreed, and reported on 3 May 2019."
    assert inspection_dates(later) == (None, None)


def test_a_report_that_mentions_a_focused_visit_is_not_one() -> None:
    front = (
        "Lincolnshire County Council\nInspection of children's social care services\n"
        "Inspection dates: 29 April to 3 May 2019\nOverall effectiveness Outstanding\n"
        "Leaders have responded well to the findings of a focused visit and have implemented a plan."
    )
    assert fw.detect_framework(front, date(2019, 4, 29), date(2019, 5, 3)) == fw.ILACS_SHORT
    letter = "Dear Ms Hinds\nThis letter summarises the findings of the focused visit to Wolverhampton."
    assert fw.detect_framework(letter, None, None) == fw.ILACS_FOCUSED_VISIT


def test_ilacs_reports_titled_by_their_council_and_the_2013_looked_after_inspections() -> None:
    council = (
        "Inspection of Barking and Dagenham\nchildren's services\nInspection dates: 10 to 21 July 2023\n"
    )
    assert fw.detect_framework(council + "Overall effectiveness Good", None, None) == fw.ILACS_STANDARD
    lac = "Inspection of looked after children\nservices\nMedway Council\n"
    assert fw.detect_framework(lac, None, None) == fw.LOOKED_AFTER_CHILDREN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Lead inspectors: Kate Malleson and Tom Anthony, His Majesty's Inspectors\nJudgement Grade",
            [("Kate Malleson", "lead inspector"), ("Tom Anthony", "lead inspector")],
            id="two lead inspectors",
        ),
        pytest.param(
            "Reporting inspector Sarah Urding HMI\nDeputy lead inspector Anji Parker\n"
            "the lead inspector met leaders",
            [("Sarah Urding", "lead inspector"), ("Anji Parker", "deputy lead inspector")],
            id="role lines without their colon",
        ),
        pytest.param(
            # pdftotext -raw ran a cover page's fields into one line.
            "Inspection dates: 15-19 July 2013 Reporting inspector Sarah Urding HMI Age group: All "
            "Published: 23 August 2013. The reporting inspector Sarah Urding met leaders.",
            [("Sarah Urding", "lead inspector")],
            id="a role and a titled name inside a line",
        ),
        pytest.param(
            # pdftotext's lines glued: the list runs on into the next page's sentence.
            "Senior data analyst: Clare Atkinson Quality assurance manager: Sean Tarpey Any complaints "
            "about the inspection should be made following the procedures of the Children's Services and "
            "Skills, the Family Court Advisory and Support Service",
            [("Clare Atkinson", "senior data analyst"), ("Sean Tarpey", "quality assurance manager")],
            id="a team list ends where the next sentence begins",
        ),
        pytest.param(
            # The back page's first sentence run on after the last name.
            "Quality assurance manager: Simon Rushall The Office for Standards in Education, Children's "
            "Services and Skills (Ofsted) regulates and inspects",
            [("Simon Rushall", "quality assurance manager")],
            id="a sentence that opens with a word no name has",
        ),
        pytest.param(
            # pdftotext joined names hyphenated at a line's end; prefixes keep their capitals.
            "Team inspectors: Helen Cawston, Peter McEntee, Debora BarazettiScott, Ian MacDonald, "
            "Paula ThomsonJones",
            [
                ("Helen Cawston", "team inspector"),
                ("Peter McEntee", "team inspector"),
                ("Debora Barazetti-Scott", "team inspector"),
                ("Ian MacDonald", "team inspector"),
                ("Paula Thomson-Jones", "team inspector"),
            ],
            id="a hyphen lost at a line's end",
        ),
        pytest.param(
            # pdftotext -layout doubles the spacing of some team blocks.
            "Team inspectors: Graham Reiter, Sheena Doyle,\n\nAnn-Marie Born, Joy Howick\n\n"
            "Shadow inspectors: Stella Elliot",
            [
                ("Graham Reiter", "team inspector"),
                ("Sheena Doyle", "team inspector"),
                ("Ann-Marie Born", "team inspector"),
                ("Joy Howick", "team inspector"),
                ("Stella Elliot", "shadow inspector"),
            ],
            id="a list that ends its line with a comma goes on",
        ),
    ],
)
def test_team_lines(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.role) for p in team_members(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Team inspectors:\nNigel Parkes, HMI\nIan Young, HMI Kathryn Townsley, Ofsted Inspector Diane "
            "Partridge, HMI (Designate)\n\nSenior data analyst: Stewart Hartshorne",
            [
                ("Nigel Parkes", "team inspector"),
                ("Ian Young", "team inspector"),
                ("Kathryn Townsley", "team inspector"),
                ("Diane Partridge", "team inspector"),
                ("Stewart Hartshorne", "senior data analyst"),
            ],
            id="a list wrapped onto lines of its own",
        ),
        pytest.param(
            "Team inspectors (all HMI unless otherwise stated): Dominic Stevens and Deane Jennings "
            "(Associate Inspector)\nAssociate inspector: Fiona Parker\nDeputy lead inspector: Cath "
            "McEvoy/Ian Young\nTeam inspectors: Nick Stacy AI and Paul d\u2019Inverno",
            [
                ("Dominic Stevens", "team inspector"),
                ("Deane Jennings", "team inspector"),
                ("Fiona Parker", "team inspector"),
                ("Cath McEvoy", "deputy lead inspector"),
                ("Ian Young", "deputy lead inspector"),
                ("Nick Stacy", "team inspector"),
                ("Paul d\u2019Inverno", "team inspector"),
            ],
            id="notes, post-nominals, slashes and particles",
        ),
    ],
)
def test_team_blocks_of_reports(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.role) for p in team_members(text)] == expected


_LETTER_END = "\n\nOfsted will take the findings into account.\n\nAnn Lead\nHis Majesty's Inspector\n"


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        pytest.param(
            "The visit was carried out by Ann Lead, Tara Geere and Tom Anthony (HMI designate), all of "
            "whom are Her Majesty's Inspectors.",
            [("Ann Lead", "lead inspector"), ("Tara Geere", "inspector"), ("Tom Anthony", "inspector")],
            id="carried out by",
        ),
        pytest.param(
            "His Majesty's Inspectors for this visit were lead inspector Ann Lead and team inspectors "
            "Sally Sinclair and Mark Scanlon.",
            [
                ("Ann Lead", "lead inspector"),
                ("Sally Sinclair", "team inspector"),
                ("Mark Scanlon", "team inspector"),
            ],
            id="roles before the names",
        ),
        pytest.param(
            "Her Majesty's Inspectors for this visit were Ann Lead, lead inspector, Tracey Ledder, team "
            "inspector and Nhlanganiso Nyathi, who observed the visit. The quality assurance manager was "
            "Sean Tarpey, SHMI. Kendra Bell, Her Majesty's Inspector (Designate), shadowed the visit.",
            [
                ("Ann Lead", "lead inspector"),
                ("Tracey Ledder", "team inspector"),
                ("Nhlanganiso Nyathi", "shadow inspector"),
                ("Sean Tarpey", "quality assurance manager"),
                ("Kendra Bell", "shadow inspector"),
            ],
            id="roles after the names, and members named apart",
        ),
        pytest.param(
            "The inspectors were Ann Lead and Neil Penswick, Her Majesty's Inspectors (HMI) Social Care, "
            "and Jane Spilsbury, HMI Schools.",
            [("Ann Lead", "lead inspector"), ("Neil Penswick", "inspector"), ("Jane Spilsbury", "inspector")],
            id="the inspectorate's remits are not names",
        ),
    ],
)
def test_visit_letters_name_their_team(opening: str, expected: list[tuple[str, str]]) -> None:
    letter = "Dear Ms Brooks\n\nFocused visit to Sutton children's services\n\n" + opening + _LETTER_END
    found = find_inspectors(letter, "lead inspector")
    assert sorted((p.name, p.role) for p in found) == sorted(expected)


def test_a_signature_whose_title_text_exports_broke_up() -> None:
    """pdftotext may put a stray mark inside the title under the name that signs a letter, and
    unwrapping its lines joins the two."""
    letter = "Dear Ms Brooks\n\nFindings.\n\nYours sincerely\nAndy Whippey Her = Majesty's Inspector\n"
    assert signatory(letter) == "Andy Whippey"


def test_a_letter_with_no_sign_off_whose_last_sentence_ran_into_the_name() -> None:
    """pdftotext -raw writes no blank line, so a last sentence without its full stop is unwrapped into
    the name and title that close a letter with no "Yours sincerely"."""
    letter = (
        "Dear Mr Hewitt,\n\nFindings.\n\nOfsted will take the findings from this focused visit into account "
        "when planning your next inspection or visit Kate Malleson Her Majesty's Inspector\n"
    )
    assert signatory(letter) == "Kate Malleson"
    assert (
        signatory("Dear Mr Hewitt,\n\nFindings in the Department for Education Her Majesty's Inspector\n")
        is None
    )


def test_a_sentence_and_its_recommendation_marker_alone_on_a_line_are_no_heading() -> None:
    """The end of a paragraph a page break set on its own line, a SIF sentence with its "(Recommendation)"
    marker, is the paragraph's, not a heading that names the section after it (Wakefield 2016)."""
    found = paragraphs(
        "This also inhibits senior managers' and elected members' overview of the services. "
        "(Recommendation)\n"
        "Leadership, management and governance\n"
    )
    assert [p.heading for p in found] == [False, True]


def test_an_html_page_saved_under_a_pdf_name_is_read_as_html() -> None:
    page = b"<!DOCTYPE html>\n<html><body><p>Report not found</p></body></html>"
    assert detect_format(page, "bromley-2012-08-17-inspection.pdf") == "html"
    assert detect_format(b"%PDF-1.7 ...", "report.txt") == "pdf"
    assert detect_format(b"Plain words", "notes.txt") == "txt"
    assert detect_format(b"Plain words", "notes.pdf") == "txt"
    assert detect_format(b"\x00\x9f binary", "notes.pdf") == "pdf"


def test_2026_inspections_keep_their_length_and_a_quoted_grade_is_not_the_table_s() -> None:
    title = "Inspection of Brent children's services\nInspection dates: 27 April to 1 May 2026\n"
    quoted = title + "At the last inspection, overall effectiveness was judged to be good.\n"
    start, end = date(2026, 4, 27), date(2026, 5, 1)
    assert fw.detect_framework(quoted, start, end) == fw.ILACS_2026
    assert fw.ilacs_length(fw.ILACS_2026, start, end) == "short"
    assert fw.ilacs_length(fw.ILACS_2026, date(2026, 5, 11), date(2026, 5, 22)) == "standard"
    graded = title + "Overall effectiveness    Good\n"
    assert fw.detect_framework(graded, start, end) == fw.ILACS_SHORT
    assert fw.ilacs_length(fw.ILACS_FOCUSED_VISIT, start, end) is None


@pytest.mark.parametrize(
    ("front", "letter", "expected"),
    [
        ("Inspection dates: 6 to 30 July 2015\nReport published: 15 September 2015\n", False, "stated"),
        ("Ofsted\n\n8 January 2019\nColin Foster\nDear Mr Foster\n", True, "letter"),
        ("Inspection of Barking and Dagenham children's services\n", False, None),
        # A combined report's note on when its sections first appeared is not its own date.
        ("The sections of this report were originally published on 11 February 2014\n", False, None),
    ],
)
def test_a_publication_date_records_where_it_was_read(front: str, letter: bool, expected: str | None) -> None:
    found, source = published_date(front, letter)
    assert source == expected and (found is None) == (expected is None)


def test_the_record_and_the_graph_say_where_the_publication_date_came_from(
    corpus: Path, tmp_path: Path
) -> None:
    ilacs = extract_file(corpus / "pdf" / "solihull-2023-01-13-inspection.pdf")
    assert ilacs.inspection.published_date_source == "file-name"  # ILACS reports print none
    sif = extract_file(corpus / "pdf" / "solihull-2016-07-07-inspection.pdf")
    assert sif.inspection.published_date_source == "stated"
    renamed = tmp_path / "report.pdf"
    renamed.write_bytes((corpus / "pdf" / "solihull-2023-01-13-inspection.pdf").read_bytes())
    assert extract_file(renamed).inspection.published_date is None
    store = LadybugStore(tmp_path / "graph")
    try:
        store.ensure_schema()
        store.load_reference_data()
        store.replace_documents([ilacs, sif])
        _, rows = store.read(
            "MATCH (i:Inspection) RETURN i.framework, i.publishedDateSource, i.length ORDER BY i.framework"
        )
        assert rows == [
            ["ilacs-standard", "file-name", "standard"],
            ["single-inspection-framework", "stated", None],
        ]
    finally:
        store.close()


_ILACS_TABLE = (
    "Judgement Grade\n"
    "The impact of leaders on social work practice with children and families. Good\n"
    "The experiences and progress of children who need help and protection Good\n"
    "The experiences and progress of children in care and care leavers Outstanding\n"
    "Overall effectiveness Good\n"
)


@pytest.mark.parametrize(
    "title",
    [
        pytest.param(
            "Doncaster Children's Services Trust\nInspection of children's trust services\n", id="trust"
        ),
        pytest.param("Slough Borough Council\n", id="title cleaned away as a running header"),
    ],
)
def test_an_ilacs_report_is_known_by_its_judgement_table_whatever_its_title(title: str) -> None:
    front = title + "Inspection dates: 6 to 17 March 2023\nLead inspector: Jo Bridges\n" + _ILACS_TABLE
    assert fw.detect_framework(front, date(2023, 3, 6), date(2023, 3, 17)) == fw.ILACS_STANDARD


def test_table_rows_reworded_or_ending_in_a_full_stop_keep_their_grades() -> None:
    reworded = _ILACS_TABLE.replace(
        "on social work practice with children and families.",
        "on practice with children,\nyoung people and families",
    )
    for front in (_ILACS_TABLE, reworded):
        grades = {j.area: j.grade for j in read_judgements(front, front)}
        assert grades == {
            "Overall effectiveness": "Good",
            "The impact of leaders on social work practice with children and families": "Good",
            "The experiences and progress of children who need help and protection": "Good",
            "The experiences and progress of children in care and care leavers": "Outstanding",
        }


def test_the_record_of_main_findings_of_a_looked_after_children_inspection() -> None:
    full = (
        "Contents\nRecord of main findings 24\n\nThe service is inadequate.\n\nRecord of main findings\n"
        "Services for looked after children Overall effectiveness Inadequate Grade 4 Capacity to improve "
        "Adequate Grade 3 Outcomes for looked after children and young people\n\nInadequate Grade 4\n\n"
        "Quality of provision Good Grade 2\n"
    )
    assert [(j.area, j.grade) for j in read_judgements(full[:40], full)] == [
        ("Overall effectiveness", "Inadequate"),
        ("Capacity to improve", "Adequate"),
        ("Outcomes for looked after children and young people", "Inadequate"),
        ("Quality of provision", "Good"),
    ]
    combined = full.replace(
        "Record of main findings\n",
        "Record of main findings\nSafeguarding services Overall effectiveness Adequate Grade 3\n",
        1,
    ).replace("Contents\nRecord of main findings 24", "Contents")
    layout = (
        "Record of main findings\nServices for looked after children\n\n Overall effectiveness      "
        "Inadequate Grade 4\n\n Outcomes for looked after children and      Inadequate Grade 4\n"
        " young people\n\n "
        "Quality of provision      Good Grade 2\n"
    )
    assert [j.area for j in read_judgements("", layout)] == [
        "Overall effectiveness",
        "Outcomes for looked after children and young people",
        "Quality of provision",
    ]
    areas = [j.area for j in read_judgements("", combined)]
    assert areas[:2] == [
        "Safeguarding services: overall effectiveness",
        "Services for looked after children: overall effectiveness",
    ]


_VISIT = (
    "Dear Ms Brooks\n\nFocused visit to Bolton children's services\n\n"
    "This letter summarises the findings of a focused visit to Bolton children's services on 6 and 7 "
    "July 2022. Her Majesty's Inspectors for this visit were Ann Lead and Tom Anthony.\n\n"
)
_SIGNED = "Ofsted will take the findings from this focused visit into account.\n\nYours sincerely\nAnn Lead\n"


def _claims(text: str, letter: bool) -> list[tuple[str, str | None, str]]:
    found = document_claims(text, letter)
    return [(text[c.start : c.end], c.paragraph.given, c.paragraph.section) for c in found]


def test_a_visit_letter_with_nothing_to_improve_has_its_main_findings() -> None:
    letter = (
        _VISIT + "Headline findings\n\nSenior leaders have improved services for children in care.\n\n"
        "Main findings\n\nSocial workers know their children well and visit them regularly.\n\n" + _SIGNED
    )
    # The headline findings summarise what follows, as the older letters' overview does.
    assert _claims(letter, True) == [
        ("Social workers know their children well and visit them regularly.", None, "Main findings")
    ]


def test_a_visit_letter_s_areas_of_strength() -> None:
    letter = (
        _VISIT + "Overview\n\nThere has been a significant transformation of services.\n\n"
        "Areas of strength\n\n- Staff are enthusiastic about working in Bolton and feel supported.\n\n"
        "What needs to improve in this area of social work practice\n\n"
        "- Case recording is too variable across the teams.\n\n" + _SIGNED
    )
    assert [(text, given) for text, given, _ in _claims(letter, True)] == [
        ("Staff are enthusiastic about working in Bolton and feel supported.", "strength"),
        ("Case recording is too variable across the teams.", "recommendation"),
    ]


def test_a_judgement_heading_that_ends_with_a_full_stop_ends_the_list_before_it() -> None:
    report = (
        "What needs to improve\n\n- The quality of assessments.\n\n"
        "The experiences and progress of children in care and care leavers: requires improvement to be "
        "good.\n\n"
        "1. Children in care are seen regularly. Their plans are not always reviewed.\n"
    )
    area = "The experiences and progress of children in care and care leavers"
    assert _claims(report, False) == [
        ("The quality of assessments.", "recommendation", "What needs to improve"),
        ("Children in care are seen regularly.", None, area),
        ("Their plans are not always reviewed.", None, area),
    ]


def test_the_first_single_inspection_framework_reports_set_out_findings_as_bullets() -> None:
    report = (
        "The experiences and progress of children who need help and protection is good\n\n"
        "- Agencies in the area work well together to provide effective early help. Parents are positive.\n\n"
        "- voice of the child\n"  # an item of a list, not a paragraph of findings
    )
    texts = [text for text, _, _ in _claims(report, False)]
    assert texts == [
        "Agencies in the area work well together to provide effective early help.",
        "Parents are positive.",
    ]


def test_a_looked_after_children_inspection_s_sections_grades_and_timed_improvements() -> None:
    # The inspections of looked-after children's services of 2012-13: numbered paragraphs about the
    # inspection and the area's figures hold no findings, a grade sits under each area's name, and the
    # areas for improvement are listed by when to act.
    report = (
        "About this inspection\n\n1. The inspection team consisted of five of Her Majesty's Inspectors.\n\n"
        "The inspection judgements and what they mean\n\n"
        "2. All inspection judgements are made using the following four point scale.\n\n"
        "Service information\n\n3. Medway Council has approximately 65,000 children and young people.\n\n"
        "Overall effectiveness of services for looked after children and young people\n\n"
        "Grade 4 (Inadequate)\n\n4. Services for looked after children are inadequate.\n\n"
        "Areas for improvement\n\n6. The local authority should take the following action.\n\n"
        "Immediately:\n\n- ensure there is a clear analysis of risk for all children\n\n"
        "Within three months:\n\n- complete initial health assessments within statutory timescales\n\n"
        "Outcomes for looked after children and young people\n\nGrade 4 (Inadequate)\n\n"
        "5. Outcomes are inadequate.\n"
    )
    overall = "Overall effectiveness of services for looked after children and young people"
    assert _claims(report, False) == [
        ("Services for looked after children are inadequate.", None, overall),
        ("The local authority should take the following action.", "recommendation", "Areas for improvement"),
        (
            "ensure there is a clear analysis of risk for all children",
            "recommendation",
            "Areas for improvement",
        ),
        (
            "complete initial health assessments within statutory timescales",
            "recommendation",
            "Areas for improvement",
        ),
        ("Outcomes are inadequate.", None, "Outcomes for looked after children and young people"),
    ]
    # pdftotext can run an area's name and its grade into one line.
    one_line = report.replace("young people\n\nGrade 4 (Inadequate)", "young people Grade 4 (Inadequate)")
    assert _claims(one_line, False) == _claims(report, False)
    # Where the text lost the heading after the list (pdftotext ran it into the last bullet), the
    # numbered paragraphs after the bullets are findings, each sentence a claim, not items of the list.
    lost = report.replace(
        "Outcomes for looked after children and young people\n\nGrade 4 (Inadequate)\n\n5. Outcomes are "
        "inadequate.",
        "5. Outcomes are inadequate. Plans are poor.",
    )
    assert _claims(lost, False)[-2:] == [
        ("Outcomes are inadequate.", None, "Areas for improvement"),
        ("Plans are poor.", None, "Areas for improvement"),
    ]
