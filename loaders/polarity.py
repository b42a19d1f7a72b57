"""Polarity of a claim: strength, weakness, mixed, recommendation or context.

An item of a recommendations or priority-action list, and a claim under a heading that states its
polarity ("Areas for development", "The local authority has the following strengths"), takes the
polarity its section gives. Every other claim is classified by the trained text classifier that ships
in `loaders/models/polarity` (trained by `python -m training.polarity`); the model's name and version
are recorded on each claim it classified. That pipeline also holds a tone classifier, trained on what
the reports' own grades say of tens of thousands of sentences: how far a sentence reads like the
findings of an area graded requires improvement or inadequate moves probability from strength to
weakness, by the weight stored in the model's meta (`ikg_tone_weight`). A sentence whose two sides
of a contrast ("..., but ...") the model calls a strength and a weakness is mixed.
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


# "Most plans are clear, but some are too vague": a strength and a weakness joined by a contrast in
# one sentence is mixed. A sentence that opens with its concession ("Although leaders have plans,
# children still wait too long") is labelled by its main point, so only a contrast inside it splits.
_CONTRAST = re.compile(r"(?:,\s*|\s+)(?:but|although|though|whilst|while)\s+", re.I)
_CLAUSE_MIN = 15  # characters on each side: a shorter side is a phrase, not a clause


def _clauses(text: str) -> tuple[str, str] | None:
    """The two sides of a contrast inside a sentence, or None."""
    found = _CONTRAST.search(text)
    if found is None or found.start() < _CLAUSE_MIN or len(text) - found.end() < _CLAUSE_MIN:
        return None
    return text[: found.start()], text[found.end() :]


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


def polarities(model: Language, texts: Sequence[str], tone_weight: float) -> list[tuple[str, float]]:
    """The polarity of each text by the model, with its score: `decide` on the whole sentence, and
    mixed where the two sides of a contrast inside it are a strength and a weakness (scored by the
    less sure side)."""
    found = [decide(doc, tone_weight) for doc in model.pipe(texts, batch_size=BATCH_SIZE)]
    split = {n: sides for n, text in enumerate(texts) if (sides := _clauses(text))}
    halves = model.pipe((side for sides in split.values() for side in sides), batch_size=BATCH_SIZE)
    judged = [decide(doc, tone_weight) for doc in halves]
    for (first, second), n in zip(zip(judged[::2], judged[1::2], strict=True), split, strict=True):
        if {first[0], second[0]} == {"strength", "weakness"}:
            found[n] = ("mixed", min(first[1], second[1]))
    return found


def classify(texts: Sequence[str]) -> list[tuple[str, float]]:
    """The most probable polarity of each text, with its score."""
    model = _model()
    return polarities(model, texts, float(model.meta["ikg_tone_weight"]))


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
