"""What a claim is about beyond its own words: the heading it sits under, or what a visit looked at.

A sentence under "The experiences and progress of care leavers" that says "Young people are well
supported by their personal advisers" is about care leavers, though it never says so; in a focused
visit letter, whose findings sit under one "Findings" heading, the letter says what inspectors
looked at ("Inspectors looked at the local authority's arrangements for care leavers"). The theme
classifier reads these words as markers of their own (`ctx` + word), apart from the sentence's words,
so a heading's "care" is not read as the sentence saying "care".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from loaders.claims import Claim

MARKER = "ctx"
# The opening of every focused visit letter says what was looked at, in one of these forms.
_FOCUS = re.compile(
    r"\b(?:the )?inspectors (?:looked at|considered|evaluated|reviewed|focused on)[^.]*\.", re.I
)
_FOCUS_SPAN = 4000  # the opening, before the findings
_GENERIC_SECTIONS = frozenset({"findings", "main findings", "headline findings", "overview"})
# Words of the focus sentence that every letter has, which say nothing of what it looked at.
_FOCUS_WORDS = frozenset(
    "inspectors looked considered evaluated reviewed focused local authority arrangements".split()
)


def visit_focus(text: str) -> str:
    """The sentence of a document's opening that says what inspectors looked at, or "": every focused
    visit letter has one; a report's findings sit under headings of their own, which are read first."""
    found = _FOCUS.search(text[:_FOCUS_SPAN])
    return " ".join(found.group(0).split()) if found else ""


def context_words(section: str, focus: str) -> str:
    """Marker words of a claim's context: its section heading's content words, or the visit's focus
    when the heading names no subject ("Findings")."""
    source = focus if section.strip().lower() in _GENERIC_SECTIONS or not section.strip() else section
    words = [
        word
        for word in re.findall(r"[a-z]+", source.lower())
        if len(word) > 2 and word not in STOP_WORDS and word not in _FOCUS_WORDS
    ]
    return " ".join(MARKER + word for word in dict.fromkeys(words))


def claim_contexts(text: str, claims: Sequence[Claim]) -> list[str]:
    """The context words of each claim of a document's cleaned text."""
    focus = visit_focus(text)
    return [context_words(claim.paragraph.section, focus) for claim in claims]


def with_context(text: str, context: str) -> str:
    """The text a classifier reads: the claim's words, then its context markers."""
    return f"{text} {context}" if context else text
