"""The judgement table of a report: each area and its grade, with the grade's rank."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ontology.vocabulary import vocabulary

# Longest wording first so that "requires improvement to be good" is not read as "requires improvement".
GRADES = (
    "requires improvement to be good",
    "requires improvement",
    "outstanding",
    "good",
    "adequate",
    "inadequate",
)
_GRADE = (
    # "Require improvement" is a misprint some tables carry.
    r"(Requires?\s+improvement\s+to\s+be\s+good|Requires?\s+improvement|Outstanding|Good|Adequate|Inadequate)"
)

# Areas each framework grades, with the words that identify them in a table row.
SIF_AREAS: tuple[tuple[str, str], ...] = (
    ("Children who need help and protection", r"children who need help and protection"),
    ("Children looked after and achieving permanence", r"children looked after and achieving\s+permanence"),
    ("Adoption performance", r"adoption performance"),
    ("Experiences and progress of care leavers", r"experiences and progress of care leavers"),
    ("Leadership, management and governance", r"leadership, management and governance"),
)
ILACS_AREAS: tuple[tuple[str, str], ...] = (
    (
        "The impact of leaders on social work practice with children and families",
        # Reworded in places ("impact of leaders on practice ..."): any words up to the row's end.
        r"impact of leaders on\s+(?:social\s+work\s+)?practice\b(?:[^.\n]|\n(?!\s*\n)){0,80}?",
    ),
    (
        "The experiences and progress of children who need help and protection",
        r"experiences and progress of\s+children who need help\s+and\s+protection",
    ),
    (
        "The experiences and progress of children in care and care leavers",
        r"experiences and progress of\s+children in care and\s+care leavers",
    ),
    (
        "The experiences and progress of children in care",
        r"experiences and progress of\s+children in care(?!\s+and)",
    ),
    (
        "The experiences and progress of care leavers",
        r"experiences and progress of\s+(?:children\s+)?care\s+leavers",
    ),
)
_SIF_OVERALL = re.compile(
    r"(?:Children's services in .{2,80}?\s(?:are|is)\s+(?P<grade>outstanding|good|adequate|inadequate)\b"
    r"|Children's services in .{2,80}?\srequires?\s+(?P<ri>improvement)"
    rf"|The overall judgement is (?P<stated>{_GRADE}))",
    re.I | re.S,
)
_ILACS_OVERALL = re.compile(rf"Overall effectiveness[\s:]*{_GRADE}", re.I)
_LSCB = re.compile(
    r"(?:The effectiveness of the Local Safeguarding Children Board(?: \(LSCB\))? is|"
    rf"The Local Safeguarding Children Board(?: \(LSCB\))?(?: is)?|The LSCB is)\s+{_GRADE}\b",
    re.I,
)


# A SIF report restates each grade as a heading in its body ("The experiences and progress of
# children who need help and protection are good", "The graded judgement for adoption performance is
# that it requires improvement"): read there when the front table has lost it (a text export that
# dropped or reordered the table's grade cells).
_BODY_GRADE = (
    r"(?:is|are)?(?:\s+that\s+(?:it|they))?(?:\s+(?:is|are))?\s*"
    r"(?P<grade>requires?\s+improvement|outstanding|good|adequate|inadequate)\b"
)
_SIF_HEADINGS = {
    area: re.compile(
        rf"(?:^|The graded judge?ment (?:for|about|on) )(?:the )?(?:experiences? and progress of )?"
        rf"{words}\s+{_BODY_GRADE}",
        re.I | re.M,
    )
    for area, words in (
        ("Children who need help and protection", r"children who need help and\s+protection"),
        (
            "Children looked after and achieving permanence",
            r"children looked after and achieving\s+permanence",
        ),
        ("Adoption performance", r"adoption\s+performance"),
        ("Experiences and progress of care leavers", r"care\s+leavers"),
        ("Leadership, management and governance", r"leadership, management and\s+governance"),
    )
}

# The inspections of looked-after children (and of safeguarding and looked-after children) of
# 2009-2013 grade in a "Record of main findings" at the end, each area followed by its grade and "Grade
# N" ("Overall effectiveness Inadequate Grade 4 Capacity to improve Adequate Grade 3 ..."; cleaning
# may have joined the rows). A combined inspection has a section each for its two services.
_RECORD = re.compile(r"^Record of main findings[ \t]*$", re.M | re.I)
_RECORD_GRADE = re.compile(rf"{_GRADE}\s+Grade\s+[1-4]\b")
_RECORD_SECTION = re.compile(r"^(Safeguarding services|Services for looked after children)\s+")
_RECORD_AREA_MAX = 120  # a longer run of words before a grade is prose after the table


def _record_of_main_findings(full: str) -> list[Judgement]:
    # The last one: a contents page may list the heading too.
    record = next(reversed(list(_RECORD.finditer(full))), None)
    if record is None:
        return []
    rows: list[tuple[str | None, str, str]] = []
    section, position = None, record.end()
    for grade in _RECORD_GRADE.finditer(full, position):
        area = " ".join(full[position : grade.start()].split()).strip(" :|")
        if not area or len(area) > _RECORD_AREA_MAX:
            break
        # A name wrapped past its grade (pdftotext -layout: "Outcomes for looked after children and
        # Inadequate Grade 4 / young people") ends at the next row's opening capital.
        tail = re.match(r"((?:[a-z][\w'’-]*\s+)+)(?=[A-Z])", area)
        if tail and rows:
            last_section, last_area, last_grade = rows[-1]
            rows[-1] = (last_section, f"{last_area} {tail[1].strip()}", last_grade)
            area = area[tail.end() :]
        heading = _RECORD_SECTION.match(area)
        if heading:
            section, area = heading[1], area[heading.end() :]
        rows.append((section, area, grade[1]))
        position = grade.end()
    combined = len({section for section, _, _ in rows}) > 1
    return [
        _judgement(f"{section}: {area[0].lower()}{area[1:]}" if combined and section else area, grade)
        for section, area, grade in rows
    ]


@dataclass(frozen=True)
class Judgement:
    area: str
    grade: str
    rank: int | None


def grade_rank(grade: str) -> int | None:
    """The rank of the grade of ontology/grades.ttl the wording names, 1 best."""
    found = vocabulary().grade(grade)
    return found.rank if found else None


def _judgement(area: str, grade: str) -> Judgement:
    grade = re.sub(r"^require\b", "requires", " ".join(grade.split()), flags=re.I)
    grade = grade[0].upper() + grade[1:].lower()
    return Judgement(area, grade, grade_rank(grade))


def _overall(front: str) -> Judgement | None:
    ilacs = _ILACS_OVERALL.search(front)
    if ilacs:
        return _judgement("Overall effectiveness", ilacs.group(1))
    sif = _SIF_OVERALL.search(front)
    if not sif:
        return None
    # The single inspection framework writes "require improvement to be good" for its grade
    # "Requires improvement".
    grade = "Requires improvement" if sif.group("ri") else sif.group("grade") or sif.group("stated")
    return _judgement("Overall effectiveness", grade)


def read_judgements(front: str, full: str) -> list[Judgement]:
    """Judgements from the front-page table (`front`) and the LSCB verdict anywhere in `full`."""
    found: list[Judgement] = []
    overall = _overall(front)
    if overall:
        found.append(overall)
    areas = ILACS_AREAS if re.search(ILACS_AREAS[0][1], front, re.I) else SIF_AREAS
    for area, words in areas:
        # A footnote's number or a page number may stand between the area and its grade.
        match = re.search(rf"{words}[\s:|.]*(?:\d{{1,2}}[\s:|]+)?{_GRADE}\b", front, re.I)
        if match:
            found.append(_judgement(area, match.group(1)))
    if areas is SIF_AREAS:
        stated = {j.area for j in found}
        for area, heading in _SIF_HEADINGS.items():
            body = heading.search(full) if area not in stated else None
            if body:
                grade = body["grade"].lower()
                found.append(_judgement(area, "Requires improvement" if "improvement" in grade else grade))
    stated = {j.area for j in found}
    found += [j for j in _record_of_main_findings(full) if j.area not in stated]
    lscb = _LSCB.search(full)
    if lscb:
        found.append(_judgement("Local Safeguarding Children Board", lscb.group(1)))
    return found
