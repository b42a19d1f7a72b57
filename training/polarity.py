"""Train the polarity pipeline that ships in `loaders/models/polarity`.

    python -m training.polarity [CORPUS ...]      (default: ../shared/corpus)

The shipped pipeline holds two sentence classifiers, trained apart and put together, and a reader in
context that decides from their answers (`loaders.polarity`). Both classifiers learn and read each
text with its negations marked (`loaders.negation`), a form the model's meta records:
- `textcat`, a sentence's polarity, from claim-level examples:
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
- a second classifier, over the claim's words and word pairs (`loaders.polarity_words`, fitted by
  `training.polarity_words` to every train-split hand label), saved beside the pipeline;
- the reader, a logistic regression over `loaders.polarity_features` (the classifiers' answers for
  a claim, the sides of a contrast inside it and its neighbours in the paragraph, and the second
  classifier's for the claim), fitted to the hand labels of every train-split document, each read
  by classifiers that never saw its labels: FOLDS pairs, each trained with one fifth of the
  documents left out (`out_of_fold`). Its weights are stored in the model's meta.
No held-out document is read (neither its weak labels nor its sentences), and no dev document
teaches `textcat`. The model's version is the SHA-256 of its training data, the reader's weights and
the second classifier, so a claim's provenance names the data its polarity came from (spaCy's
training is not bitwise repeatable on every machine, so two trainings may differ in their last
digits).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from spacy.language import Language

from loaders.errors import ExtractionError
from loaders.extract import given_polarity, read_claims
from loaders.negation import INPUT_FORM, marked
from loaders.polarity import (
    INPUT_META,
    MODEL_DIR,
    POLARITIES,
    READER_META,
    TONE_COMPONENT,
    TONE_HIGH,
    TONE_LOW,
    document_features,
)
from loaders.polarity_features import FEATURES
from loaders.polarity_words import PolarityWords
from training.claim_labels import (
    DEV_EVERY,
    ClaimLabel,
    claim_labels,
    document_folds,
    held_out_documents,
    train_and_dev,
)
from training.label_context import CORPUS, document_path
from training.polarity_words import fitted
from training.section_grades import section_grade, tone
from training.textcat import Example, data_version, save, trained

CONFIG = Path(__file__).with_name("polarity.cfg")
TONE_CONFIG = Path(__file__).with_name("tone.cfg")
HAND_WEIGHT = 4
# The lists of improvements give thousands of recommendations and the old letters few strengths or
# weaknesses: uncapped, the weak labels teach the model that most sentences are recommendations.
WEAK_CAP = 600  # weak examples of one polarity, at most
TONE_DEV = 2000  # tone examples kept apart to pick the tone model's best checkpoint
# The reader's inverse regularisation: chosen by five-fold cross-validation over the train documents
# (0.5, 1 and 2 within 0.004 of each other; `python -m accuracy.polarity_folds` measures it).
READER_C = 1.0


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
    """Examples of the sentence classifiers, each text as they read it (`loaders.negation`)."""
    return [(marked(text), frozenset([label])) for text, label in pairs]


@dataclass
class TrainingData:
    hand: tuple[list[ClaimLabel], list[ClaimLabel]]  # (train, dev) of the train split, junk left out
    weak_of: dict[str, list[tuple[str, str]]]  # SHA-256 of a document -> its weak labels
    tone: tuple[list[Example], list[Example]]

    def sentence_examples(self) -> tuple[list[Example], list[Example]]:
        """(train, dev) of the shipped `textcat`: no dev document's weak labels teach it."""
        train, dev = self.hand
        return _sentence_examples(train, self.weak_of, {label.sha256 for label in dev}), _hand_examples(dev)


def _hand_examples(labels: Iterable[ClaimLabel]) -> list[Example]:
    return _as_examples((_words(label.quote), label.polarity) for label in labels)


def _sentence_examples(
    hand: list[ClaimLabel], weak_of: dict[str, list[tuple[str, str]]], left_out: set[str]
) -> list[Example]:
    weak = [example for sha, found in weak_of.items() if sha not in left_out for example in found]
    return _hand_examples(hand) * HAND_WEIGHT + _as_examples(_capped(weak))


def training_data(folders: Iterable[Path]) -> TrainingData:
    labels = claim_labels()
    held_out = held_out_documents(labels)
    hand_train, hand_dev = train_and_dev(labels)
    dev_documents = {label.sha256 for label in hand_dev}
    weak_of: dict[str, list[tuple[str, str]]] = {}
    toned: list[tuple[str, str]] = []
    with ProcessPoolExecutor(2) as pool:
        for found in pool.map(_document_examples, _corpus_files(folders), chunksize=8):
            if found.sha256 not in held_out:  # no held-out document teaches
                weak_of[found.sha256] = found.weak
                if found.sha256 not in dev_documents:
                    toned += found.tone
    toned = _stable_order(toned)
    return TrainingData(
        hand=(hand_train, hand_dev),
        weak_of=weak_of,
        tone=(_as_examples(toned[TONE_DEV:]), _as_examples(toned[:TONE_DEV])),
    )


@dataclass(frozen=True)
class LabelledDocument:
    """One hand-labelled document's claims as the loader reads them, each read by a `textcat` that
    never saw the document's labels."""

    fold: int
    words: list[str]
    given: list[str | None]  # the polarity each claim's heading states, if any
    features: list[list[float]]

    def rows(self, labels: Iterable[ClaimLabel]) -> list[ReaderRow]:
        """A row for each label whose words are a claim of the document (the first with them)."""
        index = {w: n for n, w in reversed(list(enumerate(self.words)))}
        return [
            ReaderRow(self.fold, label, self.given[n], self.features[n])
            for label in labels
            if (n := index.get(_words(label.quote))) is not None
        ]


