"""The hand labels are what they say they are: each names its document by file and SHA-256, its quote
is the text at its offsets in that document as the extractor cleans it, its values are known ones,
and a claim label's split follows the document rule. Offsets drift when cleaning changes; this says
which labels to re-anchor (the quote's nearest occurrence) before their figures are trusted."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from loaders.clean import clean_text
from loaders.extract import read_document
from loaders.polarity import POLARITIES
from ontology.vocabulary import vocabulary
from training.claim_labels import split_of
from training.label_context import document_path

DATA = Path(__file__).parent / "data"
PAIR_LABELS = {"repeat", "related", "no"}


@cache
def _document(file: str) -> tuple[str, str]:
    """(SHA-256 of the file, its cleaned text)."""
    data = document_path(file).read_bytes()
    raw = read_document(data, file)
    return hashlib.sha256(data).hexdigest(), clean_text(raw.text, raw.hard_wrapped)


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]


def _misplaced(quoted: Iterator[tuple[str, dict]]) -> list[str]:
    wrong = []
    for where, item in quoted:
        sha256, text = _document(item["file"])
        if sha256 != item["sha256"]:
            wrong.append(f"{where}: SHA-256 is not that of {item['file']}")
        elif text[item["start"] : item["end"]] != item["quote"]:
            wrong.append(f"{where}: the quote is not at {item['start']}-{item['end']} of {item['file']}")
    return wrong


@pytest.fixture(scope="module")
def claim_labels() -> list[dict]:
    return _rows("claims_labels.jsonl")


def test_claim_labels_quote_their_documents(claim_labels: list[dict]) -> None:
    assert _misplaced((f"claim label {n + 1}", row) for n, row in enumerate(claim_labels)) == []


def test_claim_labels_hold_known_values_once_each(claim_labels: list[dict]) -> None:
    themes = {theme.id for theme in vocabulary().themes}
    for row in claim_labels:
        assert row["split"] == split_of(row["file"]), row
        assert row["polarity"] in POLARITIES and set(row["themes"]) <= themes, row
        assert isinstance(row["junk"], bool), row
    assert len({(row["file"], row["start"]) for row in claim_labels}) == len(claim_labels)


@pytest.mark.parametrize("name", ["repeat_pairs.jsonl", "repeat_explicit_labels.jsonl"])
def test_repeat_pairs_quote_their_documents_and_hold_known_labels(name: str) -> None:
    pairs = _rows(name)
    assert {row["label"] for row in pairs} <= PAIR_LABELS
    assert [row["pair"] for row in pairs] == list(range(len(pairs)))
    quoted = ((f"pair {row['pair']} {side}", row[side]) for row in pairs for side in ("later", "earlier"))
    assert _misplaced(quoted) == []


def test_the_second_reading_reads_train_claims_the_first_labelled(claim_labels: list[dict]) -> None:
    second = _rows("claims_second_reading.jsonl")
    first = {(row["file"], row["start"], row["end"], row["quote"]) for row in claim_labels}
    themes = {theme.id for theme in vocabulary().themes}
    for row in second:
        assert (row["file"], row["start"], row["end"], row["quote"]) in first, row
        assert row["split"] == "train" and row["polarity"] in POLARITIES and set(row["themes"]) <= themes, row
    assert len({(row["file"], row["start"]) for row in second}) == len(second)
