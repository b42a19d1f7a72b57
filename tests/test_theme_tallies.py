"""Theme tallies: kept by each load for the authorities it touched, equal to counting the claims, and
the canned queries that read them give the rows that counting every claim gives, on both stores."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from previous_cypher import assert_agrees_with_previous
from test_graph_stores import make_extraction

from api import answers
from graph.store import GraphStore
from graph.theme_pairs import recompute_pairs
from graph.theme_tallies import development_rows, recompute_tallies, tally_rows
from ingest.pipeline import delete_documents, load_extractions

# Parameters that give rows on the synthetic documents, and the defaults; each answer must be the
# rows counting every claim gives (the queries' previous Cypher).
ASKED: list[tuple[str, dict[str, Any]]] = [
    ("themes", {}),
    ("themes-recurring-across-authorities", {}),
    ("themes-recurring-across-authorities", {"polarity": "strength", "minAuthorities": 1, "limit": 100}),
    ("themes-recurring-across-authorities", {"polarity": "recommendation", "minAuthorities": 3}),
    ("theme-trend-by-year", {}),
    ("theme-trend-by-year", {"theme": "help-and-protection", "polarity": "weakness"}),
    ("theme-trend-by-year", {"theme": "looked-after", "polarity": "mixed"}),
    ("authorities-like", {"authority": "Hartlepool", "limit": 100}),
    ("authorities-like", {"authority": "E06000002"}),
    ("theme-co-occurrence", {}),
    ("theme-co-occurrence", {"polarity": "", "minFindings": 1, "limit": 1000}),
    ("theme-co-occurrence", {"polarity": "strength", "minFindings": 3}),
    ("authority-top-themes", {"authority": "Hartlepool"}),
    ("authority-top-themes", {"authority": "E06000002", "polarity": "weakness", "samples": 1, "limit": 3}),
    ("authority-top-themes", {"authority": "Hartlepool", "polarity": "recommendation", "samples": 0}),
    ("authority-top-themes", {"authority": "E06000003", "polarity": "mixed", "samples": 2}),
    ("authority-top-themes", {"authority": "Hartlepool", "polarity": "context", "samples": 10, "limit": 100}),
    ("recommendations-by-theme", {}),
    ("recommendations-by-theme", {"theme": "looked-after", "limit": 3}),
    ("recommendations-by-theme", {"theme": "help-and-protection", "limit": 5000}),
    ("recommendations-by-theme", {"theme": "adoption", "limit": 1}),
]


LISTS = ("recommendations", "recommendationDates")


def _stored_tallies(store: GraphStore) -> list[dict[str, Any]]:
    columns, rows = store.read(
        "MATCH (c:ThemeTally) RETURN c.id AS id, c.authority AS authority, c.theme AS theme, "
        "c.polarity AS polarity, c.year AS year, c.findings AS findings, c.inspections AS inspections, "
        "c.findingsWithNarrower AS findingsWithNarrower, "
        "c.inspectionsWithNarrower AS inspectionsWithNarrower, c.recommendations AS recommendations, "
        "c.recommendationDates AS recommendationDates "
        "ORDER BY id"
    )
    # Only a tally of recommendations lists them: the others have no list at all.
    return [
        {k: v for k, v in zip(columns, row, strict=True) if v is not None or k not in LISTS} for row in rows
    ]


def _stored_development(store: GraphStore) -> list[list[Any]]:
    return store.read("MATCH (d:DevelopmentThemes) RETURN d.id, d.authority, d.themes ORDER BY d.id")[1]


def _counted(store: GraphStore) -> list[dict[str, Any]]:
    _, codes = store.read("MATCH (a:Authority) RETURN a.code")
    return sorted(tally_rows(store, [row[0] for row in codes]), key=lambda row: row["id"])


def _answers_agree(store: GraphStore) -> None:
    for name, given in ASKED:
        assert_agrees_with_previous(store, name, given)


def _samples_cut(store: GraphStore) -> bool:
    """Whether some theme of `authority-top-themes` asked for fewer samples than it has claims, so
    that the years the tallies choose for its samples were put to the test."""
    return any(
        len(row["samples"]) == given.get("samples", 3) < row["findings"]
        for name, given in ASKED
        if name == "authority-top-themes" and given.get("samples", 3) > 0
        for row in answers.canned(store, name, given)["rows"]
    )


def test_tallies_follow_loads_replacements_and_deletions(store: GraphStore) -> None:
    store.load_reference_data()
    documents = [
        make_extraction(authority, date(2012 + year, 1 + authority, 3), findings=15, version=year)
        for authority in range(4)
        for year in range(3)
    ]
    load_extractions(store, documents)
    assert _stored_tallies(store) == _counted(store) != []
    development = [[r["id"], r["authority"], r["themes"]] for r in development_rows(_counted(store))]
    assert _stored_development(store) == development and len(development) == 4
    _answers_agree(store)
    assert _samples_cut(store)

    # A corrected re-issue of one authority's report, and another authority's report removed: only
    # those authorities are recomputed, and the tallies still equal the counts.
    load_extractions(store, [make_extraction(1, date(2013, 2, 3), findings=5, version=7)])
    delete_documents(store, [documents[-1].document.file_name])
    assert _stored_tallies(store) == _counted(store)
    development = [[r["id"], r["authority"], r["themes"]] for r in development_rows(_counted(store))]
    assert _stored_development(store) == development
    _answers_agree(store)


def test_tallies_that_did_not_change_are_not_written(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.load_reference_data()
    load_extractions(store, [make_extraction(2, date(2016, 4, 5)), make_extraction(3, date(2017, 4, 5))])
    kept = _stored_tallies(store)
    written: list[str] = []
    upsert = store._upsert_nodes

    def counting(tx: Any, label: str, rows: list[dict[str, Any]], create: bool) -> None:
        written.extend(label for _ in rows)
        upsert(tx, label, rows, create=create)

    monkeypatch.setattr(store, "_upsert_nodes", counting)
    recompute_tallies(store, everything=True)
    assert written == [] and _stored_tallies(store) == kept
    store.write([("MATCH (c:ThemeTally) WITH c LIMIT 1 SET c.findings = c.findings + 1", {})])
    recompute_tallies(store, everything=True)  # the one changed tally is put right, alone
    assert written == ["ThemeTally"] and _stored_tallies(store) == kept


def test_a_graph_with_tallies_and_no_totals_gets_them_summed(store: GraphStore) -> None:
    store.load_reference_data()
    load_extractions(store, [make_extraction(2, date(2016, 4, 5)), make_extraction(3, date(2017, 4, 5))])
    _, kept = store.read(
        "MATCH (t:ThemeTotal) RETURN t.id, t.authorities, t.inspections, t.findings ORDER BY t.id"
    )
    store.write([("MATCH (t:ThemeTotal) DETACH DELETE t", {})])
    assert recompute_tallies(store) == 0  # no authority recounted: the totals only
    _, again = store.read(
        "MATCH (t:ThemeTotal) RETURN t.id, t.authorities, t.inspections, t.findings ORDER BY t.id"
    )
    assert again == kept != []
    _answers_agree(store)


def test_a_graph_with_tallies_and_no_development_themes_gets_them_from_its_tallies(store: GraphStore) -> None:
    store.load_reference_data()
    load_extractions(store, [make_extraction(2, date(2016, 4, 5)), make_extraction(3, date(2017, 4, 5))])
    kept = _stored_development(store)
    store.write([("MATCH (d:DevelopmentThemes) DETACH DELETE d", {})])
    assert recompute_tallies(store) == 0  # no authority recounted: read from the tallies
    assert _stored_development(store) == kept != []
    _answers_agree(store)


def test_a_graph_without_pair_tallies_gets_every_authority_counted(store: GraphStore) -> None:
    store.load_reference_data()
    load_extractions(store, [make_extraction(2, date(2016, 4, 5)), make_extraction(3, date(2017, 4, 5))])
    query = "MATCH (t:PairTotal) RETURN t.id, t.findings, t.authorities ORDER BY t.id"
    kept = store.read(query)[1]
    store.write([("MATCH (t:PairTotal) DETACH DELETE t", {})])
    assert recompute_pairs(store) == 0  # the totals summed again from the tallies
    assert store.read(query)[1] == kept
    store.write([("MATCH (t:PairTally) DETACH DELETE t", {}), ("MATCH (t:PairTotal) DETACH DELETE t", {})])
    authorities = store.read("MATCH (a:Authority) RETURN count(a)")[1][0][0]
    assert recompute_pairs(store) == authorities  # no tally at all: every authority counted
    assert store.read(query)[1] == kept != []
    _answers_agree(store)


def test_a_graph_without_tallies_gets_every_authority_counted(store: GraphStore) -> None:
    store.load_reference_data()
    load_extractions(store, [make_extraction(2, date(2016, 4, 5)), make_extraction(3, date(2017, 4, 5))])
    store.write([("MATCH (c:ThemeTally) DETACH DELETE c", {})])
    assert recompute_tallies(store) > 0
    assert _stored_tallies(store) == _counted(store) != []
