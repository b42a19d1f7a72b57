"""Finding paragraphs of a document: which paragraphs hold findings, their section, and the
polarity their section gives them (None when the words must decide, sentence by sentence).

Letters (the unannounced inspections of 2009-2012 and ILACS focused visits) list their
findings as bullets or paragraphs under headings that give the polarity. Reports number
their paragraphs; recommendations and priority actions are numbered or bulleted under
their own headings, and a paragraph that a page break or a sub-paragraph cut off the
number it belongs to is kept with that number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from loaders.clean import NUMBERED_GRADE
from loaders.segment import Paragraph
from loaders.sentences import sentence_spans

# Section headings that decide the polarity of what follows them; None lets the paragraph decide.
_LETTER_SECTIONS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"^(Areas? of )?Strengths?\b", re.I), "strength"),
    (re.compile(r"meets the requirements of statutory guidance", re.I), "strength"),
    (re.compile(r"^Areas? for priority action", re.I), "priority-action"),
    (re.compile(r"^Areas? for development", re.I), "weakness"),
    (re.compile(r"^(What needs to improve|Areas? for improvement)", re.I), "recommendation"),
    # "Main findings": a letter of 2021 on that lists nothing to improve has no other heading before
    # its findings. ("Headline findings" summarise them, as the "Overview" of older letters does.)
    (re.compile(r"^(Main )?Findings\b", re.I), None),
)
_LETTER_SKIPPED = re.compile(r"^Overview\b", re.I)
# The close of a visit letter, where the layout ran it into the last paragraph. Ofsted words its
# closing sentence several ways ("will take the findings of this focused visit into account", "will
# consider the findings from this visit", "will share the findings ... with the Department").
_OFSTED_CLOSE = r"Ofsted will \w+ (the|these) findings"
_LETTER_CLOSE = re.compile(
    rf"\s({_OFSTED_CLOSE}|Yours sincerely|Yours faithfully|I am copying this letter)\b"
)
# What follows a letter's findings: what Ofsted asks after priority actions (an action plan, word to the
# Department for Education), its closing courtesies, the signature.
_LETTER_END = re.compile(
    rf"^(Any )?areas for development identified above|^{_OFSTED_CLOSE}|^Thank you\b|"
    r"^Your?s? sincerely|^I am copying this letter|^Yours faithfully|"
    r"^Where a focused visit results in an area for priority action|"
    r"^We have notified the Department for Education",
    re.I,
)
# The first pattern that matches decides; None: a heading whose words decide nothing.
_REPORT_SECTIONS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (
        re.compile(
            r"^(Priority and immediate action|Priority actions?|Areas? for priority action|"
            r"Immediate action)",
            re.I,
        ),
        "priority-action",
    ),
    (
        re.compile(
            r"^(Recommendations?|What does the (local authority|LSCB) need to improve|What needs to improve|"
            r"Areas? for improvement)",
            re.I,
        ),
        "recommendation",
    ),
    (re.compile(r"strengths and weaknesses", re.I), None),
    (
        re.compile(
            r"(not yet good because|serious weaknesses|(inadequate|improvement) because|weaknesses$|"
            r"^Areas? for development)",
            re.I,
        ),
        "weakness",
    ),
    (re.compile(r"(the following strengths|strengths$|(good|outstanding) because)", re.I), "strength"),
)
# The publisher's back page (licence, address, newsletter) ends the findings of every report.
BACK_MATTER = re.compile(
    r"^(The Office for Standards in Education, Children's Services and Skills \(Ofsted\) regulates|"
    r"Ofsted has published|You may reuse this information|If you would like a copy of this document in a "
    r"different format|The Office for Standards in Education, Children's Services and Skills \(Ofsted\) "
    r"is the)",
    re.I,
)
# Area names that sub-divide a list of recommendations without ending it (when they carry no grade).
_AREA_SUBHEADING = re.compile(
    r"^(Leadership,? management and governance|(The experiences and progress of )?children who need help and "
    r"protection|(The experiences and progress of )?children looked after( and achieving permanence)?|"
    r"Adoption( performance)?|(The experiences and progress of )?care leavers|Children in care|"
    r"The impact of leaders)\s*$",
    re.I,
)
# When to act by: sub-headings of the areas for improvement of the looked-after children inspections
# (2012-13), "Immediately:", "Within three months:", which divide the list without ending it.
_TIMEFRAME_SUBHEADING = re.compile(r"^(Immediately|Within (\w+|\d+) (days|weeks?|months?))\s*:?\s*$", re.I)
# Sections about the inspection or the service, not findings: what the inspection looked at, its grade
# scale, the area's figures (numbered paragraphs in the looked-after children inspections of 2012-13).
_NO_FINDINGS = re.compile(
    r"^(About this inspection|The inspection judge?ments and what they mean|Service information|"
    r"Information about this (local authority( area)?|inspection))\s*$",
    re.I,
)
# The sections of a report that hold an area's (or the safeguarding board's) findings.
_AREA_SECTION = re.compile(
    r"^(The )?(experiences? and progress of|graded judge?ments? (for|about|on)|leadership,? management and "
    r"governance|effectiveness of the (LSCB|Local Safeguarding)|key strengths and weaknesses|impact of "
    r"leaders|adoption performance|care leavers)",
    re.I,
)
# The safeguarding board's part of a SIF report, whose findings follow its own recommendations.
_BOARD_SECTION = re.compile(r"^(The )?(Local Safeguarding Children Board|LSCB)\b", re.I)
_SENTENCE_BULLET = re.compile(r"^[A-Z]\S*(\s+\S+){4}")  # a capital and at least five words
_CONTENTS = re.compile(r"^Contents\b", re.I)
# Entries of a table of contents run together: "... the local authority 12 What the inspection ..."
_CONTENTS_ENTRY = re.compile(r"[a-z] \d{1,3} [A-Z]")
_GENERIC_SECTIONS = re.compile(r"^(Inspection findings|Summary|Findings)\s*$", re.I)
_TRAILING_GRADE = re.compile(
    r"[\s:|]*(Outstanding|Good|Requires? improvement(?: to be good)?|Inadequate|Adequate)\s*$", re.I
)


@dataclass
class Draft:
    """A paragraph, bullet or list item that holds findings."""

    given: str | None  # the polarity its section gives it; None: each sentence's words decide
    section: str
    paragraph: int | None
    start: int
    end: int
    item: bool  # a bullet or a list item: one claim, however many sentences


# What a heading wraps around the name of the area it grades ("The graded judgement for adoption
# performance is that it is", "The experiences and progress of care leavers are").
_GRADED_PREFIX = re.compile(
    r"^(Key Judgement ((Judgement )?Grade )?|The graded judge?ments? (for|about|on) (the )?)", re.I
)
_GRADED_SUFFIX = re.compile(
    r"\s+(is that it is|is that it|is that they are|is that they|are|is|requires?|need|needs)"
    r"(\s+improvement( to be)?)?\s*$",
    re.I,
)
_NUMBERED_SUFFIX = re.compile(r"[?\s]+\d{1,2}\s*$")
# A judged area's heading, which a text export can interleave with the grade cell beside it and the
# sub-heading under it ("The experiences and progress of Requires children who need help and
# protection improvement Inspection findings"): no area's name holds a grade's words.
_AREA_HEADING = re.compile(
    r"^(The experiences and progress of|The experiences of|The impact of leaders|"
    r"Leadership, management and governance)",
    re.I,
)
_GRADE_WORDS = re.compile(
    r"\s*\b(Requires?|improvement|to be good|Outstanding|Good|Inadequate|Adequate)\b", re.I
)
_TABLE_LABEL = re.compile(r"^(Key Judgement|Judgement Grade|Judgement|Grade)$", re.I)
_SUB_HEADING = re.compile(r"\s+(Inspection findings|Summary)$", re.I)


def section_name(text: str) -> str | None:
    """The name of the part of the report a heading opens; None for a heading that is only a grade
    (the grade line under an area's name), which leaves the section as it was."""
    name = _NUMBERED_SUFFIX.sub("", NUMBERED_GRADE.sub("", text.strip()))
    name = _TRAILING_GRADE.sub("", name.rstrip("."))
    name = _GRADED_PREFIX.sub("", name)
    name = _GRADED_SUFFIX.sub("", name).strip(" :?\t")
    if _AREA_HEADING.match(name):
        name = _SUB_HEADING.sub("", _GRADE_WORDS.sub("", name))
    words = name.split()
    half = len(words) // 2
    if half and words[:half] == words[half:]:
        words = words[:half]  # a title the page's banner repeats, which a text export runs together
    name = " ".join(words)
    if not any(char.isalpha() for char in name) or _TABLE_LABEL.match(name):
        # A footnote mark, page number, grade box's label or grade the layout left on its own line.
        return None

    return name[0].upper() + name[1:]


# A verb that makes a sentence of a point to improve: an auxiliary, a modal, or a verb the letters
# state shortfalls with.
_FINITE_VERB = re.compile(
    r"\b(is|are|was|were|has|have|had|do|does|did|can|cannot|could|should|would|will|may|might|must|"
    r"needs?|remains?|lacks?|var(y|ies)|waits?|starts?|focus(es)?|creates?|endeavours?|means?|continues?)\b",
    re.I,
)


def letter_findings(paras: list[Paragraph]) -> list[Draft]:
    drafts: list[Draft] = []
    section: str | None = None
    polarity: str | None = None
    active = False
    for para in paras:
        if BACK_MATTER.search(para.text):
            break
        if _LETTER_END.search(para.text):
            if active:
                break
            continue
        close = _LETTER_CLOSE.search(para.text)
        if close and active:
            para = replace(para, end=para.start + close.start(), text=para.text[: close.start()])
        if para.heading:
            for pattern, meaning in _LETTER_SECTIONS:
                if pattern.search(para.text):
                    section, polarity, active = section_name(para.text) or para.text, meaning, True
                    break
            else:
                if _LETTER_SKIPPED.search(para.text):
                    active = False
                elif active and polarity is None:
                    section = section_name(para.text) or section  # a sub-heading among the findings
            continue
        if not active or section is None:
            continue
        if polarity in ("recommendation", "priority-action") and not para.bullet and para.number is None:
            if para.text.endswith(":") and not close:
                # Prose that introduces the list ("... the following areas for improvement have been
                # identified:"): its own words decide its sentences; the items after it are the list's.
                drafts.append(Draft(None, section, para.number, para.start, para.end, False))
                continue
            # Prose after a list of improvements: the letter's findings, whose wording decides their polarity.
            section, polarity = "Findings", None
        # A bullet is one point where its heading states what kind (a strength, a weakness, an
        # improvement); the focused visits' bulleted paragraphs under "Findings" mix praise and
        # criticism like any report paragraph, so their sentences are the claims.
        item = polarity in ("recommendation", "priority-action") or (para.bullet and polarity is not None)
        given = polarity
        if polarity in ("recommendation", "priority-action") and _stated_in_full(para.text):
            given = None
        drafts.append(Draft(given, section, para.number, para.start, para.end, item))
        if close:
            break
    return drafts


def _stated_in_full(item: str) -> bool:
    """Whether a letter's point to improve is set out as findings, sentences that say what is wrong
    ("Assessments vary in quality. Some lack analysis."), as the first visits' letters (2018-19) set
    them out, rather than named ("Engagement with children. For example, ..."): the point stays one
    claim, and its words decide its polarity."""
    spans = sentence_spans(item)
    return len(spans) > 1 and _FINITE_VERB.search(item[spans[0][0] : spans[0][1]]) is not None


def report_findings(paras: list[Paragraph]) -> list[Draft]:
    drafts: list[Draft] = []
    section = ""
    # The judged area a report's part is about: an "Inspection findings" heading after the area's
    # summary or recommendations opens the area's findings, not more of its recommendations.
    area = ""
    listed: str | None = None  # polarity of a recommendation or priority section, whose bullets count
    numbered: str | None = None  # polarity that a heading gives the numbered paragraphs after it
    in_contents = False
    outside = False  # in a section about the inspection or the service (_NO_FINDINGS)
    last_kept: Draft | None = None
    list_style: bool | None = None  # whether the list's items are bullets (or numbered)
    for index, para in enumerate(paras):
        if BACK_MATTER.search(para.text):
            break
        if para.heading:
            # An area's name divides the list if an item of the list's kind follows it; a time to act
            # by, if any item does (its list opens with a numbered paragraph, then bullets).
            area_divides = _AREA_SUBHEADING.match(para.text) and _list_goes_on(paras, index + 1, list_style)
            time_divides = _TIMEFRAME_SUBHEADING.match(para.text) and _list_goes_on(paras, index + 1, None)
            if listed and (area_divides or time_divides):
                # After a time to act by, the list's items are what follows it: bullets, whatever
                # numbered paragraph opened the list.
                list_style = None if time_divides else list_style
                continue
            in_contents = bool(_CONTENTS.search(para.text))
            outside = bool(_NO_FINDINGS.match(para.text))
            name = section_name(para.text)
            if name is None:
                continue  # a grade under the area's name
            listed = numbered = list_style = None
            for pattern, meaning in _REPORT_SECTIONS:
                if pattern.search(para.text):
                    numbered = meaning
                    listed = meaning if meaning in ("recommendation", "priority-action") else None
                    break
            if not _GENERIC_SECTIONS.match(para.text):
                section = name
                area = name if _AREA_SECTION.match(name) or _BOARD_SECTION.match(name) else area
            elif area:
                section = area
            last_kept = None
            continue
        if (
            in_contents
            or outside
            or (para.table_row and not listed)
            or len(_CONTENTS_ENTRY.findall(para.text)) >= 3
        ):
            continue
        if para.number is not None and listed and _titles_a_list_part(paras, index):
            continue  # a numbered title that divides a list of bullets ("4. Provision of key services")
        if para.number is not None and listed and list_style is True:
            # A numbered paragraph after a list of bullets is none of its items: the list ended under a
            # heading the text lost (pdftotext can run a page's first heading into the item before it).
            listed = numbered = list_style = None
        if para.number is not None:
            last_kept = Draft(numbered, section, para.number, para.start, para.end, listed is not None)
            drafts.append(last_kept)
            list_style = False if listed and list_style is None else list_style
        elif para.bullet and listed:
            last_kept = None
            drafts.append(Draft(listed, section, None, para.start, para.end, True))
            list_style = True if list_style is None else list_style
        elif para.bullet and _AREA_SECTION.match(section) and _SENTENCE_BULLET.match(para.text):
            # The first reports of the single inspection framework (2013-14) set out an area's findings
            # as bullets, not numbered paragraphs: each bullet is a paragraph of findings. (A list of
            # short items inside a numbered paragraph, "voice of the child", is not.)
            last_kept = None
            drafts.append(Draft(numbered, section, None, para.start, para.end, False))
        elif last_kept is not None and not last_kept.item and any(char.isalpha() for char in para.text):
            # A sub-paragraph, or the rest of a numbered paragraph after a page break; not a line of no
            # words (a paragraph's number the report left without text: "89.").
            last_kept.end = para.end
    return drafts


def _titles_a_list_part(paras: list[Paragraph], index: int) -> bool:
    """A short line with no stop at its end, followed by bullets: a title, not an item."""
    para = paras[index]
    short = len(para.text.split()) <= 16 and not re.search(r"[.;:!?]['\")]?$", para.text)
    return short and _list_goes_on(paras, index + 1, True)


def _list_goes_on(paras: list[Paragraph], index: int, bullets: bool | None) -> bool:
    """Whether an area's name sub-divides the list it follows: the next item is of the list's kind (a
    bullet after bullets, a number after numbers), not the first numbered paragraph of the area's findings."""
    following = next((p for p in paras[index:] if not p.heading), None)
    if following is None or not (following.bullet or following.number is not None):
        return False
    return bullets is None or following.bullet == bullets
