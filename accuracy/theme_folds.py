"""Does the theme classifier gain from reading a claim's context? Five-fold cross-validation over the
train split's documents, with and without the context markers (`loaders.claim_context`).

    python -m accuracy.theme_folds          (about 15 minutes on 2 cores)

Each fold's documents are tagged by the cue matcher with a classifier trained on the other four
fifths (a fifth of those, by document, picks its best checkpoint), at every threshold the training
command considers; precision and recall are pooled over the folds. Held-out documents are never read.
"""

from __future__ import annotations

from collections import Counter

from accuracy.precision_recall import PrecisionRecall
from loaders.themes import ThemeTagger
from ontology.vocabulary import vocabulary
from training.claim_labels import DEV_EVERY, claim_labels, train_and_dev
from training.label_context import label_contexts
from training.textcat import trained
from training.themes import CONFIG, THRESHOLDS, Labelled, _examples, _labelled

FOLDS = 5


def _without_context(items: list[Labelled]) -> list[Labelled]:
    return [Labelled(item.document, item.text, "", item.themes) for item in items]


def pooled(items: list[Labelled]) -> dict[float, PrecisionRecall]:
    """Threshold -> precision and recall pooled over the folds."""
    documents = sorted({item.document for item in items})
    counts = {threshold: PrecisionRecall() for threshold in THRESHOLDS}
    themes = [theme.id for theme in vocabulary().themes]
    for fold in range(FOLDS):
        tested = set(documents[fold::FOLDS])
        rest = [d for d in documents if d not in tested]
        picking = set(rest[::DEV_EVERY])
        train = [i for i in items if i.document not in tested and i.document not in picking]
        dev = [i for i in items if i.document in picking]
        test = [i for i in items if i.document in tested]
        classifier = trained(CONFIG, _examples(train), _examples(dev), themes)
        tagger = ThemeTagger(vocabulary().themes, classifier)
        for threshold in THRESHOLDS:
            classifier.meta["ikg_threshold"] = threshold  # read by the tagger on every call
            found = tagger.tag([i.text for i in test], [i.context for i in test])
            for item, assigned in zip(test, found, strict=True):
                counts[threshold].add(Counter(a.theme for a in assigned), Counter(item.themes))
    return counts


def main() -> None:
    train, dev = train_and_dev(claim_labels())
    labels = train + dev
    items = _labelled(labels, label_contexts(labels))
    results = {"words alone": pooled(_without_context(items)), "words and context": pooled(items)}
    print("| threshold | " + " | ".join(f"{name}: P / R / F1" for name in results) + " |")
    print("|---:|" + "---:|" * len(results))
    for threshold in THRESHOLDS:
        cells = [results[name][threshold] for name in results]
        print(
            f"| {threshold} | "
            + " | ".join(f"{c.precision:.3f} / {c.recall:.3f} / {c.f1:.3f}" for c in cells)
            + " |"
        )


if __name__ == "__main__":
    main()
