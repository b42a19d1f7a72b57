"""Train the theme classifier that ships in `loaders/models/themes`.

    python -m training.themes

Training data: the "train" split of `tests/data/claims_labels.jsonl` (junk left out), every theme a
labeller gave a claim, each claim as the tagger gives it to the classifier (its words, its context
markers from `training.label_context`, its cue markers); a fifth of its documents, chosen by
document, is the dev set. The classifier
adds to the cue matcher's themes, so its threshold is chosen for matcher and classifier together:
the highest whose micro F1 on the dev set is within F1_TOLERANCE of the best (the more precise of
thresholds the dev set cannot tell apart), stored in the model's meta as `ikg_threshold`. Held-out
documents are never read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import spacy

from loaders.themes import MODEL_DIR, ThemeTagger
from ontology.vocabulary import vocabulary
from training.claim_labels import ClaimLabel, claim_labels, train_and_dev
from training.label_context import label_contexts
from training.textcat import Example, train_textcat

CONFIG = Path(__file__).with_name("themes.cfg")
THRESHOLDS = tuple(round(0.05 * n, 2) for n in range(2, 19))  # 0.10 .. 0.90
F1_TOLERANCE = 0.01


@dataclass(frozen=True)
class Labelled:
    document: str  # SHA-256 of its document
    text: str  # the claim's words
    context: str  # its context markers
    themes: frozenset[str]


def _labelled(labels: list[ClaimLabel], contexts: list[str]) -> list[Labelled]:
    """Each label with its claim's context (`label_contexts`, in the labels' order)."""
    return [
        Labelled(label.sha256, " ".join(label.quote.split()), context, frozenset(label.themes))
        for label, context in zip(labels, contexts, strict=True)
    ]


def _examples(labelled: list[Labelled]) -> list[Example]:
    """Each claim as the classifier reads it when tagging (`ThemeTagger.classifier_texts`)."""
    texts = ThemeTagger(vocabulary().themes).classifier_texts(
        [item.text for item in labelled], [item.context for item in labelled]
    )
    return [(text, item.themes) for text, item in zip(texts, labelled, strict=True)]


def _micro_f1(tagger: ThemeTagger, dev: list[Labelled]) -> float:
    found = tagger.tag([item.text for item in dev], [item.context for item in dev])
    tp = fp = fn = 0
    for gold, assigned in zip((item.themes for item in dev), found, strict=True):
        got = {a.theme for a in assigned}
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def best_threshold(dev: list[Labelled]) -> tuple[float, float]:
    """(threshold, micro F1 on dev) of the trained classifier together with the matcher: the highest
    threshold whose F1 is within F1_TOLERANCE of the best, since a theme a claim does not discuss puts
    it in the answers about that theme, and a few hundred dev claims cannot tell closer F1s apart."""
    classifier = spacy.load(MODEL_DIR)
    scored = []
    for threshold in THRESHOLDS:
        classifier.meta["ikg_threshold"] = threshold
        scored.append((_micro_f1(ThemeTagger(vocabulary().themes, classifier), dev), threshold))
    best = max(f1 for f1, _ in scored)
    f1, threshold = max((t, f) for f, t in scored if f >= best - F1_TOLERANCE)[::-1]
    return threshold, f1


def main() -> None:
    train_labels, dev_labels = train_and_dev(claim_labels())
    train = _labelled(train_labels, label_contexts(train_labels))
    dev = _labelled(dev_labels, label_contexts(dev_labels))
    print(f"train {len(train)} claims, dev {len(dev)} claims")
    matcher_only = _micro_f1(ThemeTagger(vocabulary().themes), dev)
    themes = [theme.id for theme in vocabulary().themes]
    train_textcat(CONFIG, _examples(train), _examples(dev), themes, "ikg_themes",
                  "Themes of a claim of an Ofsted children's services report.", MODEL_DIR)  # fmt: skip
    threshold, f1 = best_threshold(dev)
    meta_path = MODEL_DIR / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["ikg_threshold"] = threshold
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    print(f"dev micro F1: matcher alone {matcher_only:.3f}, with the classifier {f1:.3f} at {threshold}")
    print(f"model written to {MODEL_DIR}")


if __name__ == "__main__":
    main()
