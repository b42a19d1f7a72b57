"""Whether a finding says it was raised at an earlier inspection."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language

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


@lru_cache(maxsize=1)
def _sentencizer() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def repeats_earlier_finding(text: str) -> bool:
    # Sentence by sentence, so that "last inspection" in one sentence does not pair with another's
    # wording; a sentence matches only if the whole text does, so most texts need no splitting.
    if not _REPEAT.search(text):
        return False
    return any(_REPEAT.search(sentence.text) for sentence in _sentencizer()(text).sents)
