"""The hand-labelled claims of `tests/data/claims_labels.jsonl`, and which documents are held out.

Each label names its document (file name and SHA-256 of the file), the quote and its offsets into
the cleaned text, and the labeller's polarity, themes and junk flag. The split is by document: a
document's claims are all "train" or all "heldout". Nothing is trained or tuned on held-out documents,
and their weak labels are left out of training too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DEV_EVERY = 5  # every fifth train-split document (in SHA-256 order) is a dev document
FOLDS = 5  # cross-validation over the train documents: each fold leaves a fifth of them out
LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "claims_labels.jsonl"


@dataclass(frozen=True)
class ClaimLabel:
    file: str
    sha256: str
    split: str
    start: int
    end: int
    quote: str
    polarity: str
    themes: tuple[str, ...]
    junk: bool


def claim_labels(path: Path = LABELS) -> list[ClaimLabel]:
    labels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        labels.append(
            ClaimLabel(
                file=row["file"],
                sha256=row["sha256"],
                split=row["split"],
                start=row["start"],
                end=row["end"],
                quote=row["quote"],
                polarity=row["polarity"],
                themes=tuple(row["themes"]),
                junk=row["junk"],
            )
        )
    return labels


def split_of(key: str) -> str:
    """The split of a labelled document (by its file name) or repeat pair (by its authority's code):
    "heldout" when the first hex digit of the key's SHA-256 is odd, else "train"."""
    return "heldout" if int(hashlib.sha256(key.encode()).hexdigest()[0], 16) % 2 else "train"


def held_out_documents(labels: list[ClaimLabel]) -> set[str]:
    """SHA-256 of every document whose labels are held out."""
    return {label.sha256 for label in labels if label.split == "heldout"}


def train_and_dev(labels: list[ClaimLabel]) -> tuple[list[ClaimLabel], list[ClaimLabel]]:
    """The train split's labels that are not junk, as (train, dev): a fifth of its documents, chosen
    by document, is the dev set that picks the best model during training."""
    hand = [label for label in labels if label.split == "train" and not label.junk]
    dev_documents = set(sorted({label.sha256 for label in hand})[::DEV_EVERY])
    return (
        [label for label in hand if label.sha256 not in dev_documents],
        [label for label in hand if label.sha256 in dev_documents],
    )


def document_folds(documents: Iterable[str]) -> list[set[str]]:
    """The documents in FOLDS groups, each the one fold leaves out: in sorted order, every FOLDS-th
    from the fold's number, so that a fold holds the same documents whichever model is trained."""
    ordered = sorted(set(documents))
    return [set(ordered[fold::FOLDS]) for fold in range(FOLDS)]
