"""The polarity and themes of the held-out hand-labelled claims stay where docs/accuracy.md puts them:
a change to the extractor or the models that loses them fails here, not only in the docs."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from accuracy.claims import SplitReport, evaluate
from training.claim_labels import claim_labels


@pytest.fixture(scope="module")
def held_out() -> SplitReport:
    labels = [label for label in claim_labels() if label.split == "heldout"]
    return evaluate(labels, CORPUS / "reports")["heldout"]


def test_every_held_out_label_is_a_claim(held_out: SplitReport) -> None:
    assert held_out.scored >= 475 and held_out.unmatched == 0


def test_held_out_polarity(held_out: SplitReport) -> None:
    assert held_out.polarity_accuracy >= 0.85, held_out.confusion


def test_held_out_themes(held_out: SplitReport) -> None:
    assert held_out.themes.precision >= 0.8, held_out.themes
    assert held_out.themes.recall >= 0.65, held_out.themes
