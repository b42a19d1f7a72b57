"""Persistent areas: kept by the links step for the authorities a load touched, and
persistent-development-areas, which reads them, gives the rows that joining every claim of every
pair of consecutive full inspections gives, on both stores."""

from __future__ import annotations

from datetime import date
from typing import Any

from previous_cypher import assert_agrees_with_previous
from test_graph_stores import make_extraction

from graph.links import recompute_links
from graph.store import GraphStore
from ingest.pipeline import delete_documents, load_extractions

# Each answer must be the rows joining every claim gives (the query's previous Cypher).
ASKED: list[dict[str, Any]] = [{}, {"limit": 5000}, {"authority": "Hartlepool"}, {"authority": "E06000003"}]


def _answers_agree(store: GraphStore) -> int:
    """How many areas the query gives with every row asked for (limit 5,000), after checking that
    every set of parameters asked gives the rows the claims do."""
    counts = [assert_agrees_with_previous(store, "persistent-development-areas", given) for given in ASKED]
    return counts[1]


def _documents(version: int) -> list[Any]:
    """Three consecutive full inspections of each of three authorities, the later ones saying their
    weaknesses were raised before (so some claims repeat), and a focused visit between two."""
    return [
        make_extraction(
            authority,
            date(2012 + 3 * year, 1 + authority, 3),
            findings=18,
            version=version + year,
            stated="single-inspection-framework" if year else None,
        )
        for authority in range(3)
        for year in range(3)
    ] + [make_extraction(1, date(2016, 6, 1), framework="focused-visit", findings=6)]


def test_areas_follow_loads_replacements_and_deletions(store: GraphStore) -> None:
    store.load_reference_data()
    documents = _documents(0)
    load_extractions(store, documents)
    assert _answers_agree(store) > 0
    _, repeats = store.read("MATCH (p:PersistentArea) RETURN sum(p.repeats)")
    assert repeats[0][0] > 0

    # A corrected re-issue of one authority's report, and another authority's report removed: the
    # areas still give what the claims do.
    load_extractions(store, [make_extraction(1, date(2015, 2, 3), findings=9, version=5)])
    delete_documents(store, [documents[2].document.file_name])
    assert _answers_agree(store) > 0


def test_a_graph_linked_without_areas_gets_every_authority_recomputed(store: GraphStore) -> None:
    store.load_reference_data()
    load_extractions(store, _documents(1))
    store.write([("MATCH (p:PersistentArea) DETACH DELETE p", {})])
    assert recompute_links(store).authorities > 0
    assert _answers_agree(store) > 0
    assert recompute_links(store).authorities == 0
