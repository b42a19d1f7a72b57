"""How well does the polarity pipeline generalise? Five-fold cross-validation over the train split's
documents, the way `training.polarity` trains the shipped model.

    python -m accuracy.polarity_folds          (about 10 minutes on 2 cores)

Each train-split document is read by the `textcat` of the fold that left it out, trained on the hand
labels of the other four fifths (a fifth of those, by document, picks its best checkpoint) and on the
weak labels of every document outside the fold, held-out documents never read; the tone classifier
is the shipped one (its labels are the reports' own grades, not hand labels). This is
`training.polarity.out_of_fold`, the reading the shipped reader learns from. For each fold, a reader
in context is then fitted to the other folds' claims and decides the fold's: a claim under a heading
that states its polarity takes it, every other claim is decided by the reader. Accuracy is pooled
over the folds, for all labels and for those the reader decided, and by the polarity score a claim
reaches (`accuracy.sure_scores`): the lowest score whose claims reach SURE_POLARITY_ACCURACY is where
SURE_POLARITY_SCORE is chosen.
"""

from __future__ import annotations

from collections import Counter

import spacy

from accuracy.precision_recall import agreeing, confusion_table
from accuracy.sure_scores import (
    SURE_POLARITY_ACCURACY,
    SURE_POLARITY_SCORE,
    ScoredClaim,
    lowest_sure_polarity,
    polarity_table,
)
from loaders.polarity import MODEL_DIR, POLARITIES, READER_META, decide
from training.claim_labels import FOLDS
from training.label_context import CORPUS
from training.polarity import TrainingData, fitted_reader, out_of_fold, reader_rows, training_data

Confusion = Counter[tuple[str, str]]  # (hand label, prediction) -> claims


def cross_validated(data: TrainingData | None = None) -> tuple[Confusion, Confusion, list[ScoredClaim]]:
    """(gold, predicted) counts over every train-split label, and over those the reader decided; and
    every label with the score of its polarity. `data` is the shipped model's training data unless
    given (`accuracy.learning_curve` gives fewer documents' hand labels)."""
    data = data or training_data([CORPUS])
    nlp = spacy.load(MODEL_DIR)  # the shipped tone classifier; its reader is replaced fold by fold
    rows = reader_rows(out_of_fold(data, nlp), data.hand[0] + data.hand[1])
    every: Confusion = Counter()
    classified: Confusion = Counter()
    scored: list[ScoredClaim] = []
    for fold in range(FOLDS):
        nlp.meta[READER_META] = fitted_reader(row for row in rows if row.fold != fold)
        tested = [row for row in rows if row.fold == fold]
        asked = [row for row in tested if row.given is None]
        found = decide([row.features for row in asked], [row.label.quote for row in asked], nlp)
        for row, (predicted, score) in zip(asked, found, strict=True):
            classified[(row.label.polarity, predicted)] += 1
            scored.append(ScoredClaim(score, row.label.polarity, predicted))
        for row in tested:
            if row.given is not None:
                every[(row.label.polarity, row.given)] += 1
                scored.append(ScoredClaim(1.0, row.label.polarity, row.given))
    every.update(classified)
    return every, classified, scored


def _accuracy(counts: Confusion) -> str:
    total = sum(counts.values())
    right = agreeing(counts)
    return f"{right / total:.3f} ({right}/{total})"


def main() -> None:
    every, classified, scored = cross_validated()
    print(f"polarity accuracy, pooled over {FOLDS} folds: {_accuracy(every)}")
    print(f"of the claims the reader decided: {_accuracy(classified)}")
    print("\n" + confusion_table("label", POLARITIES, every))
    print(
        f"\nBy polarity score (lowest whose accuracy reaches {SURE_POLARITY_ACCURACY}: "
        f"{lowest_sure_polarity(scored)}; SURE_POLARITY_SCORE {SURE_POLARITY_SCORE}):\n"
    )
    print(polarity_table(scored))


if __name__ == "__main__":
    main()
