"""Recurring weaknesses: kept by each load for the authorities it touched, and `recurring-weaknesses`
read from them gives the rows that reading every weakness and mixed claim gives, on both stores, after
loads, a replacement and a deletion."""

from __future__ import annotations

from datetime import date
from typing import Any

from previous_cypher import assert_agrees_with_previous
from test_graph_stores import make_extraction

from api import answers
from graph.recurring_weaknesses import SAMPLES_KEPT, recompute_recurring_weaknesses
from graph.store import GraphStore
from ingest.pipeline import delete_documents, load_extractions
from loaders.records import DocumentExtraction

NAME = "recurring-weaknesses"
DERIVED = ("WeaknessTally", "RecurringWeakness")
# Each answer must be the rows reading every claim gives (the query's previous Cypher).
ASKED: list[dict[str, Any]] = [
    {},
    {"minAuthorities": 1, "limit": 100, "samples": SAMPLES_KEPT},
    {"since": 2013, "minAuthorities": 3, "samples": 5},
    {"since": 2014, "minAuthorities": 1, "samples": 1},
    {"since": 2030},
]


def test_the_query_accepts_as_many_samples_as_are_kept() -> None:
    samples = {p.name: p for p in answers.queries.get(NAME).parameters}["samples"]
    assert samples.maximum == SAMPLES_KEPT


def _scored(extraction: DocumentExtraction, salt: int) -> DocumentExtraction:
    """The extraction with varied polarity scores, so that the samples are chosen by score."""
    findings = [
        f.model_copy(update={"polarity_score": round(0.5 + ((i * 7 + salt) % 11) / 22, 3)})
        for i, f in enumerate(extraction.findings)
    ]
    return extraction.model_copy(update={"findings": findings})


def _answers_agree(store: GraphStore) -> None:
    for given in ASKED:
        assert_agrees_with_previous(store, NAME, given)


def _recurring(store: GraphStore) -> list[list[Any]]:
    _, rows = store.read(
        "MATCH (r:RecurringWeakness) OPTIONAL MATCH (r)-[:SAMPLE]->(f:Finding) "
        "RETURN r.id, r.authorities, r.inspections, r.findings, count(f) ORDER BY r.id"
    )
    return rows


def test_kept_rows_follow_loads_replacements_and_deletions(store: GraphStore) -> None:
    store.load_reference_data()
    documents = [
        _scored(make_extraction(code, date(2012 + year, 1 + code, 3), findings=15, version=year), year)
        for code in range(4)
        for year in range(3)
    ]
    load_extractions(store, documents)
    assert _recurring(store) != []
    _answers_agree(store)

    # A corrected re-issue of one authority's report, and another authority's report removed: only
    # those authorities' tallies are recomputed, and the answers still equal reading every claim.
    load_extractions(store, [_scored(make_extraction(1, date(2013, 2, 3), findings=5, version=7), 3)])
    delete_documents(store, [documents[-1].document.file_name])
    _answers_agree(store)

    # Everything recomputed from the claims gives the same rows as the incremental runs did.
    kept = _recurring(store)
    assert recompute_recurring_weaknesses(store, everything=True) > 0
    assert _recurring(store) == kept


def test_a_graph_without_weakness_tallies_gets_every_authority_counted(store: GraphStore) -> None:
    store.load_reference_data()
    load_extractions(store, [make_extraction(2, date(2016, 4, 5)), make_extraction(3, date(2017, 4, 5))])
    kept = _recurring(store)
    store.write([(f"MATCH (n:{label}) DETACH DELETE n", {}) for label in DERIVED])
    assert recompute_recurring_weaknesses(store) > 0
    assert _recurring(store) == kept != []
    _answers_agree(store)
