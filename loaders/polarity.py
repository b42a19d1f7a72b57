"""Polarity of a claim: strength, weakness, mixed, recommendation or context.

An item of a recommendations or priority-action list, and a claim under a heading that states its
polarity ("Areas for development", "The local authority has the following strengths"), takes the
polarity its section gives. Every other claim is decided in two steps by the pipeline that ships in
`loaders/models/polarity` (trained by `python -m training.polarity`):
- two sentence classifiers read each sentence alone, its negations marked (`loaders.negation`):
  `textcat`, its polarity, and `tone`, how far it reads like the findings of an area graded requires
  improvement or inadequate (trained on what the reports' own grades say of tens of thousands of
  sentences);
- a reader in context, a logistic regression stored in the model's meta (`ikg_reader`), decides from
  their answers for the claim, for the two sides of a contrast inside it ("..., but ...") and for
  its neighbours in the paragraph, and from a second classifier's answers for the claim, a logistic
  regression over its words and word pairs (`loaders.polarity_words`, stored beside the pipeline;
  `loaders.polarity_features`).
The model's name and version are recorded on each claim it decided.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import spacy
from scipy.special import softmax
from spacy.language import Language

from loaders.negation import INPUT_FORM, marked
from loaders.polarity_features import FEATURES, claim_features
from loaders.polarity_words import PolarityWords

POLARITIES = ("strength", "weakness", "mixed", "recommendation", "context")
SECTION_METHOD = "section"
MODEL_DIR = Path(__file__).parent / "models" / "polarity"
BATCH_SIZE = 256
TONE_COMPONENT = "tone"
TONE_LOW = "low"  # read like the findings of an area graded requires improvement or inadequate
TONE_HIGH = "high"  # ... graded good or outstanding
READER_META = "ikg_reader"  # the reader in context: its features, classes and weights
INPUT_META = "ikg_input"  # the form the sentence classifiers read a text in (`loaders.negation`)


@cache
def _model() -> Language:
    return checked_input(spacy.load(MODEL_DIR))


@cache
def _word_model() -> PolarityWords:
    return PolarityWords.load(MODEL_DIR)


def checked_input(model: Language) -> Language:
    """The model, if its classifiers were trained on text in the form they are given it."""
    if model.meta.get(INPUT_META) != INPUT_FORM:
        raise ValueError(f"{MODEL_DIR}: the classifiers were trained on other input; retrain the model")
    return model


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


# "Most plans are clear, but some are too vague": the two sides of a contrast inside a sentence are
# read apart, since a strength and a weakness joined so make it mixed. A sentence that opens with its
# concession ("Although leaders have plans, children still wait too long") is labelled by its main
# point, so only a contrast inside it splits.
_CONTRAST = re.compile(r"(?:,\s*|\s+)(?:but|although|though|whilst|while)\s+", re.I)
_CLAUSE_MIN = 15  # characters on each side: a shorter side is a phrase, not a clause


def _clauses(text: str) -> tuple[str, str] | None:
    """The two sides of a contrast inside a sentence, or None."""
    found = _CONTRAST.search(text)
    if found is None or found.start() < _CLAUSE_MIN or len(text) - found.end() < _CLAUSE_MIN:
        return None
    return text[: found.start()], text[found.end() :]


def _reader(model: Language) -> tuple[np.ndarray, np.ndarray, list[str]]:
    reader = model.meta[READER_META]
    if list(reader["features"]) != list(FEATURES):
        raise ValueError(f"{MODEL_DIR}: the reader was trained on other features; retrain the model")
    return np.array(reader["coef"]), np.array(reader["intercept"]), list(reader["classes"])


def decide(
    features: Sequence[Sequence[float]], texts: Sequence[str], model: Language
) -> list[tuple[str, float]]:
    """The polarity of each claim from its FEATURES by the model's reader, with its probability;
    `recommendation` only for a text that directs."""
    coef, intercept, classes = _reader(model)
    if not texts:
        return []
    scores = np.asarray(features, dtype=float) @ coef.T + intercept
    probabilities = softmax(scores, axis=1)
    found = []
    for row, text in zip(probabilities, texts, strict=True):
        allowed = [n for n, name in enumerate(classes) if name != "recommendation" or _DIRECTIVE.search(text)]
        best = max(allowed, key=lambda n: (row[n], classes[n]))
        found.append((classes[best], round(float(row[best]), 3)))
    return found


def _sentence_answers(
    model: Language, texts: Sequence[str]
) -> tuple[list[dict[str, float]], dict[int, tuple[dict[str, float], dict[str, float]]]]:
    """The sentence classifiers' answers for each text, and for the two sides of each contrast inside one."""
    cats = [dict(doc.cats) for doc in model.pipe(map(marked, texts), batch_size=BATCH_SIZE)]
    split = {n: sides for n, text in enumerate(texts) if (sides := _clauses(text))}
    halves = [
        dict(doc.cats)
        for doc in model.pipe((marked(s) for sides in split.values() for s in sides), batch_size=BATCH_SIZE)
    ]
    return cats, {n: (halves[2 * k], halves[2 * k + 1]) for k, n in enumerate(split)}


def document_features(
    model: Language, words: PolarityWords, texts: Sequence[str], paragraphs: Sequence[int]
) -> list[list[float]]:
    """The FEATURES of every claim of one document, in order, read by the sentence classifiers of
    `model` and by the second classifier, `words`."""
    cats, sides = _sentence_answers(model, texts)
    return claim_features(cats, sides, paragraphs, texts, words.probabilities(texts))


def classify(texts: Sequence[str], paragraphs: Sequence[int] | None = None) -> list[tuple[str, float]]:
    """The polarity of each claim of one document, in order, with its probability: claims of one
    paragraph (the same number in `paragraphs`; by default each claim is a paragraph) read together."""
    model = _model()
    words = [" ".join(text.split()) for text in texts]  # as the models were trained: line breaks aside
    paragraphs = list(range(len(words))) if paragraphs is None else paragraphs
    return decide(document_features(model, _word_model(), words, paragraphs), words, model)


def claim_polarities(
    given: Sequence[str | None], texts: Sequence[str], paragraphs: Sequence[int]
) -> list[tuple[str, float, str]]:
    """(polarity, score, method) of each claim of one document: its section's polarity where it has
    one, else the model's (every claim is read, as a neighbour of the others)."""
    answers = classify(texts, paragraphs) if any(g is None for g in given) else []
    found = []
    for n, polarity in enumerate(given):
        if polarity is None:
            label, score = answers[n]
            found.append((label, score, model_version()))
        else:
            found.append((polarity, 1.0, SECTION_METHOD))
    return found
