"""The previous design's Cypher of the canned queries that now read data kept at load time
(`bench/previous/`): what the kept data's answers must reproduce."""

from __future__ import annotations

from typing import Any

from conftest import ROOT

from api import answers
from graph.store import GraphStore


def assert_agrees_with_previous(store: GraphStore, name: str, given: dict[str, Any]) -> int:
    """Asserts that the canned query `name` answers `given` with the rows its previous Cypher gives
    on the same store; returns how many rows that is."""
    previous = (ROOT / "bench" / "previous" / f"{name}.cypher").read_text()
    answer = answers.canned(store, name, given)
    columns, rows = store.read(previous, answers.queries.get(name).bind(given))
    assert answer["rows"] == [answers.plain_row(columns, row) for row in rows], (name, given)
    return len(rows)
