"""Field accuracy targets of the extractor, per format family, against the hand-labelled gold.

Targets: every document's authority, framework family and start, end and published dates right;
precision and recall of at least 0.98 on inspectors (name and role) and judgements (area and grade).
The scoring rules are in accuracy/fields.py; `python -m accuracy.fields --mismatches`
prints the table and every differing field.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accuracy.fields import EXACT_FIELDS, FAMILY_ORDER, FIELDS_GOLD, Result, evaluate, pdf_index

MIN_PR = 0.98


@pytest.fixture(scope="session")
def result(corpus: Path) -> Result:
    return evaluate(corpus)


def _mismatches(result: Result, field: str, family: str) -> list[str]:
    return [
        f"{m.file}: expected {m.expected}, got {m.got}"
        for m in result.mismatches
        if m.family == family and m.field in (field, "extraction")
    ]


def test_gold_covers_every_pdf(corpus: Path) -> None:
    gold = json.loads(FIELDS_GOLD.read_text())["documents"]
    assert sorted(d["file"] for d in gold) == sorted(pdf_index(corpus))
    assert all(d["format_family"] in FAMILY_ORDER for d in gold)


@pytest.mark.parametrize("field", EXACT_FIELDS)
def test_exact_fields(result: Result, field: str) -> None:
    failing = {
        family: _mismatches(result, field, family)
        for family, tally in result.by_family.items()
        if tally.accuracy(field) < 1.0
    }
    assert not failing, failing


@pytest.mark.parametrize("measure", ["people", "judgements"])
def test_inspectors_and_judgements(result: Result, measure: str) -> None:
    failing = {}
    for family, tally in result.by_family.items():
        counts = getattr(tally, measure)
        if counts.precision < MIN_PR or counts.recall < MIN_PR:
            failing[family] = {
                "precision": round(counts.precision, 3),
                "recall": round(counts.recall, 3),
                "mismatches": _mismatches(result, measure, family),
            }
    assert not failing, failing
