"""Train the theme pipeline that ships in `loaders/models/themes`.

    python -m training.themes          (about 4 minutes on 2 cores)

Training data: the "train" split of `tests/data/claims_labels.jsonl` (junk left out), every theme a
labeller gave a claim, each claim as the tagger gives it to the classifier (its words, its context
markers from `training.label_context`, its cue markers), and read in its paragraph as the tagger
reads it (the reader weighs what the paragraph's other claims say of each theme). The shipped
pipeline is three models:
- the classifier, trained on every train-split claim for the config's 4,000 steps: no labels are kept
  back to pick a checkpoint, since with a dev fifth kept back its score stopped moving after about
  1,400 steps, and with every claim to learn from five-fold F1 gains 0.01;
- the second classifier, which reads each claim's paragraph as well as the claim
  (`loaders.lemma_themes`, fitted by `training.lemma_themes` on every train-split claim), saved
  beside the first in its folder;
- the reader (`loaders.theme_features`), a logistic regression fitted to the themes put forward for
  every train-split claim, each put forward by classifiers that never saw its document: FOLDS pairs
  of classifiers, each trained as the shipped ones are on the other four fifths (`out_of_fold`).
  Beside each theme's features it reads how often the labels give the theme to a claim whose cues
  name it (`loaders.theme_features.CueReliability`), counted, for the claims of each fold, on the
  other folds' labels, and on every train label for the shipped reader; and each theme has its own
  intercept and weight of the classifier's log probability (`loaders.themes.THEME_WEIGHTS`).
  Its threshold is the highest whose micro F1, pooled over the folds, each fold decided by a reader
  fitted to the other folds, is within F1_TOLERANCE of the best: the more precise of thresholds the
  labels cannot tell apart, since a theme a claim does not discuss puts it in the answers about that
  theme. The reader's weights and threshold are stored in the model's meta.
Held-out documents are never read. The model's version is the SHA-256 of the training data and the
reader, so a claim's provenance names the data its themes came from.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from accuracy.precision_recall import PrecisionRecall
from loaders.lemma_themes import LemmaThemes
from loaders.theme_features import FEATURES, CueReliability
from loaders.themes import (
    MIN_EVIDENCE,
    MODEL_DIR,
    READER_META,
    THEME_OWN_FEATURES,
    THEME_WEIGHTS,
    ThemeTagger,
    reader_probabilities,
)
from ontology.vocabulary import vocabulary
from training.claim_labels import FOLDS, claim_labels, document_folds, train_and_dev
from training.label_context import QuotedClaim, flattened, label_claims
from training.lemma_themes import fitted
from training.textcat import Example, data_version, save, trained_to_end

CONFIG = Path(__file__).with_name("themes.cfg")
THRESHOLDS = tuple(round(0.05 * n, 2) for n in range(2, 19))  # 0.10 .. 0.90
F1_TOLERANCE = 0.01
# The reader's inverse regularisation: 0.3 and 1 within 0.002 F1 of each other in cross-validation
# over the train documents (`python -m accuracy.theme_folds` measures the shipped choice).
READER_C = 1.0


@dataclass(frozen=True)
class Labelled:
    document: str  # SHA-256 of its document
    themes: frozenset[str]
    claim: QuotedClaim  # the claim in its paragraph
    evidence: dict[str, float]  # the cue matcher's, per theme

    @property
    def text(self) -> str:
        """The claim's words."""
        return self.claim.texts[self.claim.index]

    @property
    def context(self) -> str:
        """Its context markers."""
        return self.claim.context


@dataclass(frozen=True)
class ReaderClaim:
    """A labelled claim and the themes put forward for it by a classifier that never saw its document."""

    fold: int
    themes: frozenset[str]  # the labeller's
    candidates: list[tuple[str, list[float]]]  # (theme, its FEATURES)


def train_split() -> list[Labelled]:
    """The train split's labelled claims (junk left out), each in its paragraph."""
    labels = [label for part in train_and_dev(claim_labels()) for label in part]
    claims = label_claims(labels)
    evidence = ThemeTagger(vocabulary().themes).cue_evidence([claim.texts[claim.index] for claim in claims])
    return [
        Labelled(label.sha256, frozenset(label.themes), claim, found)
        for label, claim, found in zip(labels, claims, evidence, strict=True)
    ]


def cue_reliability_of(items: Iterable[Labelled]) -> CueReliability:
    """How often the labels give each theme to the claims whose cues name it."""
    return CueReliability.counted(((item.evidence, item.themes) for item in items), MIN_EVIDENCE)


def _examples(labelled: list[Labelled]) -> list[Example]:
    """Each claim as the classifier reads it when tagging (`ThemeTagger.classifier_texts`)."""
    texts = ThemeTagger(vocabulary().themes).classifier_texts(
        [item.text for item in labelled], [item.context for item in labelled]
    )
    return [(text, item.themes) for text, item in zip(texts, labelled, strict=True)]


def _theme_ids() -> list[str]:
    return [theme.id for theme in vocabulary().themes]


def second_classifier(items: list[Labelled]) -> LemmaThemes:
    """The classifier that reads each claim's paragraph too, fitted to the claims' labels."""
    texts, contexts, paragraphs, where = flattened([item.claim for item in items])
    labelled = [(n, item.themes) for n, item in zip(where, items, strict=True)]
    words = ThemeTagger(vocabulary().themes).second_texts(texts, contexts)
    return fitted(words, paragraphs, labelled, _theme_ids())


