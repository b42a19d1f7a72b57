"""Train the polarity classifier that ships in `loaders/models/polarity`.

    python -m training.polarity [CORPUS ...]      (default: ../shared/corpus)

Training data, all at sentence (claim) level:
- weak labels: the claims whose section states their polarity ("Areas for development", "The local
  authority has the following strengths", every recommendations and priority-action list), from
  every document of the corpus folders except the held-out documents of the hand labels, at most
  WEAK_CAP distinct ones per polarity;
- hand labels: the "train" split of `tests/data/claims_labels.jsonl` (junk left out), which alone
  teach "mixed" and "context" and so count HAND_WEIGHT times; a fifth of their documents, chosen by
  document, is the dev set that picks the best model.
The model's version is the SHA-256 of its training data, so two trainings on the same data carry
the same version and a claim's provenance names the data its polarity came from.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from loaders.extract import read_claims
from loaders.polarity import MODEL_DIR, POLARITIES
from training.claim_labels import ClaimLabel, claim_labels, held_out_documents, train_and_dev
from training.textcat import train_textcat

CONFIG = Path(__file__).with_name("polarity.cfg")
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
HAND_WEIGHT = 4
# The lists of improvements give thousands of recommendations and the old letters few strengths or
# weaknesses: uncapped, the weak labels teach the model that most sentences are recommendations.
WEAK_CAP = 600  # weak examples of one polarity, at most
_WEAK = {"strength": "strength", "weakness": "weakness", "recommendation": "recommendation",
         "priority-action": "recommendation"}  # fmt: skip


def _words(text: str) -> str:
    return " ".join(text.split())


def _weak_examples(path: Path) -> tuple[str, list[tuple[str, str]]]:
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        text, found = read_claims(data, path.name)
    except Exception:  # a file the loader refuses teaches nothing; the loader reports it elsewhere
        return sha256, []
    given = ((c, _WEAK.get(c.paragraph.given or "")) for c in found)
    return sha256, [(_words(text[c.start : c.end]), label) for c, label in given if label]


def _corpus_files(folders: Iterable[Path]) -> list[Path]:
    files = set()
    for folder in folders:
        files |= {
            p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".pdf", ".txt", ".html")
        }
    return sorted(files)


def training_examples(
    folders: Iterable[Path], labels: list[ClaimLabel]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(train, dev) examples as (text, polarity)."""
    held_out = held_out_documents(labels)
    hand_train, hand_dev = train_and_dev(labels)
    dev_documents = {label.sha256 for label in hand_dev}
    dev = [(_words(label.quote), label.polarity) for label in hand_dev]
    train = [(_words(label.quote), label.polarity) for label in hand_train for _ in range(HAND_WEIGHT)]
    weak: list[tuple[str, str]] = []
    with ProcessPoolExecutor(2) as pool:
        for sha256, examples in pool.map(_weak_examples, _corpus_files(folders), chunksize=8):
            if sha256 not in held_out and sha256 not in dev_documents:
                weak += examples
    return train + _capped(weak), dev


def _capped(examples: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """At most WEAK_CAP distinct examples of each polarity, the same ones on every run."""
    by_polarity: dict[str, set[tuple[str, str]]] = {}
    for example in examples:
        by_polarity.setdefault(example[1], set()).add(example)
    kept = []
    for polarity in sorted(by_polarity):
        ordered = sorted(by_polarity[polarity], key=lambda e: hashlib.sha256(e[0].encode()).hexdigest())
        kept += ordered[:WEAK_CAP]
    return kept


def train(folders: list[Path]) -> Path:
    labels = claim_labels()
    train_examples, dev_examples = training_examples(folders, labels)
    print(f"train {len(train_examples)} {dict(Counter(p for _, p in train_examples))}")
    print(f"dev {len(dev_examples)} {dict(Counter(p for _, p in dev_examples))}")
    return train_textcat(
        CONFIG,
        [(text, frozenset([polarity])) for text, polarity in train_examples],
        [(text, frozenset([polarity])) for text, polarity in dev_examples],
        POLARITIES,
        "ikg_polarity",
        "Polarity of a claim of an Ofsted children's services report.",
        MODEL_DIR,
    )


def main(argv: list[str]) -> None:
    folders = [Path(a) for a in argv] or [DEFAULT_CORPUS]
    print(f"model written to {train(folders)}")


if __name__ == "__main__":
    main(sys.argv[1:])
