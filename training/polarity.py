"""Train the polarity classifier that ships in `loaders/models/polarity`.

    python -m training.polarity [CORPUS ...]      (default: ../shared/corpus)

The shipped pipeline holds two text classifiers, trained apart and put together:
- `textcat`, the claim's polarity, from claim-level examples:
  - weak labels: the claims whose section states their polarity ("Areas for development", "The local
    authority has the following strengths", every recommendations and priority-action list), at most
    WEAK_CAP distinct ones per polarity;
  - hand labels: the "train" split of `tests/data/claims_labels.jsonl` (junk left out), which alone
    teach "mixed" and "context" and so count HAND_WEIGHT times; a fifth of their documents, chosen by
    document, is the dev set that picks the best model.
- `tone`, whether a sentence reads like the findings of an area graded requires improvement or
  inadequate ("low") or good or outstanding ("high"): distant labels from every graded report's own
  judgement table (`training.section_grades`), tens of thousands of sentences that teach the words of
  praise and criticism no few thousand hand labels can.
The loader moves probability from strength to weakness as far as the tone says (`loaders.polarity`),
by the weight that classifies the dev set best, stored in the model's meta as `ikg_tone_weight`.
No held-out document is read (neither its weak labels nor its sentences), and no dev document
teaches either model. The model's version is the SHA-256 of its training data, so two trainings on
the same data carry the same version and a claim's provenance names the data its polarity came from.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from loaders.errors import ExtractionError
from loaders.extract import given_polarity, read_claims
from loaders.polarity import (
    MODEL_DIR,
    POLARITIES,
    TONE_COMPONENT,
    TONE_HIGH,
    TONE_LOW,
    polarities,
)
from training.claim_labels import claim_labels, held_out_documents, train_and_dev
from training.section_grades import section_grade, tone
from training.textcat import Example, data_version, save, trained

CONFIG = Path(__file__).with_name("polarity.cfg")
TONE_CONFIG = Path(__file__).with_name("tone.cfg")
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
HAND_WEIGHT = 4
# The lists of improvements give thousands of recommendations and the old letters few strengths or
# weaknesses: uncapped, the weak labels teach the model that most sentences are recommendations.
WEAK_CAP = 600  # weak examples of one polarity, at most
TONE_DEV = 2000  # tone examples kept apart to pick the tone model's best checkpoint
TONE_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


@dataclass
class DocumentExamples:
    sha256: str
    weak: list[tuple[str, str]] = field(default_factory=list)  # (words, polarity its section states)
    tone: list[tuple[str, str]] = field(default_factory=list)  # (words, tone of its graded area)


def _words(text: str) -> str:
    return " ".join(text.split())


def _document_examples(path: Path) -> DocumentExamples:
    data = path.read_bytes()
    found = DocumentExamples(hashlib.sha256(data).hexdigest())
    try:
        text, claims, judgements = read_claims(data, path.name)
    except ExtractionError:  # a file the loader refuses teaches nothing; the loader reports it elsewhere
        return found
    for claim in claims:
        words = _words(text[claim.start : claim.end])
        if (given := given_polarity(claim.paragraph.given)) is not None:
            found.weak.append((words, given))
        elif (rank := section_grade(claim.paragraph.section, judgements)) is not None:
            found.tone.append((words, tone(rank)))
    return found


def _corpus_files(folders: Iterable[Path]) -> list[Path]:
    files = set()
    for folder in folders:
        files |= {
            p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".pdf", ".txt", ".html")
        }
    return sorted(files)


def _stable_order(examples: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(set(examples), key=lambda e: (hashlib.sha256(e[0].encode()).hexdigest(), e[1]))


def _capped(examples: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """At most WEAK_CAP distinct examples of each polarity, the same ones on every run."""
    kept = []
    for polarity in sorted({p for _, p in examples}):
        kept += _stable_order(e for e in examples if e[1] == polarity)[:WEAK_CAP]
    return kept


def _as_examples(pairs: Iterable[tuple[str, str]]) -> list[Example]:
    return [(text, frozenset([label])) for text, label in pairs]


@dataclass
class TrainingData:
    polarity: tuple[list[Example], list[Example]]  # (train, dev)
    tone: tuple[list[Example], list[Example]]


def training_data(folders: Iterable[Path]) -> TrainingData:
    labels = claim_labels()
    held_out = held_out_documents(labels)
    hand_train, hand_dev = train_and_dev(labels)
    unread = held_out | {label.sha256 for label in hand_dev}  # no held-out or dev document teaches
    weak: list[tuple[str, str]] = []
    toned: list[tuple[str, str]] = []
    with ProcessPoolExecutor(2) as pool:
        for found in pool.map(_document_examples, _corpus_files(folders), chunksize=8):
            if found.sha256 not in unread:
                weak += found.weak
                toned += found.tone
    hand = [(_words(label.quote), label.polarity) for label in hand_train]
    dev = [(_words(label.quote), label.polarity) for label in hand_dev]
    toned = _stable_order(toned)
    return TrainingData(
        polarity=(_as_examples(hand * HAND_WEIGHT + _capped(weak)), _as_examples(dev)),
        tone=(_as_examples(toned[TONE_DEV:]), _as_examples(toned[:TONE_DEV])),
    )


def best_tone_weight(nlp: Language, dev: list[Example]) -> tuple[float, float]:
    """(weight, dev accuracy): the tone weight that classifies the dev claims best, the lower on a tie."""
    texts = [text for text, _ in dev]
    scored = []
    for weight in TONE_WEIGHTS:
        found = polarities(nlp, texts, weight)
        right = sum(label in gold for (label, _), (_, gold) in zip(found, dev, strict=True))
        scored.append((right / len(dev), -weight))
    accuracy, weight = max(scored)
    return -weight, accuracy


def train(folders: list[Path]) -> Path:
    data = training_data(folders)
    for name, (train_part, dev_part) in (("polarity", data.polarity), ("tone", data.tone)):
        print(f"{name}: train {len(train_part)} {dict(Counter(next(iter(g)) for _, g in train_part))}")
        print(f"{name}: dev {len(dev_part)} {dict(Counter(next(iter(g)) for _, g in dev_part))}")
    nlp = trained(CONFIG, *data.polarity, POLARITIES)
    tone_model = trained(TONE_CONFIG, *data.tone, (TONE_LOW, TONE_HIGH))
    nlp.add_pipe("textcat", name=TONE_COMPONENT, source=tone_model)
    weight, accuracy = best_tone_weight(nlp, data.polarity[1])
    nlp.meta["ikg_tone_weight"] = weight
    print(f"tone weight {weight}: dev polarity accuracy {accuracy:.3f}")
    return save(
        nlp,
        "ikg_polarity",
        data_version(data.polarity, data.tone),
        "Polarity of a claim of an Ofsted children's services report.",
        MODEL_DIR,
    )


def main(argv: list[str]) -> None:
    folders = [Path(a) for a in argv] or [DEFAULT_CORPUS]
    print(f"model written to {train(folders)}")


if __name__ == "__main__":
    main(sys.argv[1:])
