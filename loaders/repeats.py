"""What a claim says about an earlier inspection: that its point was raised before, and which event
("the last inspection", "the focused visit in March 2019") it points at."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.sentences import sentencizer

_MONTHS = "january february march april may june july august september october november december".split()
_MONTH = "|".join(_MONTHS)
_EARLIER = (
    r"(?:last|previous|earlier|prior|preceding)\s+(?:\w+\s+){0,3}?(?:inspection|visit|monitoring visit)"
)
_REPEAT = re.compile(
    rf"\b(?:area|areas|issue|issues|recommendation|recommendations|weakness|weaknesses)\s+for\s+"
    rf"(?:development|improvement|priority action|action)\b.{{0,80}}\b{_EARLIER}"
    rf"|\b(?:raised|identified|highlighted|noted|found|reported|criticised)\b.{{0,60}}\b(?:at|in|during|by)\s+"
    rf"(?:the|our)\s+{_EARLIER}"
    rf"|\b(?:remains?|continues? to be|is still|was also)\s+an?\s+areas?\s+for\s+(?:development|improvement)",
    re.I,
)
# "the last inspection", "the previous child protection inspection in 2014", "the last focused visit in
# December 2019", "the ILACS inspection in 2019" ("prior to the inspection" is the weeks before this one).
_EVENT = re.compile(
    r"\b(?:(?P<order>last|previous|earlier|preceding)\s+(?P<words>(?:[\w-]+\s+){0,3}?)"
    r"(?P<event>inspection|visit)s?"
    rf"|(?P<dated_words>(?:ofsted|ilacs|full|judgement|focused|monitoring|unannounced)\s+(?:[\w-]+\s+){{0,2}}?)"
    r"(?P<dated_event>inspection|visit)s?(?=\s+(?:in|of)\s+(?:\w+\s+)?(?:19|20)\d\d\b))"
    rf"(?:\s+(?:in|of)\s+(?:(?P<month>{_MONTH})\s+)?(?P<year>(?:19|20)\d\d)\b)?",
    re.I,
)


@dataclass(frozen=True)
class EarlierEvent:
    kind: str  # a key of framework.REFERENCE_KINDS
    year: int | None = None
    month: int | None = None

    @property
    def date_text(self) -> str | None:
        """'2019', '2019-12' or None: the date as precisely as the text gave it."""
        if self.year is None:
            return None
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)


def _kind(words: str, event: str) -> str:
    words = words.lower()
    if event.lower() == "visit":
        if "focused" in words:
            return "focused-visit"
        return "monitoring-visit" if "monitoring" in words else "visit"
    if "unannounced" in words:
        return "unannounced-inspection"
    if "joint" in words or "jtai" in words:
        return "joint-inspection"
    return "inspection"


def earlier_event(text: str) -> EarlierEvent | None:
    """The first earlier inspection or visit the text names, with its date when stated."""
    for match in _EVENT.finditer(text):
        words = match.group("words") if match.group("order") else match.group("dated_words")
        event = match.group("event") or match.group("dated_event")
        month = match.group("month")
        year = match.group("year")
        return EarlierEvent(
            _kind(words or "", event),
            int(year) if year else None,
            _MONTHS.index(month.lower()) + 1 if month else None,
        )
    return None


def repeats_earlier_finding(text: str) -> bool:
    """Whether the text says its point was raised at an earlier inspection."""
    # Sentence by sentence, so that "last inspection" in one sentence does not pair with another's
    # wording; a sentence matches only if the whole text does, so most texts need no splitting.
    if not _REPEAT.search(text):
        return False
    return any(_REPEAT.search(sentence.text) for sentence in sentencizer()(text).sents)
