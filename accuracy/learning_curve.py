"""Would more hand labels help? Both pipelines cross-validated five-fold over the train documents,
as `accuracy.polarity_folds` and `accuracy.theme_folds` do, with the hand labels of every k-th train
document only (k = 4, 2, 1; documents in SHA-256 order, so each share holds the smaller one). Each
share is scored on its own documents, every claim by the fold that left its document out; the weak
labels, which cost no reading, are the same for every share.

    python -m accuracy.learning_curve          (about 20 minutes on 2 cores)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from accuracy.polarity_folds import Confusion, cross_validated
from accuracy.precision_recall import agreeing
from training.label_context import CORPUS
from training.polarity import training_data
from training.themes import best_threshold, out_of_fold, out_of_fold_probabilities, train_split
from training.themes import cross_validated as theme_counts

EVERY = (4, 2, 1)
HEADER = (
    "| hand labels of | documents | polarity claims | polarity accuracy | theme claims "
    "| themes P / R / F1 at the chosen threshold | best theme F1 (threshold) |\n"
    "|---|---:|---:|---:|---:|---|---|"
)

T = TypeVar("T")


def every_kth_document(items: Sequence[T], document: Callable[[T], str], k: int) -> list[T]:
    """The items of every k-th document in sorted order (`document` names an item's)."""
    kept = set(sorted({document(item) for item in items})[::k])
    return [item for item in items if document(item) in kept]


def _accuracy(counts: Confusion) -> float:
    return agreeing(counts) / sum(counts.values())


def main() -> None:
    data = training_data([CORPUS])
    items = train_split()
    print(HEADER)
    for k in EVERY:
        train, dev = (every_kth_document(part, lambda label: label.sha256, k) for part in data.hand)
        polarity, _, _ = cross_validated(replace(data, hand=(train, dev)))
        kept = every_kth_document(items, lambda item: item.document, k)
        counts = theme_counts(out_of_fold_probabilities(out_of_fold(kept)))
        chosen = best_threshold(counts)
        best = max(counts, key=lambda threshold: counts[threshold].f1)
        at = counts[chosen]
        documents = len({label.sha256 for label in train + dev})
        print(
            f"| every {k} | {documents} | {sum(polarity.values())} | {_accuracy(polarity):.3f} | {len(kept)} "
            f"| {at.precision:.3f} / {at.recall:.3f} / {at.f1:.3f} ({chosen}) "
            f"| {counts[best].f1:.3f} ({best}) |",
            flush=True,
        )


if __name__ == "__main__":
    main()
