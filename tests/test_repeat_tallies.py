"""Repeat tallies: kept by the links step for the authorities a load touched, and repeated-findings
and authorities-told-twice, which read them, give the rows that joining every REPEATS link gives, on
both stores."""

from __future__ import annotations

from datetime import date
from typing import Any

from previous_cypher import assert_agrees_with_previous
from test_graph_stores import make_extraction

from api import answers
from graph.links import recompute_links
from graph.store import GraphStore
from ingest.pipeline import delete_documents, load_extractions

# Each answer must be the rows joining every link gives (the queries' previous Cypher).
ASKED: dict[str, list[dict[str, Any]]] = {
    "repeated-findings": [
        {},
        {"limit": 5000},
        {"limit": 7},
        {"authority": "Hartlepool"},
        {"authority": "E06000003"},
        {"method": "explicit"},
        {"method": "text-similarity", "limit": 3},
        {"minSimilarity": 0.5},
        {"minSimilarity": 2.0},
    ],
    "authorities-told-twice": [{}, {"limit": 1}, {"minSimilarity": 0.5}, {"minSimilarity": 2.0}],
}


def _answers_agree(store: GraphStore, themes: list[str]) -> dict[str, int]:
    """How many rows each query gives with every row asked for, after checking that every set of
    parameters asked (and each theme's) gives the rows the links do."""
    counts = {}
    for name, asked in ASKED.items():
        extra = [{"theme": theme, "limit": 5000} for theme in themes] if name == "repeated-findings" else []
        for given in asked + extra:
            assert_agrees_with_previous(store, name, given)
        counts[name] = len(answers.canned(store, name, {"limit": 5000})["rows"])
    return counts


def _themes(store: GraphStore) -> list[str]:
    """Some themes of repeating claims, and one no repeating claim is about."""
    _, rows = store.read("MATCH (t:Theme)<-[:ABOUT]-(:Finding)-[:REPEATS]->(:Finding) RETURN DISTINCT t.id")
    repeated = sorted(row[0] for row in rows)
    _, rows = store.read("MATCH (t:Theme) RETURN t.id")
    return repeated[:6] + [min(row[0] for row in rows if row[0] not in repeated)]


def _methods(store: GraphStore) -> set[str]:
    _, rows = store.read("MATCH (:Finding)-[r:REPEATS]->(:Finding) RETURN DISTINCT r.method")
    return {row[0] for row in rows}


def _documents(version: int) -> list[Any]:
    """Three inspections of each of three authorities, the later ones saying their weaknesses were
    raised before (explicit repeats) and restating earlier text (repeats by similarity)."""
    return [
        make_extraction(
            authority,
            date(2012 + 3 * year, 1 + authority, 3),
            findings=18,
            version=version + year,
            stated="inspection" if year == 2 else None,
        )
        for authority in range(3)
        for year in range(3)
    ] + [make_extraction(1, date(2016, 6, 1), framework="focused-visit", findings=6)]


def test_tallies_follow_loads_replacements_and_deletions(store: GraphStore) -> None:
    store.load_reference_data()
    documents = _documents(0)
    load_extractions(store, documents)
    assert _methods(store) == {"explicit", "text-similarity"}
    themes = _themes(store)
    counts = _answers_agree(store, themes)
    assert counts["repeated-findings"] > 7 and counts["authorities-told-twice"] > 1

    # A corrected re-issue of one authority's report, and another authority's report removed: the
    # tallies still give what the links do.
    load_extractions(store, [make_extraction(1, date(2015, 2, 3), findings=9, version=5)])
    delete_documents(store, [documents[4].document.file_name])
    assert _answers_agree(store, themes)["repeated-findings"] > 0


def test_a_graph_linked_without_tallies_gets_every_authority_recomputed(store: GraphStore) -> None:
    store.load_reference_data()
    load_extractions(store, _documents(1))
    store.write([("MATCH (t:RepeatTally) DETACH DELETE t", {})])
    assert recompute_links(store).authorities > 0
    assert _answers_agree(store, _themes(store))["repeated-findings"] > 0
    assert recompute_links(store).authorities == 0