def out_of_fold(items: list[Labelled]) -> list[ReaderClaim]:
    """Every claim with the themes put forward for it by the classifiers of the fold that left its
    document out, trained on the other documents. Two folds train at once, one per core."""

    def fold_claims(fold: int, tested: set[str]) -> list[ReaderClaim]:
        train = [i for i in items if i.document not in tested]
        test = [i for i in items if i.document in tested]
        tagger = ThemeTagger(
            vocabulary().themes,
            trained_to_end(CONFIG, _examples(train), _theme_ids()),
            second_classifier(train),
        )
        texts, contexts, paragraphs, where = flattened([i.claim for i in test])
        read = tagger.candidates(texts, contexts, paragraphs, cue_reliability_of(train))
        put_forward = [read[n] for n in where]
        return [ReaderClaim(fold, i.themes, found) for i, found in zip(test, put_forward, strict=True)]

    with ThreadPoolExecutor(2) as pool:
        folds = document_folds(item.document for item in items)
        return [claim for claims in pool.map(fold_claims, range(FOLDS), folds) for claim in claims]


def fitted_reader(claims: Iterable[ReaderClaim]) -> dict[str, Any]:
    """The reader fitted to every theme put forward for the claims, as the model's meta stores it
    (its threshold aside): weights of the FEATURES shared by every theme, and each theme's own
    intercept and weights of THEME_OWN_FEATURES, as columns of that theme's candidates alone
    (regularised with the rest, so a theme with few labels keeps near the shared weights)."""
    rows = [
        (theme, features, theme in claim.themes) for claim in claims for theme, features in claim.candidates
    ]
    themes = sorted({theme for theme, _, _ in rows})
    column = {theme: n for n, theme in enumerate(themes)}
    sources = [FEATURES.index(name) for name in THEME_OWN_FEATURES]
    matrix = np.zeros((len(rows), len(FEATURES) + (1 + len(sources)) * len(themes)))
    for n, (theme, features, _) in enumerate(rows):
        matrix[n, : len(FEATURES)] = features
        for k, value in enumerate([1.0, *(features[source] for source in sources)]):
            matrix[n, len(FEATURES) + k * len(themes) + column[theme]] = value
    model = LogisticRegression(C=READER_C, max_iter=5000)
    model.fit(matrix, [given for _, _, given in rows])
    weights = model.coef_[0]
    own = weights[len(FEATURES) :].reshape(1 + len(sources), len(themes))
    return {
        "features": list(FEATURES),
        "coef": weights[: len(FEATURES)].tolist(),
        "intercept": float(model.intercept_[0]),
        THEME_WEIGHTS: {theme: own[:, n].tolist() for n, theme in enumerate(themes)},
    }


def out_of_fold_probabilities(claims: list[ReaderClaim]) -> list[tuple[ReaderClaim, list[float]]]:
    """Each claim with the reader's probability for each theme put forward for it, the reader fitted
    to the other folds' claims."""
    found: list[tuple[ReaderClaim, list[float]]] = []
    for fold in range(FOLDS):
        reader = fitted_reader(claim for claim in claims if claim.fold != fold)
        for claim in (claim for claim in claims if claim.fold == fold):
            sure = reader_probabilities(claim.candidates, reader)
            found.append((claim, sure.tolist()))
    return found


def cross_validated(read: list[tuple[ReaderClaim, list[float]]]) -> dict[float, PrecisionRecall]:
    """Threshold -> micro precision and recall pooled over the folds, of the claims as
    `out_of_fold_probabilities` read them."""
    counts = {threshold: PrecisionRecall() for threshold in THRESHOLDS}
    tagger = ThemeTagger(vocabulary().themes)
    for claim, sure in read:
        for threshold in THRESHOLDS:
            got = tagger.decided(claim.candidates, sure, threshold)
            counts[threshold].add(Counter(got.keys()), Counter(claim.themes))
    return counts


def best_threshold(counts: dict[float, PrecisionRecall]) -> float:
    """The highest threshold whose F1 is within F1_TOLERANCE of the best."""
    best = max(found.f1 for found in counts.values())
    return max(threshold for threshold, found in counts.items() if found.f1 >= best - F1_TOLERANCE)


def main() -> None:
    items = train_split()
    print(f"{len(items)} claims of {len({item.document for item in items})} documents")
    claims = out_of_fold(items)
    counts = cross_validated(out_of_fold_probabilities(claims))
    threshold = best_threshold(counts)
    reliability = cue_reliability_of(items)
    reader = fitted_reader(claims) | {
        "threshold": threshold,
        "cue_reliability": {"enough": dict(reliability.enough), "any": dict(reliability.any)},
    }
    examples = _examples(items)
    classifier = trained_to_end(CONFIG, examples, _theme_ids())
    classifier.meta[READER_META] = reader
    second = second_classifier(items)
    # The reader and the second classifier are part of the version: the same classifier read
    # otherwise is another model.
    version = data_version((examples, [])) + json.dumps(reader, sort_keys=True) + second.digest()
    save(
        classifier,
        "ikg_themes",
        hashlib.sha256(version.encode()).hexdigest()[:12],
        "Themes of a claim of an Ofsted children's services report.",
        MODEL_DIR,
    )
    second.save(MODEL_DIR)
    chosen = counts[threshold]
    print(
        f"reader, five-fold over the train documents: P {chosen.precision:.3f} R {chosen.recall:.3f} "
        f"F1 {chosen.f1:.3f} at {threshold}"
    )
    print(f"model written to {MODEL_DIR}")


if __name__ == "__main__":
    main()
