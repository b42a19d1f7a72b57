"""The graph facts the gold states for the five seed documents, on both stores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from wipe import wipe

from api.settings import Settings
from graph.store import GraphStore
from ingest.pipeline import load_paths
from loaders.identifiers import inspector_id


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def store(
    request: pytest.FixtureRequest, corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    if request.param == "neo4j":
        server: Any = request.getfixturevalue("neo4j_uri")
        settings = Settings(
            store=server.uri,
            neo4j_user=server.user,
            neo4j_password=server.password or "",
            neo4j_database=server.database or "neo4j",
        )
    else:
        settings = Settings(store=str(tmp_path_factory.mktemp("seeds") / "graph"))
    opened = settings.open_store(read_only=False)
    if request.param == "neo4j":
        wipe(opened)  # a server shared with other modules
    assert not load_paths(opened, [corpus / "seeds"]).failures
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def gold(corpus: Path) -> dict[str, Any]:
    return json.loads((corpus / "gold" / "seeds.json").read_text())


def _one(store: GraphStore, cypher: str, **params: Any) -> Any:
    return store.read(cypher, params)[1][0][0]


def test_counts(store: GraphStore, gold: dict[str, Any]) -> None:
    facts = gold["graph"]
    assert (
        _one(store, "MATCH (a:Authority)<-[:OF_AUTHORITY]-(:Inspection) RETURN count(DISTINCT a) AS n")
        == facts["authorities"]
    )
    assert _one(store, "MATCH (i:Inspection) RETURN count(i) AS n") == facts["inspections"]
    assert _one(store, "MATCH (d:Document) RETURN count(d) AS n") == facts["documents"]


def test_one_lynn_radley_on_both_solihull_inspections(store: GraphStore) -> None:
    _, rows = store.read(
        "MATCH (p:Inspector)-[r:INSPECTED]->(i:Inspection)"
        "-[:OF_AUTHORITY]->(a:Authority {code: 'E08000029'}) "
        "WHERE p.id = $id RETURN i.startDate AS date, r.role AS role ORDER BY date",
        {"id": inspector_id("Lynn Radley")},
    )
    assert [row[1] for row in rows] == ["HMI", "quality assurance manager"]
    assert _one(store, "MATCH (p:Inspector) WHERE p.name CONTAINS 'Radley' RETURN count(p) AS n") == 1


def test_nobody_addressed_or_copied_in_is_an_inspector(store: GraphStore, gold: dict[str, Any]) -> None:
    not_inspectors = {inspector_id(n) for d in gold["documents"] for n in d["not_inspectors"]}
    _, rows = store.read("MATCH (p:Inspector) RETURN p.id AS id")
    assert not_inspectors.isdisjoint({row[0] for row in rows})
