"""Finding paragraphs -> claims: the sentences (or whole list items) that carry polarity and themes.

A bullet under a heading that says what its bullets are (the letters' strengths and areas for
development) and an item of a recommendations or priority-action list is one claim, however many
sentences it has: the list makes it one point. Every other paragraph, the focused visits' bulleted
paragraphs among them, gives one claim per sentence, because such paragraphs mix praise, criticism
and plain description.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.findings import Draft
from loaders.sentences import sentence_spans


@dataclass(frozen=True)
class Claim:
    start: int
    end: int
    paragraph: Draft
    paragraph_ordinal: int  # position of its paragraph among the document's finding paragraphs, from 1


def claims(drafts: list[Draft], text: str) -> list[Claim]:
    found: list[Claim] = []
    for ordinal, draft in enumerate(drafts, start=1):
        spans = (
            [(draft.start, draft.end)]
            if draft.item
            else sentence_spans(text[draft.start : draft.end], draft.start)
        )
        found += [Claim(start, end, draft, ordinal) for start, end in spans]
    return found
