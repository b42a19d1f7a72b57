"""Polarity of a claim: strength, weakness, mixed, recommendation or context.

An item of a recommendations or priority-action list, and a claim under a heading that states its
polarity ("Areas for development", "The local authority has the following strengths"), takes the
polarity its section gives. Every other claim is classified by the trained text classifier that ships
in `loaders/models/polarity` (trained by `python -m training.polarity`); the model's name and version
are recorded on each claim it classified. That pipeline also holds a tone classifier, trained on what
the reports' own grades say of tens of thousands of sentences: how far a sentence reads like the
findings of an area graded requires improvement or inadequate moves probability from strength to
weakness, by the weight stored in the model's meta (`ikg_tone_weight`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

POLARITIES = ("strength", "weakness", "mixed", "recommendation", "context")
SECTION_METHOD = "section"
MODEL_DIR = Path(__file__).parent / "models" / "polarity"
BATCH_SIZE = 256
TONE_COMPONENT = "tone"
TONE_LOW = "low"  # read like the findings of an area graded requires improvement or inadequate
TONE_HIGH = "high"  # ... graded good or outstanding


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


def decide(doc: Doc, tone_weight: float) -> tuple[str, float]:
    """The polarity of a classified doc and its score: the classifier's probabilities, with
    tone_weight * (P(low tone) - 0.5) moved from strength to weakness; `recommendation` only for a
    text that directs."""
    scores = {name: doc.cats[name] for name in POLARITIES}
    if TONE_LOW in doc.cats:
        shift = tone_weight * (doc.cats[TONE_LOW] - 0.5)
        scores["weakness"] += shift
        scores["strength"] -= shift
    allowed = [name for name in POLARITIES if name != "recommendation" or _DIRECTIVE.search(doc.text)]
    label = max(allowed, key=lambda name: (scores[name], name))
    return label, round(min(1.0, max(0.0, float(scores[label]))), 3)


def classify(texts: Sequence[str]) -> list[tuple[str, float]]:
    """The most probable polarity of each text, with its score."""
    model = _model()
    weight = float(model.meta["ikg_tone_weight"])
    return [decide(doc, weight) for doc in model.pipe(texts, batch_size=BATCH_SIZE)]


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
