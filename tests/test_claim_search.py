"""The word search of claims: each store's full-text index (Neo4j's, SQLite FTS5 beside the embedded
store) gives exactly the claims a scan of the graph gives, on both stores alike, and the embedded
store's index stays in step with the graph through loads, replacements, deletions, failed writes and
a writer that died between the graph's commit and the index's."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from test_graph_stores import STORE_ERRORS, _failing_rows, make_extraction

import queries
from api import answers
from browser.scripts import browser_cypher
from graph import neo4j_search
from graph.claim_index import INDEX_FILE
from graph.claim_words import letter_phrase, normalized, words
from graph.ladybug_store import LadybugStore
from graph.neo4j_store import Neo4jStore
from graph.schema import CLAIM_WORDS_INDEX
from graph.store import GraphStore
from ingest.pipeline import load_extractions

# (text, authority, polarity, limit): words with apostrophes, digits, phrases, every filter.
SEARCHES = [
    ("supervision", "", "", 50),
    ("Staff supervision", "", "", 20),
    ("SUPERVISION of practitioners", "", "weakness", 20),
    ("children's progress", "", "", 50),
    ("children s", "", "", 5),
    ("children", "", "", 7),
    ("point 3", "", "", 50),
    ("3", "", "", 50),
    ("issue 1", "", "", 50),
    ("", "", "strength", 10),
    ("", "", "", 1000),
    ("plans for care leavers", "Hartlepool", "", 50),
    ("timeliness", "E06000001", "weakness", 50),
    ("timeline", "", "", 50),
    ("no such words anywhere", "", "", 50),
    ("supervision", "Nowhere", "", 50),
]


def test_words_are_runs_of_letters_and_digits() -> None:
    expected = ["children", "s", "social", "care", "section", "47"]
    assert words("Children's social-care: Section 47!") == expected
    assert normalized("  The  children’s\nplans ") == "the children s plans"
    assert words("café naïve") == ["café", "naïve"]
    # Lucene's simple analyzer drops digits: the phrase it can look up is the words' letters.
    assert letter_phrase(["section", "47", "s47b"]) == ["section", "s", "b"]


def _documents() -> list:
    return [
        make_extraction(authority, date(2012 + year, 1 + authority, 3), findings=12, version=year)
        for authority in range(4)
        for year in range(3)
    ]


@pytest.mark.parametrize("search", SEARCHES, ids=[" ".join(map(str, s)) for s in SEARCHES])
def test_the_index_finds_what_a_scan_finds(store: GraphStore, search: tuple) -> None:
    store.load_reference_data()
    load_extractions(store, _documents())
    found = store.search_claims(*search)
    assert found == GraphStore.search_claims(store, *search)
    assert len(found) == len(set(found)) <= search[3]


@pytest.mark.parametrize("cost", [1e-9, 1e9], ids=["newest first", "through the index"])
def test_neo4j_finds_the_same_claims_either_way(
    neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch, cost: float
) -> None:
    """Neo4j reads the claims newest first or through its full-text index, whichever reads less;
    made to take either way, it finds what a scan finds, in the same order, undated inspections last."""
    monkeypatch.setattr(neo4j_search, "SCAN_COST_PER_MATCH", cost)
    neo4j_store.load_reference_data()
    load_extractions(neo4j_store, _documents())
    neo4j_store.write([("MATCH (i:Inspection) WHERE i.year = 2013 SET i.startDate = null", {})])
    for search in SEARCHES:
        assert neo4j_store.search_claims(*search) == GraphStore.search_claims(neo4j_store, *search), search
    read = neo4j_store._rows  # the way the cost model takes for a word every document has
    assert neo4j_search.newest_first_is_cheaper(read, CLAIM_WORDS_INDEX, '"issue"', "", 50) is (cost < 1)


def test_both_stores_find_the_same_claims(ladybug_store: LadybugStore, neo4j_store: GraphStore) -> None:
    for store in (ladybug_store, neo4j_store):
        store.load_reference_data()
        load_extractions(store, _documents())
    for search in SEARCHES:
        assert ladybug_store.search_claims(*search) == neo4j_store.search_claims(*search), search
    some = ladybug_store.search_claims("supervision", "", "", 50)
    assert some, "the search words occur in the documents"
    answer = answers.canned(ladybug_store, "finding-search", {"text": "supervision"})
    assert [row["finding"] for row in answer["rows"]] == some
    assert answers.canned(neo4j_store, "finding-search", {"text": "no such words"})["rows"] == []


def _indexed(path: Path) -> list[str]:
    with sqlite3.connect(path / INDEX_FILE) as db:
        return sorted(row[0] for row in db.execute("SELECT finding FROM claim"))


def _graph_claims(store: GraphStore) -> list[str]:
    return sorted(row[0] for row in store.read("MATCH (f:Finding) RETURN f.id")[1])


def test_the_embedded_index_follows_every_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "graph"
    store = LadybugStore(path)
    store.ensure_schema()
    store.load_reference_data()
    first = make_extraction(1, date(2014, 5, 6), findings=10, file_name="a.txt")
    load_extractions(store, [first, make_extraction(2, date(2015, 5, 6), file_name="b.txt")])
    assert _indexed(path) == _graph_claims(store) != []

    # A corrected re-issue replaces its claims; a deletion removes them.
    load_extractions(store, [make_extraction(1, date(2014, 5, 6), findings=6, version=1, file_name="a.txt")])
    assert _indexed(path) == _graph_claims(store)
    assert "issue 1" in " ".join(
        row[0] for row in store.read("MATCH (f:Finding) RETURN f.text")[1]
    ) and store.search_claims("issue 1", "", "", 50)
    store.delete_documents(["b.txt"])
    assert _indexed(path) == _graph_claims(store)

    # A write the store refuses changes neither.
    before = _indexed(path)
    with monkeypatch.context() as patch:
        _failing_rows(patch)
        with pytest.raises(STORE_ERRORS):
            store.replace_document(make_extraction(3, date(2016, 5, 6)))
    assert _indexed(path) == before == _graph_claims(store)
    store.close()


def test_a_writer_that_died_between_the_commits_is_caught_up(tmp_path: Path) -> None:
    path = tmp_path / "graph"
    store = LadybugStore(path)
    store.ensure_schema()
    store.load_reference_data()
    extraction = make_extraction(1, date(2014, 5, 6), findings=10)
    load_extractions(store, [extraction])
    store.close()
    # What a process killed after the graph's commit leaves: the inspection pending, its claims
    # not (or not yet) in the index.
    with sqlite3.connect(path / INDEX_FILE) as db:
        db.execute("INSERT INTO pending VALUES (?)", (extraction.inspection.id,))
        db.execute("DELETE FROM claim")
        db.execute("DELETE FROM claim_words")

    reader = LadybugStore(path, read_only=True)
    # A reader cannot repair the index: it answers from the graph.
    assert (
        reader.search_claims("supervision", "", "", 50)
        == GraphStore.search_claims(reader, "supervision", "", "", 50)
        != []
    )
    reader.close()
    writer = LadybugStore(path)
    writer.ensure_schema()
    assert _indexed(path) == _graph_claims(writer)
    writer.close()

    # An index lost altogether (or a store from before it) is rebuilt by the next writer.
    (path / INDEX_FILE).unlink()
    writer = LadybugStore(path)
    writer.ensure_schema()
    assert _indexed(path) == _graph_claims(writer) != []
    writer.close()


def test_the_browser_form_runs_the_search_on_the_server(neo4j_store: GraphStore) -> None:
    """The favourite and guide slide of finding-search call the full-text index in the statement;
    for a plain word they find what the API finds."""
    neo4j_store.load_reference_data()
    load_extractions(neo4j_store, _documents())
    query = queries.get("finding-search")
    params = query.bind({"text": "supervision", "limit": 5})
    _, rows = neo4j_store.read(browser_cypher(query), params)
    api_rows = answers.canned(neo4j_store, "finding-search", {"text": "supervision", "limit": 5})["rows"]
    assert [row[0] for row in rows] == [row["finding"] for row in api_rows] != []
