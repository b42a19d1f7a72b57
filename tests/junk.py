"""What a claim must never be or contain: publisher boilerplate, page furniture, table rows, headings."""

from __future__ import annotations

import re

_BOILERPLATE = re.compile(
    r"Office for Standards in Education, Children's Services and Skills \(Ofsted\) regulates|"
    r"You may reuse this information|Open Government Licence|nationalarchives|Crown copyright|"
    r"www\.|https?://|@ofsted\.gov\.uk|Piccadilly Gate|0300 123|Interested in our work\?|"
    r"subscribe to our monthly newsletter",
    re.I,
)
# A judgement table's row: an area's name, perhaps with its grade, and nothing said about it.
_TABLE_ROW = re.compile(
    r"^(\d+(\.\d+)?\.?\s*)?(The )?(Overall effectiveness|Children who need help and protection|"
    r"Children looked after and achieving permanence|Adoption performance|"
    r"(The )?experiences? and progress of [a-z ]+|Leadership,? management and governance|"
    r"The impact of leaders on social work practice with children and families)"
    r"(\s+(Outstanding|Good|Requires? improvement( to be good)?|Inadequate))?\s*$",
    re.I,
)
# A SIF sub-judgement's line ("The graded judgment for adoption performance is that it is good."), alone
# or glued to a sentence: a heading, however it reads.
_GRADED_LINE = re.compile(
    r"The graded judge?ments? (for|about|on) [^.]{3,110}?\s(is|are)\s(that\s(it|they)\s)?((is|are)\s)?"
    r"(Outstanding|Good|Requires? improvement|Inadequate|Adequate)",
    re.I,
)
_RUNNING_HEADER = re.compile(
    r"(Inspection of [A-Z][\w' ,-]+ (local authority )?children's services|Focused visit to [A-Z][\w' ,-]+)"
    r"\s+\d{1,2}(\s+\w+)?\s+(to|and|-|–)\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}",
)
_HEADING_GLUED = re.compile(
    r"(What needs to improve( in this area of (social work )?practice)?\??|Information about this "
    r"(inspection|local authority)|Areas for (improvement|development|priority action)|Executive summary)$",
    re.I,
)
# A visit letter's closing courtesies, however Ofsted words them, and what it asks after priority actions.
_LETTER_CLOSE = re.compile(
    r"Ofsted will \w+ (the|these) findings|^Thank you\b|action plan within \d+ working days|"
    r"^We have notified the Department for Education",
    re.I,
)
_LETTERS = re.compile(r"[A-Za-z]")
# A paragraph's number the report left without text, glued to the claim before it.
_BARE_NUMBER_GLUED = re.compile(r"[.!?]\s+\d{1,3}\.$")


def junk_reason(claim: str) -> str | None:
    """Why a claim's text is junk, or None."""
    text = " ".join(claim.split())
    if _BOILERPLATE.search(text):
        return "publisher boilerplate"
    if _TABLE_ROW.match(text):
        return "a judgement table's row"
    if _GRADED_LINE.search(text):
        return "a sub-judgement's grade line"
    if _LETTER_CLOSE.search(text):
        return "a letter's procedure or closing courtesy"
    if _RUNNING_HEADER.search(text):
        return "a running header"
    glued = _HEADING_GLUED.search(text)
    if glued and len(text[: glued.start()].split()) >= 3:
        return "a heading glued to its end"
    if _BARE_NUMBER_GLUED.search(text):
        return "a bare paragraph number glued to its end"
    if len(_LETTERS.findall(text)) < 10:
        return "no words"
    return None


# A grade, alone or with its number ("Grade 4 (Inadequate)", "Requires improvement"): what sits under an
# area's name, never a section.
_GRADE_SECTION = re.compile(
    r"^(Grade \d\s*)?\(?(Outstanding|Good|Adequate|Inadequate|Requires? improvement( to be good)?)\)?"
    r"(\s*\(?Grade \d\)?)?$",
    re.I,
)


def section_reason(section: str) -> str | None:
    """Why a claim's section is no section of the report, or None."""
    return "a grade, not a heading" if _GRADE_SECTION.match(" ".join(section.split())) else None
