"""The second polarity classifier: words and word pairs, read beside the sentence classifiers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy

from loaders.polarity import MODEL_DIR, decide, document_features
from loaders.polarity_words import PolarityWords
from training.polarity_words import fitted


def test_word_pairs_carry_what_single_words_do_not() -> None:
    texts = ["plans are timely", "visits are timely", "plans are not timely", "visits are not timely"]
    model = fitted(texts, ["strength", "strength", "weakness", "weakness"])
    assert "not timely" in model.terms and "plans" in model.terms
    strong, _, weak, _ = model.probabilities(texts)
    assert strong["strength"] > 0.5 > weak["strength"]
    assert sum(weak.values()) == pytest.approx(1.0)
    # Words of fewer than two claims are left out: they would be weighed on one claim's label alone.
    assert "nothing" not in fitted([*texts, "nothing else"], ["strength"] * 2 + ["weakness"] * 3).terms


def test_the_shipped_model_is_arrays_read_back_alike(tmp_path: Path) -> None:
    shipped = PolarityWords.load(MODEL_DIR)
    shipped.save(tmp_path)
    with np.load(
        tmp_path / PolarityWords.FILE_NAME, allow_pickle=False
    ) as stored:  # no pickled objects inside
        assert set(stored.files) == {"terms", "idf", "labels", "weights", "intercepts"}
    again = PolarityWords.load(tmp_path)
    texts = ["Caseloads are too high.", "Leaders know their services well."]
    assert again.probabilities(texts) == shipped.probabilities(texts)
    assert again.digest() == shipped.digest()
    assert set(shipped.labels) == {"strength", "weakness", "mixed", "recommendation", "context"}


def test_the_reader_weighs_the_second_classifier() -> None:
    # The same sentences decided with the second classifier's answers turned round: if the reader
    # gave them no weight, nothing would change.
    texts = ["Caseloads are too high.", "Leaders know their services well."]
    model = spacy.load(MODEL_DIR)
    shipped = PolarityWords.load(MODEL_DIR)
    turned = PolarityWords(shipped.terms, shipped.idf, shipped.labels, -shipped.weights, -shipped.intercepts)
    plain = decide(document_features(model, shipped, texts, [1, 2]), texts, model)
    assert [polarity for polarity, _ in plain] == ["weakness", "strength"]
    other = decide(document_features(model, turned, texts, [1, 2]), texts, model)
    assert [score for _, score in other] != [score for _, score in plain]
