"""How well does the theme pipeline generalise? Five-fold cross-validation over the train split's
documents, the way `training.themes` trains the shipped model.

    python -m accuracy.theme_folds          (about 3 minutes on 2 cores)

Each train-split claim's themes are put forward by the classifier of the fold that left its document
out, trained on the other four fifths, and decided by a reader fitted to the other folds' claims
(`training.themes.out_of_fold` and `cross_validated`). Precision and recall are pooled over the folds
at every threshold the training command considers; the row marked is the one it chooses. Held-out
documents are never read.
"""

from __future__ import annotations

from accuracy.precision_recall import markdown_table
from training.themes import best_threshold, cross_validated, out_of_fold, train_split


def main() -> None:
    counts = cross_validated(out_of_fold(train_split()))
    chosen = best_threshold(counts)
    rows = [
        (
            f"{threshold}{' (chosen)' if threshold == chosen else ''}",
            f"{found.precision:.3f}",
            f"{found.recall:.3f}",
            f"{found.f1:.3f}",
        )
        for threshold, found in counts.items()
    ]
    print(markdown_table(("reader threshold", "precision", "recall", "F1"), rows))


if __name__ == "__main__":
    main()
