"""Polarity of a claim: strength, weakness, mixed, recommendation or context.

An item of a recommendations or priority-action list, and a claim under a heading that states its
polarity ("Areas for development", "The local authority has the following strengths"), takes the
polarity its section gives. Every other claim is classified by the trained text classifier that ships
in `loaders/models/polarity` (trained by `python -m training.polarity`); the model's name and version
are recorded on each claim it classified.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

POLARITIES = ("strength", "weakness", "mixed", "recommendation", "context")
SECTION_METHOD = "section"
MODEL_DIR = Path(__file__).parent / "models" / "polarity"
BATCH_SIZE = 256


@cache
def _model() -> Language:
    return spacy.load(MODEL_DIR)


@cache
def model_version() -> str:
    meta = _model().meta
    return f"{meta['name']}-{meta['version']}"


# A report recommends in its lists (which give their items the polarity) or in words that direct
# ("should", "must", "needs to"); a sentence of its findings that does neither states what
# inspectors found, however much it sounds like the lists ("The coordinator ensures prompt access").
_DIRECTIVE = re.compile(
    r"\b(should|must|needs? to|ought to|(?:is|are) required to|(?:is|are) to (?:ensure|review|improve))\b|"
    r"^(?:Ensure|Improve|Strengthen|Develop|Review|Increase|Reduce|Establish|Make sure)\b",
    re.I,
)


def classify(texts: Sequence[str]) -> list[tuple[str, float]]:
    """The most probable polarity of each text, with its probability; `recommendation` only for a
    text that directs."""
    found = []
    for text, doc in zip(texts, _model().pipe(texts, batch_size=BATCH_SIZE), strict=True):
        allowed = [name for name in doc.cats if name != "recommendation" or _DIRECTIVE.search(text)]
        label = max(allowed, key=lambda name: (doc.cats[name], name))
        found.append((label, round(float(doc.cats[label]), 3)))
    return found


def claim_polarities(given: Sequence[str | None], texts: Sequence[str]) -> list[tuple[str, float, str]]:
    """(polarity, score, method) of each claim: its section's polarity where it has one, else the model's."""
    asked = [n for n, g in enumerate(given) if g is None]
    answers = dict(zip(asked, classify([texts[n] for n in asked]), strict=True))
    found = []
    for n, polarity in enumerate(given):
        if polarity is None:
            label, score = answers[n]
            found.append((label, score, model_version()))
        else:
            found.append((polarity, 1.0, SECTION_METHOD))
    return found
