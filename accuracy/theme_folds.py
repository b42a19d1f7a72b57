"""How well does the theme pipeline generalise? Five-fold cross-validation over the train split's
documents, the way `training.themes` trains the shipped model.

    python -m accuracy.theme_folds          (about 3 minutes on 2 cores)

Each train-split claim's themes are put forward by the classifier of the fold that left its document
out, trained on the other four fifths, and decided by a reader fitted to the other folds' claims
(`training.themes.out_of_fold` and `out_of_fold_probabilities`). Precision and recall are pooled over
the folds at every threshold the training command considers; the row marked is the one it chooses.
Then the themes given at that threshold are kept by the score each reaches, as a researcher filters
the graph's (`accuracy.sure_scores`): the lowest score whose themes reach SURE_THEME_PRECISION is where
SURE_THEME_SCORE is chosen. Last, each theme's precision and recall (`accuracy.theme_breakdown`).
Held-out documents are never read.
"""

from __future__ import annotations

from accuracy.precision_recall import threshold_table
from accuracy.sure_scores import (
    SURE_THEME_PRECISION,
    SURE_THEME_SCORE,
    lowest_sure_theme,
    theme_counts,
    theme_table,
)
from accuracy.theme_breakdown import breakdown_table
from loaders.themes import ThemeTagger
from ontology.vocabulary import vocabulary
from training.themes import (
    best_threshold,
    cross_validated,
    out_of_fold,
    out_of_fold_probabilities,
    train_split,
)


def main() -> None:
    read = out_of_fold_probabilities(out_of_fold(train_split()))
    counts = cross_validated(read)
    chosen = best_threshold(counts)
    print(threshold_table("reader threshold", counts, chosen, "chosen"))
    tagger = ThemeTagger(vocabulary().themes)
    given = [(tagger.decided(claim.candidates, sure, chosen), claim.themes) for claim, sure in read]
    by_score = theme_counts(given)
    print(
        f"\nThe themes given at {chosen}, by their score (lowest whose precision reaches "
        f"{SURE_THEME_PRECISION}: {lowest_sure_theme(by_score)}; SURE_THEME_SCORE {SURE_THEME_SCORE}):\n"
    )
    print(theme_table(by_score))
    print(f"\nEach theme, given at {chosen}:\n")
    print(breakdown_table(given))


if __name__ == "__main__":
    main()
