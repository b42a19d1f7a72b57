"""What a claim's polarity is decided on: the sentence classifiers' answers for the claim, for the two
sides of a contrast inside it, and for the sentences either side of it in its paragraph, the second
classifier's answers for the claim and for those sentences (`loaders.polarity_words`), and a few facts
of its words.

A report's paragraph moves: a run of praise, then "However, ..." and the shortfalls. A sentence read
alone ("This is not yet consistent", "Most children in care live in foster homes") often says which
it is only beside its neighbours, so the reader weighs them (docs/design-notes.md, "Polarity in its
paragraph").
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

CATS = ("strength", "weakness", "mixed", "recommendation", "context", "low")  # the classifiers' outputs
WORD_CLASSES = CATS[:5]  # the second classifier's (`loaders.polarity_words`): the polarities
_LOG_FLOOR = 1e-4
_NONE = dict.fromkeys(CATS, 0.0)  # no such sentence: no side of a contrast, no neighbour
_OPENS_WITH_CONTRAST = re.compile(r"(However|But|Although|Though|While|Whilst|Despite|Nevertheless)\b")
_NOW = re.compile(r"\b(?:is|are|was|were|has|have)\s+(?:currently|now|recently)\b")
_WORDS_SCALE = 30.0  # a sentence's length in words, over a typical claim's

FEATURES = (
    *(f"own_{c}" for c in CATS),
    "own_strength_weakness_gap",
    "own_strength_or_weakness",
    "contrast",
    *(f"{side}_{c}" for side in ("before_contrast", "after_contrast") for c in CATS),
    "contrast_sides_differ",
    *(f"{side}_{c}" for side in ("previous", "next") for c in CATS),
    "first_in_paragraph",
    "last_in_paragraph",
    "opens_with_contrast",
    "words",
    "has_digit",
    "says_now",
    *(f"{who}words_{c}" for who in ("", "previous_", "next_") for c in WORD_CLASSES),
    *(f"{who}words_log_{c}" for who in ("", "previous_", "next_") for c in WORD_CLASSES),
)


def _values(cats: Mapping[str, float]) -> list[float]:
    return [float(cats[c]) for c in CATS]


def _lean(cats: Mapping[str, float]) -> float:
    return float(cats["strength"]) - float(cats["weakness"])


def claim_features(
    cats: Sequence[Mapping[str, float]],
    sides: Mapping[int, tuple[Mapping[str, float], Mapping[str, float]]],
    paragraphs: Sequence[int],
    texts: Sequence[str],
    words: Sequence[Mapping[str, float]],
) -> list[list[float]]:
    """The FEATURES of each claim of one document, in order: `cats` are the sentence classifiers'
    answers for each claim, `sides` those for the two sides of each claim with a contrast inside it,
    `paragraphs` the paragraph each claim belongs to (claims of one paragraph are next to each
    other), `words` the second classifier's answers for each claim."""
    rows = []
    for n, own in enumerate(cats):
        first = n == 0 or paragraphs[n - 1] != paragraphs[n]
        last = n == len(cats) - 1 or paragraphs[n + 1] != paragraphs[n]
        before, after = sides.get(n, (_NONE, _NONE))
        text = texts[n]
        # the second classifier's for the claim, the one before it and the one after it
        worded = (words[n], _NONE if first else words[n - 1], _NONE if last else words[n + 1])
        rows.append(
            [
                *_values(own),
                abs(_lean(own)),
                max(float(own["strength"]), float(own["weakness"])),
                float(n in sides),
                *_values(before),
                *_values(after),
                abs(_lean(before) - _lean(after)),
                *_values(_NONE if first else cats[n - 1]),
                *_values(_NONE if last else cats[n + 1]),
                float(first),
                float(last),
                float(bool(_OPENS_WITH_CONTRAST.match(text))),
                len(text.split()) / _WORDS_SCALE,
                float(any(ch.isdigit() for ch in text)),
                float(bool(_NOW.search(text))),
                *(float(answer[c]) for answer in worded for c in WORD_CLASSES),
                *(math.log(float(answer[c]) + _LOG_FLOOR) for answer in worded for c in WORD_CLASSES),
            ]
        )
    return rows
