"""Empty graph stores with the schema, one of each kind: `store` runs a test on both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from wipe import wipe

from graph.ladybug_store import LadybugStore
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore


@pytest.fixture
def ladybug_store(tmp_path: Path) -> Iterator[LadybugStore]:
    store = LadybugStore(tmp_path / "graph")
    store.ensure_schema()
    yield store
    store.close()


@pytest.fixture
def neo4j_store(neo4j_uri: Any) -> Iterator[Neo4jStore]:
    store = Neo4jStore(neo4j_uri.uri, neo4j_uri.user, neo4j_uri.password, neo4j_uri.database)
    store.ensure_schema()
    wipe(store)
    yield store
    wipe(store)
    store.close()


@pytest.fixture(params=["ladybug", "neo4j"])
def store(request: pytest.FixtureRequest) -> GraphStore:
    return request.getfixturevalue(f"{request.param}_store")
