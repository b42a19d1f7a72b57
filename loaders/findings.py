"""Findings of a document: which paragraphs are findings, their polarity and their section.

Letters (the unannounced inspections of 2009-2012 and ILACS focused visits) list their
findings as bullets or paragraphs under headings that give the polarity. Reports number
their paragraphs; recommendations and priority actions are numbered or bulleted under
their own headings, and a paragraph that a page break or a sub-paragraph cut off the
number it belongs to is kept with that number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.polarity import paragraph_polarity
from loaders.segment import Paragraph

# Section headings that decide the polarity of what follows them; None lets the paragraph decide.
_LETTER_SECTIONS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"^Strengths\b", re.I), "strength"),
    (re.compile(r"meets the requirements of statutory guidance", re.I), "meets"),
    (re.compile(r"^Areas? for priority action", re.I), "priority-action"),
    (re.compile(r"^Areas? for development", re.I), "development"),
    (re.compile(r"^(What needs to improve|Areas? for improvement)", re.I), "recommendation"),
    (re.compile(r"^Findings\b", re.I), None),
)
_LETTER_SKIPPED = re.compile(r"^Overview\b", re.I)
_LETTER_END = re.compile(
    r"^(Any )?areas for development identified above|^Ofsted will take the findings|^Your?s? sincerely|"
    r"^I am copying this letter|^Yours faithfully",
    re.I,
)
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
    (re.compile(r"the following strengths", re.I), "strength"),
    (
        re.compile(r"(not yet good because|serious weaknesses|is inadequate because|weaknesses)", re.I),
        "development",
    ),
)
# Area names that sub-divide a list of recommendations without ending it (when they carry no grade).
_AREA_SUBHEADING = re.compile(
    r"^(Leadership,? management and governance|(The experiences and progress of )?children who need help and "
    r"protection|(The experiences and progress of )?children looked after( and achieving permanence)?|"
    r"Adoption( performance)?|(The experiences and progress of )?care leavers|Children in care|"
    r"The impact of leaders)\s*$",
    re.I,
)
_CONTENTS = re.compile(r"^Contents\b", re.I)
_GENERIC_SECTIONS = re.compile(r"^(Inspection findings|Summary|Findings)\s*$", re.I)
_TRAILING_GRADE = re.compile(
    r"[\s:|]*(Outstanding|Good|Requires improvement(?: to be good)?|Inadequate|Adequate)\s*$", re.I
)


@dataclass
class Draft:
    polarity: str
    section: str
    paragraph: int | None
    start: int
    end: int


def _section_name(text: str) -> str:
    name = _TRAILING_GRADE.sub("", text).strip(" :\t")
    return " ".join(name.split()) or text


def letter_findings(paras: list[Paragraph]) -> list[Draft]:
    drafts: list[Draft] = []
    section: str | None = None
    polarity: str | None = None
    active = False
    for para in paras:
        if _LETTER_END.search(para.text) and not para.bullet:
            if active:
                break
            continue
        if para.heading:
            for pattern, meaning in _LETTER_SECTIONS:
                if pattern.search(para.text):
                    section, polarity, active = _section_name(para.text), meaning, True
                    break
            else:
                if _LETTER_SKIPPED.search(para.text):
                    active = False
                elif active and polarity is None:
                    section = _section_name(para.text)  # a sub-heading among the findings
            continue
        if not active or section is None:
            continue
        if polarity in ("recommendation", "priority-action") and not para.bullet and para.number is None:
            # Prose after a list of improvements: the letter's findings, whose wording decides their polarity.
            section, polarity = "Findings", None
        drafts.append(
            Draft(polarity or paragraph_polarity(para.text), section, para.number, para.start, para.end)
        )
    return drafts


def report_findings(paras: list[Paragraph], text: str) -> list[Draft]:
    drafts: list[Draft] = []
    section = ""
    listed: str | None = None  # polarity of a recommendation or priority section, whose bullets count
    numbered: str | None = None  # polarity that a heading gives the numbered paragraphs after it
    in_contents = False
    last_kept: Draft | None = None
    for para in paras:
        if para.heading:
            if listed and _AREA_SUBHEADING.match(para.text):
                continue
            in_contents = bool(_CONTENTS.search(para.text))
            listed = numbered = None
            for pattern, meaning in _REPORT_SECTIONS:
                if pattern.search(para.text):
                    numbered = meaning
                    listed = meaning if meaning in ("recommendation", "priority-action") else None
                    break
            if not _GENERIC_SECTIONS.match(para.text):
                section = _section_name(para.text)
            last_kept = None
            continue
        if in_contents or para.table_row:
            continue
        if para.number is not None:
            polarity = numbered or paragraph_polarity(para.text)
            last_kept = Draft(polarity, section, para.number, para.start, para.end)
            drafts.append(last_kept)
        elif para.bullet and listed:
            last_kept = None
            drafts.append(Draft(listed, section, None, para.start, para.end))
        elif last_kept is not None:
            # A sub-paragraph, or the rest of a numbered paragraph after a page break.
            last_kept.end = para.end
            if last_kept.polarity not in ("recommendation", "priority-action"):
                last_kept.polarity = paragraph_polarity(text[last_kept.start : last_kept.end])
    return drafts
