"""Inspector tallies and colleague pairs: recomputed after each load's people step, and
inspector-workload and inspector-network, which read them, give the rows that reading every INSPECTED
relationship gives, on both stores."""

from __future__ import annotations

from datetime import date
from typing import Any

from previous_cypher import assert_agrees_with_previous
from test_graph_stores import make_extraction

from api import answers
from graph.store import GraphStore
from ingest.pipeline import delete_documents, load_extractions, relink

# Each answer must be the rows reading every relationship gives (the queries' previous Cypher).
ASKED: dict[str, list[dict[str, Any]]] = {
    "inspector-workload": [{}, {"limit": 1}],
    "inspector-network": [{}, {"limit": 1}, {"minShared": 2}, {"minShared": 100}],
}


def _answers_agree(store: GraphStore) -> dict[str, int]:
    """How many rows each query gives with its defaults, after checking that every set of parameters
    asked gives the rows the relationships do."""
    for name, asked in ASKED.items():
        for given in asked:
            assert_agrees_with_previous(store, name, given)
    return {name: len(answers.canned(store, name, {})["rows"]) for name in ASKED}


def _documents() -> list[Any]:
    """Inspections of four authorities over three years: the same two teams, one of which spells its
    lead two ways, so that the people step folds one inspector into another."""
    return [
        make_extraction(authority, date(2013 + 2 * year, 2 + authority, 4), findings=4, version=year)
        for authority in range(4)
        for year in range(3)
    ]


def test_tallies_follow_loads_merges_and_deletions(store: GraphStore) -> None:
    store.load_reference_data()
    documents = _documents()
    load_extractions(store, documents)
    counts = _answers_agree(store)
    assert counts["inspector-workload"] >= 2 and counts["inspector-network"] >= 1
    _, merged = store.read("MATCH (p:Inspector) WHERE size(p.aliases) > 1 RETURN count(p)")
    assert merged[0][0] > 0  # the people step folded a spelling into its person

    delete_documents(store, [documents[0].document.file_name, documents[5].document.file_name])
    assert _answers_agree(store)["inspector-network"] >= 1


def test_a_graph_without_tallies_gets_them_at_the_next_relink(store: GraphStore) -> None:
    store.load_reference_data()
    load_extractions(store, _documents())
    store.write(
        [("MATCH (t:InspectorTally) DETACH DELETE t", {}), ("MATCH (c:ColleaguePair) DETACH DELETE c", {})]
    )
    assert answers.canned(store, "inspector-workload", {})["rows"] == []
    relink(store)
    assert _answers_agree(store)["inspector-workload"] >= 2
