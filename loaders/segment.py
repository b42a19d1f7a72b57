"""Cleaned text -> its paragraphs (one per line), with offsets, markers and heading detection."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.clean import JUDGEMENT_HEADING

_BULLET = re.compile(r"^- +")
# "12. Text" or "12.Text"; not "2.1 Adoption" (a table row) nor "2016." (a year).
_NUMBER = re.compile(r"^(\d{1,3})\.(?!\d)\s*(?=\S)")
_TABLE_ROWS = 9  # the most rows a judgement table numbers (SIF: 1-3, with 2.1 and 2.2; ILACS: 1-4)
_GRADE_ROW = re.compile(
    r"(Outstanding|Good|Requires? improvement(?: to be good)?|Inadequate|Adequate)\s*$", re.I
)
# A judgement table's row whose grade the layout put on a line of its own: an area's name, no sentence.
_AREA_ROW = re.compile(
    r"^(The )?(Overall effectiveness|Children who need help|Children looked after|Children in care|Adoption|"
    r"(The )?experiences? and progress|Care leavers|Leadership|The impact of leaders|Local Safeguarding)"
    r"[^.;:]{0,110}$",
    re.I,
)

# An ILACS judgement heading is a heading even when a report ends it with a full stop ("The experiences
# and progress of children in care and care leavers: requires improvement to be good.").
_JUDGEMENT_HEADING = re.compile(rf"^{JUDGEMENT_HEADING}$", re.I)


@dataclass(frozen=True)
class Paragraph:
    start: int  # offset of the text after any bullet or number marker
    end: int
    text: str  # the paragraph without its marker
    bullet: bool
    number: int | None

    @property
    def heading(self) -> bool:
        """A short line that does not read as a sentence: a section or sub-section title."""
        if self.bullet or self.number is not None:
            return False
        if self.text.endswith(".") and _JUDGEMENT_HEADING.match(self.text):
            return True
        words = self.text.split()
        return (
            len(self.text) <= 160
            and len(words) <= 22
            and not re.search(r"[.;,]['\"]?$", self.text)
            # two sentences are not a title, nor a sentence and its marker ("... services. (Recommendation)")
            and not re.search(r"[a-z]\. [A-Z(]", self.text)
            and (self.text[:1].isupper() or self.text[:1].isdigit())
        )

    @property
    def table_row(self) -> bool:
        """A numbered row of a judgement table ('1. Children who need help and protection  Inadequate'),
        with or without its grade. A judgement table has a handful of rows: "135. Care leavers'
        participation ..." is a paragraph whose first line a page break left without a stop."""
        if self.number is None or self.number > _TABLE_ROWS or len(self.text) >= 150:
            return False
        return bool(_GRADE_ROW.search(self.text) or _AREA_ROW.match(self.text))


def paragraphs(text: str) -> list[Paragraph]:
    found: list[Paragraph] = []
    for match in re.finditer(r"[^\n]+", text):
        match.group()
        start, end = match.start(), match.end()
        while end > start and text[end - 1] in " \t":
            end -= 1
        while start < end and text[start] in " \t":
            start += 1
        if start == end:
            continue
        body = text[start:end]
        bullet = _BULLET.match(body)
        number = _NUMBER.match(body)
        skip = bullet.end() if bullet else number.end() if number else 0
        found.append(
            Paragraph(
                start + skip,
                end,
                text[start + skip : end],
                bool(bullet),
                int(number.group(1)) if number else None,
            )
        )
    return found
