"""Which inspection framework a document reports on, from the wording each framework uses."""

from __future__ import annotations

import re
from datetime import date

UNANNOUNCED = "unannounced-contact-referral-assessment"
SIF = "single-inspection-framework"
LSCB_REVIEW = "lscb-review"
ILACS_STANDARD = "ilacs-standard"
ILACS_SHORT = "ilacs-short"
ILACS_FOCUSED_VISIT = "ilacs-focused-visit"
# From 2026 the ILACS report has judgements per area but no overall effectiveness grade.
ILACS_2026 = "ilacs-2026"
JTAI = "jtai"
LOOKED_AFTER_CHILDREN = "looked-after-children"
SAFEGUARDING_AND_LOOKED_AFTER = "safeguarding-and-looked-after-children"

# A short ILACS inspection is one week on site; a standard one is two.
_SHORT_INSPECTION_DAYS = 7

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (UNANNOUNCED, re.compile(r"unannounced inspection of contact,? referral and assessment", re.I)),
    (
        ILACS_FOCUSED_VISIT,
        # The letter's own opening, not a report's mention of an earlier visit ("leaders have
        # responded well to the findings of a focused visit").
        re.compile(
            r"^Focused visit to\b|letter summarises the findings of (?:a|the)\s+focused visit", re.I | re.M
        ),
    ),
    (JTAI, re.compile(r"^Joint (?:targeted area )?inspection of\b", re.I | re.M)),
    (
        SIF,
        re.compile(
            r"Inspection of services for children in need of help and\s+protection,\s+children looked after",
            re.I,
        ),
    ),
    (
        LSCB_REVIEW,
        re.compile(r"Review of the effectiveness of the local safeguarding\s+children\s+board", re.I),
    ),
    (
        SAFEGUARDING_AND_LOOKED_AFTER,
        re.compile(r"Inspection of safeguarding and looked after children services", re.I),
    ),
    (
        LOOKED_AFTER_CHILDREN,
        re.compile(
            r"Inspection of (?:services for looked after children|looked after children\s+services)", re.I
        ),
    ),
)
# "Inspection of local authority children's services", "... children's social care services", and
# from 2019 "Inspection of <council> children's services" (the council's name may wrap).
_ILACS = re.compile(
    r"Inspection of (?:.{0,80}?\s)?(?:local authority children's services|children's social care services)|"
    r"^Inspection of [^\n.]{2,80}?\s+children's services\b",
    re.I | re.S | re.M,
)

# The ILACS judgement table's own rows: an ILACS report whatever its title says (a children's trust's
# report, a council named in a way the title rule misses, a title cleaned away as a running header).
_ILACS_TABLE = re.compile(
    r"impact of leaders on\s+(?:social\s+work\s+)?practice\b.{0,400}?"
    r"experiences and progress of\s+children who need help",
    re.I | re.S,
)

_OVERALL_GRADED = re.compile(
    r"Overall effectiveness[\s:|]*(?:Requires\s+improvement|Outstanding|Good|Inadequate)", re.I
)


def detect_framework(front: str, start: date | None, end: date | None) -> str | None:
    """The framework id from the opening of the cleaned text, or None if none is recognised."""
    for framework, pattern in _RULES:
        if pattern.search(front):
            return framework
    if _ILACS.search(front) or _ILACS_TABLE.search(front):
        # The judgement table's grade, not a past grade the text quotes ("overall effectiveness
        # was judged to be good at the last inspection").
        if not _OVERALL_GRADED.search(front):
            return ILACS_2026
        return ILACS_SHORT if ilacs_length(ILACS_STANDARD, start, end) == "short" else ILACS_STANDARD
    return None


def ilacs_length(framework: str, start: date | None, end: date | None) -> str | None:
    """Of an ILACS inspection (2026 ones too, whose framework id does not say it): "short" for one
    week on site, "standard" for two; None for other frameworks or without both dates."""
    if framework not in (ILACS_SHORT, ILACS_STANDARD, ILACS_2026) or not (start and end):
        return None
    return "short" if (end - start).days <= _SHORT_INSPECTION_DAYS else "standard"


# Frameworks whose reports judge the whole service: what "the last inspection" means in a report, and
# what analysts compare like with like (PREVIOUS_FULL).
FULL_INSPECTIONS = frozenset(
    {SIF, ILACS_STANDARD, ILACS_SHORT, ILACS_2026, LOOKED_AFTER_CHILDREN, SAFEGUARDING_AND_LOOKED_AFTER}
)
# The event a report's wording names ("the last focused visit") -> the frameworks it can be. Monitoring
# visits are not a framework this graph reads: a reference to one is kept and never resolves.
REFERENCE_KINDS: dict[str, frozenset[str]] = {
    "inspection": FULL_INSPECTIONS,
    "unannounced-inspection": frozenset({UNANNOUNCED}),
    "joint-inspection": frozenset({JTAI}),
    "focused-visit": frozenset({ILACS_FOCUSED_VISIT}),
    "monitoring-visit": frozenset(),
    "visit": frozenset({ILACS_FOCUSED_VISIT}),
}
