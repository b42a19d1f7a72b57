"""The grade a report gave the area a claim's section is about: the distant label of the tone model.

A graded report sets out its findings under one heading per judged area ("The experiences and
progress of children in care", "Adoption performance"), and its judgement table grades each area. A
section is matched to the judged area whose name shares the most content words with its heading;
the overall-effectiveness grade is no area's, and a section that shares no content word with any
area (a summary, a focused visit's findings) has no grade.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from loaders.judgements import Judgement
from loaders.polarity import TONE_HIGH, TONE_LOW

# Words every area name or heading shares, which say nothing about which area a heading is.
_COMMON = frozenset(
    "a about and are by children experience experiences families findings for impact in inspection "
    "is judgement local of on practice progress social that the to who with work need".split()
)
_LOW_FROM_RANK = 3  # grade_rank: 1 outstanding, 2 good, 3 requires improvement, 4 inadequate


def _content_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z]+", text.lower())) - _COMMON


def section_grade(section: str, judgements: Iterable[Judgement]) -> int | None:
    """The grade rank of the judged area the section is about, or None."""
    words = _content_words(section)
    best: tuple[int, int | None] = (0, None)
    for judgement in judgements:
        if judgement.area.lower().startswith("overall") or judgement.rank is None:
            continue
        shared = len(words & _content_words(judgement.area))
        if shared > best[0]:
            best = (shared, judgement.rank)
    return best[1]


def tone(rank: int) -> str:
    return TONE_LOW if rank >= _LOW_FROM_RANK else TONE_HIGH
