"""Train the theme classifier that ships in `loaders/models/themes`.

    python -m training.themes

Training data: the "train" split of `tests/data/claims_labels.jsonl` (junk left out), every theme a
labeller gave a claim; a fifth of its documents, chosen by document, is the dev set. The classifier
adds to the cue matcher's themes, so its threshold is the one at which matcher and classifier
together have the best micro F1 on the dev set (ties to the higher threshold, the more precise), and
is stored in the model's meta as `ikg_threshold`. Held-out documents are never read.
"""

from __future__ import annotations

import json
from pathlib import Path

import spacy

from loaders.themes import MODEL_DIR, ThemeTagger
from ontology.vocabulary import vocabulary
from training.claim_labels import ClaimLabel, claim_labels, train_and_dev
from training.textcat import Example, train_textcat

CONFIG = Path(__file__).with_name("themes.cfg")
THRESHOLDS = tuple(round(0.05 * n, 2) for n in range(2, 19))  # 0.10 .. 0.90


def _examples(labels: list[ClaimLabel]) -> list[Example]:
    return [(" ".join(label.quote.split()), frozenset(label.themes)) for label in labels]


def _micro_f1(tagger: ThemeTagger, dev: list[Example]) -> float:
    found = tagger.tag([text for text, _ in dev])
    tp = fp = fn = 0
    for (_, gold), assigned in zip(dev, found, strict=True):
        got = {a.theme for a in assigned}
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def best_threshold(dev: list[Example]) -> tuple[float, float]:
    """(threshold, micro F1 on dev) of the trained classifier together with the matcher."""
    classifier = spacy.load(MODEL_DIR)
    scored = []
    for threshold in THRESHOLDS:
        classifier.meta["ikg_threshold"] = threshold
        scored.append((_micro_f1(ThemeTagger(vocabulary().themes, classifier), dev), threshold))
    f1, threshold = max(scored)
    return threshold, f1


def main() -> None:
    train, dev = (_examples(part) for part in train_and_dev(claim_labels()))
    print(f"train {len(train)} claims, dev {len(dev)} claims")
    matcher_only = _micro_f1(ThemeTagger(vocabulary().themes), dev)
    themes = [theme.id for theme in vocabulary().themes]
    train_textcat(CONFIG, train, dev, themes, "ikg_themes",
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
