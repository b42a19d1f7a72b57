"""How well does the polarity pipeline generalise? Five-fold cross-validation over the train split's
documents, the way `training.polarity` trains the shipped model.

    python -m accuracy.polarity_folds          (about 15 minutes on 2 cores)

For each fold, the polarity classifier is trained on the hand labels of the other four fifths (a
fifth of those, by document, picks its best checkpoint and the tone weight) and on the weak labels of
every document outside the fold, held-out documents never read; the tone classifier is the shipped
one (its labels are the reports' own grades, not hand labels). Each fold's labels are then decided
as the loader decides them: a claim under a heading that states its polarity takes it, every other
claim is classified. Accuracy is pooled over the folds, for all labels and for those classified.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import spacy

from loaders.extract import given_polarity, read_claims
from loaders.polarity import MODEL_DIR, POLARITIES, TONE_COMPONENT, polarities
from training.claim_labels import DEV_EVERY, ClaimLabel, claim_labels, held_out_documents, train_and_dev
from training.label_context import FOLDERS, _path
from training.polarity import (
    CONFIG,
    DEFAULT_CORPUS,
    HAND_WEIGHT,
    _as_examples,
    _capped,
    _corpus_files,
    _document_examples,
    _words,
    best_tone_weight,
)
from training.textcat import trained

FOLDS = 5


@dataclass(frozen=True)
class Decided:
    label: ClaimLabel
    given: str | None  # the polarity the claim's heading states, if any


def _given(path: Path) -> dict[str, str | None]:
    """Each claim's words -> the polarity its heading states (None when the classifier decides)."""
    text, claims, _ = read_claims(path.read_bytes(), path.name)
    return {_words(text[c.start : c.end]): given_polarity(c.paragraph.given) for c in claims}


def _decided(labels: Sequence[ClaimLabel]) -> list[Decided]:
    files = sorted({label.file for label in labels})
    with ProcessPoolExecutor(2) as pool:
        given = dict(zip(files, pool.map(_given, [_path(f, FOLDERS) for f in files]), strict=True))
    return [Decided(label, given[label.file].get(_words(label.quote))) for label in labels]


Confusion = Counter[tuple[str, str]]  # (hand label, prediction) -> claims


def cross_validated(corpus: Path = DEFAULT_CORPUS) -> tuple[Confusion, Confusion]:
    """(gold, predicted) counts over every train-split label, and over those the classifier decided."""
    labels = claim_labels()
    train, dev = train_and_dev(labels)
    items = _decided(train + dev)
    held_out = held_out_documents(labels)
    with ProcessPoolExecutor(2) as pool:
        weak_of = {
            found.sha256: found.weak
            for found in pool.map(_document_examples, _corpus_files([corpus]), chunksize=8)
            if found.sha256 not in held_out
        }
    tone = spacy.load(MODEL_DIR)
    documents = sorted({item.label.sha256 for item in items})
    every: Confusion = Counter()
    classified: Confusion = Counter()
    for fold in range(FOLDS):
        tested = set(documents[fold::FOLDS])
        picking = set([d for d in documents if d not in tested][::DEV_EVERY])
        hand = [(_words(i.label.quote), i.label.polarity) for i in items
                if i.label.sha256 not in tested | picking]  # fmt: skip
        picked = [(_words(i.label.quote), i.label.polarity) for i in items if i.label.sha256 in picking]
        weak = [example for sha, found in weak_of.items() if sha not in tested | picking for example in found]
        examples = _as_examples(hand * HAND_WEIGHT + _capped(weak))
        nlp = trained(CONFIG, examples, _as_examples(picked), POLARITIES)
        nlp.add_pipe(TONE_COMPONENT, source=tone)  # the shipped tone classifier, not its polarity one
        weight, _ = best_tone_weight(nlp, _as_examples(picked))
        test = [i for i in items if i.label.sha256 in tested]
        found = polarities(nlp, [_words(i.label.quote) for i in test], weight)
        for item, (predicted, _) in zip(test, found, strict=True):
            gold = item.label.polarity
            if item.given is not None:
                every[(gold, item.given)] += 1
                continue
            every[(gold, predicted)] += 1
            classified[(gold, predicted)] += 1
    return every, classified


def _accuracy(counts: Confusion) -> str:
    total = sum(counts.values())
    right = sum(n for (gold, predicted), n in counts.items() if gold == predicted)
    return f"{right / total:.3f} ({right}/{total})"


def main() -> None:
    every, classified = cross_validated()
    print(f"polarity accuracy, pooled over {FOLDS} folds: {_accuracy(every)}")
    print(f"of the claims the classifier decided: {_accuracy(classified)}")
    print("\n| label | " + " | ".join(POLARITIES) + " |\n|---|" + "---:|" * len(POLARITIES))
    for gold in POLARITIES:
        print(f"| {gold} | " + " | ".join(str(every[(gold, p)]) for p in POLARITIES) + " |")


if __name__ == "__main__":
    main()
