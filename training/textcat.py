"""Train a spaCy text classifier from (text, labels) examples with a committed config, and write it
where the loaders load it from. Shared by the polarity, tone and theme classifiers."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import DocBin

Example = tuple[str, frozenset[str]]  # a claim's words and the labels it has
LOGGED = 200  # examples of a model trained to the end whose scores spaCy logs


def _doc_bin(examples: Iterable[Example], labels: Sequence[str]) -> DocBin:
    nlp = spacy.blank("en")
    docs = DocBin()
    for text, gold in examples:
        doc = nlp.make_doc(text)
        doc.cats = {name: float(name in gold) for name in labels}
        docs.add(doc)
    return docs


def data_version(*parts: tuple[Sequence[Example], Sequence[Example]]) -> str:
    """The first 12 hex digits of the SHA-256 of the training data, (train, dev) of each model of a
    pipeline: a model's version, so two trainings on the same data carry the same version."""
    canonical = repr(
        [([(t, sorted(g)) for t, g in train], [(t, sorted(g)) for t, g in dev]) for train, dev in parts]
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def _spacy_train(
    config: Path,
    train: Sequence[Example],
    dev: Sequence[Example],
    labels: Sequence[str],
    options: Sequence[str],
    keep: str,
) -> Language:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        _doc_bin(train, labels).to_disk(folder / "train.spacy")
        _doc_bin(dev, labels).to_disk(folder / "dev.spacy")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "spacy",
                "train",
                str(config),
                "--output",
                str(folder / "out"),
                "--paths.train",
                str(folder / "train.spacy"),
                "--paths.dev",
                str(folder / "dev.spacy"),
                *options,
            ],  # fmt: skip
            check=True,
            stdout=sys.stderr,  # spaCy's progress, apart from what the commands print as their result
        )
        return spacy.load(folder / "out" / keep)


def trained(
    config: Path, train: Sequence[Example], dev: Sequence[Example], labels: Sequence[str]
) -> Language:
    """The best model of `spacy train` with the config, on the dev set."""
    return _spacy_train(config, train, dev, labels, [], "model-best")


def trained_to_end(config: Path, train: Sequence[Example], labels: Sequence[str]) -> Language:
    """The model after every step of the config, early stopping off, so that no labelled example is
    kept back to pick a checkpoint: for a model whose dev score stops moving well before its last step.
    spaCy asks for a dev corpus to log scores; it is given the first examples of `train`, and its
    scores decide nothing."""
    nlp = _spacy_train(config, train, train[:LOGGED], labels, ["--training.patience", "0"], "model-last")
    nlp.meta.pop("performance", None)  # scores on examples it learned from say nothing of it
    return nlp


def save(nlp: Language, name: str, version: str, description: str, output: Path) -> Path:
    config = nlp.config.copy()
    # The trainer's temporary data files are gone once it returns: the shipped config names none.
    config["paths"].update({"train": None, "dev": None})
    nlp.config = config
    nlp.meta["name"] = name
    nlp.meta["version"] = f"1.0.0+{version}"
    nlp.meta["description"] = description
    if output.exists():
        shutil.rmtree(output)
    nlp.to_disk(output)
    return output