@dataclass(frozen=True)
class ReaderRow:
    fold: int
    label: ClaimLabel
    given: str | None  # the polarity its heading states: the loader does not ask the reader
    features: list[float]


def _document_claims(path: Path) -> tuple[list[str], list[int], list[str | None]]:
    text, claims, _ = read_claims(path.read_bytes(), path.name)
    words = [_words(text[c.start : c.end]) for c in claims]
    return words, [c.paragraph_ordinal for c in claims], [given_polarity(c.paragraph.given) for c in claims]


def out_of_fold(data: TrainingData, tone: Language) -> dict[str, LabelledDocument]:
    """Every train-split labelled document (by file name), its claims read by the pipeline of the
    fold that left it out: FOLDS `textcat`s, each trained as the shipped one is on the other
    documents (a fifth of those picks its best checkpoint), with the shipped `tone` beside it."""
    hand = data.hand[0] + data.hand[1]
    files = sorted({label.file for label in hand})
    with ProcessPoolExecutor(2) as pool:
        read = dict(zip(files, pool.map(_document_claims, [document_path(f) for f in files]), strict=True))
    file_of = {label.sha256: label.file for label in hand}
    documents = sorted(file_of)
    found = {}
    for fold, tested in enumerate(document_folds(documents)):
        picking = set([d for d in documents if d not in tested][::DEV_EVERY])
        left_out = tested | picking
        train = [label for label in hand if label.sha256 not in left_out]
        dev = [label for label in hand if label.sha256 in picking]
        nlp = trained(
            CONFIG, _sentence_examples(train, data.weak_of, left_out), _hand_examples(dev), POLARITIES
        )
        nlp.add_pipe(TONE_COMPONENT, source=tone)
        second = word_classifier(train + dev)
        for sha in sorted(tested):
            words, paragraphs, given = read[file_of[sha]]
            found[file_of[sha]] = LabelledDocument(
                fold, words, given, document_features(nlp, second, words, paragraphs)
            )
    return found


def word_classifier(labels: Sequence[ClaimLabel]) -> PolarityWords:
    """The second classifier fitted to hand-labelled claims, each read as the loader gives it."""
    return fitted([_words(label.quote) for label in labels], [label.polarity for label in labels])


def fitted_reader(rows: Iterable[ReaderRow]) -> dict[str, list[Any]]:
    """The reader in context fitted to the labelled claims no heading gives a polarity to, as the
    model's meta stores it."""
    decided = [row for row in rows if row.given is None]
    model = LogisticRegression(C=READER_C, max_iter=5000)
    model.fit(np.array([row.features for row in decided]), [row.label.polarity for row in decided])
    return {
        "features": list(FEATURES),
        "classes": [str(name) for name in model.classes_],
        "coef": model.coef_.tolist(),
        "intercept": model.intercept_.tolist(),
    }


def reader_rows(documents: dict[str, LabelledDocument], labels: Iterable[ClaimLabel]) -> list[ReaderRow]:
    """A row for every label of the documents read out of fold."""
    by_file: dict[str, list[ClaimLabel]] = {}
    for label in labels:
        by_file.setdefault(label.file, []).append(label)
    return [
        row for file, document in sorted(documents.items()) for row in document.rows(by_file.get(file, []))
    ]


def train(folders: list[Path]) -> Path:
    data = training_data(folders)
    sentences = data.sentence_examples()
    for name, (train_part, dev_part) in (("polarity", sentences), ("tone", data.tone)):
        print(f"{name}: train {len(train_part)} {dict(Counter(next(iter(g)) for _, g in train_part))}")
        print(f"{name}: dev {len(dev_part)} {dict(Counter(next(iter(g)) for _, g in dev_part))}")
    tone_model = trained(TONE_CONFIG, *data.tone, (TONE_LOW, TONE_HIGH))
    tone_model.rename_pipe("textcat", TONE_COMPONENT)
    rows = reader_rows(out_of_fold(data, tone_model), data.hand[0] + data.hand[1])
    print(f"reader: {dict(Counter(row.label.polarity for row in rows if row.given is None))}")
    nlp = trained(CONFIG, *sentences, POLARITIES)
    nlp.add_pipe(TONE_COMPONENT, source=tone_model)
    nlp.meta[READER_META] = reader = fitted_reader(rows)
    nlp.meta[INPUT_META] = INPUT_FORM
    second = word_classifier(data.hand[0] + data.hand[1])
    # The reader's weights and the second classifier are part of the version: a pipeline that reads
    # the same data otherwise is another model, and a claim's provenance must tell them apart.
    version = data_version(sentences, data.tone) + json.dumps(reader, sort_keys=True) + second.digest()
    folder = save(
        nlp,
        "ikg_polarity",
        hashlib.sha256(version.encode()).hexdigest()[:12],
        "Polarity of a claim of an Ofsted children's services report.",
        MODEL_DIR,
    )
    second.save(folder)
    return folder


def main(argv: list[str]) -> None:
    folders = [Path(a) for a in argv] or [CORPUS]
    print(f"model written to {train(folders)}")


if __name__ == "__main__":
    main(sys.argv[1:])
