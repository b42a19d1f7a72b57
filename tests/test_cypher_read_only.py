"""POST /cypher is read-only on both stores: the guard refuses writes and escapes with a clear 400, and
below the guard the stores themselves refuse to write (read-only database, READ access mode). Rows
are capped and queries have a time limit."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.store import UntrustedFailed, UntrustedRefused

STORES = ["embedded", "neo4j"]

# Writes and escapes the guard itself refuses: 400 with "refused: <why>".
REFUSED = [
    "CREATE (:Theme {id: 'x'})",
    "create (n)",
    "create (t:Theme {id: 'x'}) return t",
    "MERGE (t:Theme {id: 'x'}) RETURN t",
    "MATCH (t:Theme) SET t.label = 'x'",
    "MATCH (n) SET n.x = 1",
    "MATCH (n) /* x */ SET n.x = 1",
    "MATCH (n) // x\nSET n.x = 1",
    "MATCH (n) SET n:Extra",
    "MATCH (f:Finding) DELETE f",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) detach delete n",
    "MATCH (t:Theme) REMOVE t.label",
    "FOREACH (x IN [1] | CREATE (:Theme {id: 'x'}))",
    "DROP INDEX theme_id IF EXISTS",
    "CREATE INDEX extra IF NOT EXISTS FOR (n:Theme) ON (n.label)",
    "CREATE CONSTRAINT extra IF NOT EXISTS FOR (n:Theme) REQUIRE n.label IS UNIQUE",
    "DROP CONSTRAINT theme_id IF EXISTS",
    "DROP TABLE Theme",
    "ALTER TABLE Theme ADD extra STRING",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "load csv with headers from 'http://127.0.0.1:1/x.csv' AS line RETURN line",
    "LOAD FROM '/etc/passwd' RETURN *",
    "COPY Theme FROM '/etc/passwd'",
    "INSTALL httpfs",
    "ATTACH '/tmp/other.lbug' AS other (dbtype lbug)",
    "EXPORT DATABASE '/tmp/ikg-export'",
    "CALL apoc.create.node(['Theme'], {id: 'x'})",
    "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value",
    "CALL apoc.cypher.runWrite('CREATE (:Theme {id: \"x\"})', {})",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "CALL `apoc`.`create`.node(['Theme'], {})",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "CALL dbms.security.createUser('x', 'y', false)",
    "CALL dbms.killQueries(['query-1'])",
    "CALL db.createLabel('Extra')",
    "CALL db.createProperty('extra')",
    "CALL db.index.fulltext.createNodeIndex('extra', ['Theme'], ['label'])",
    "CALL db.clearQueryCaches()",
    "CALL db.labels() YIELD label CALL apoc.create.node([label], {}) YIELD node RETURN node",
    "CALL { CREATE (:Theme {id: 'x'}) } IN TRANSACTIONS",
    "MATCH (n) CALL { WITH n RETURN n AS m } IN TRANSACTIONS OF 10 ROWS RETURN m",
    "USING PERIODIC COMMIT LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "USE system MATCH (n) RETURN n",
    "SHOW USERS",
    "STOP DATABASE neo4j",
    "CREATE DATABASE extra",
    "GRANT ALL ON DATABASE * TO PUBLIC",
    "MATCH (n) \u200bSET n.x = 1",  # a zero-width space before a keyword
]

# Unicode look-alikes the guard does not recognise: the store's parser rejects them, still a 400.
LOOK_ALIKES = [
    "\uff23REATE (:Theme {id: 'x'})",  # full-width C
    "CRE\u200bATE (:Theme {id: 'x'})",  # zero-width space inside the keyword
    "MATCH (n) \uff33ET n.x = 1",  # full-width S
    "MATCH (n) SE\u0422 n.x = 1",  # Cyrillic Te
    "MATCH (n) DEL\u0415TE n",  # Cyrillic Ie
]


def _settings(request: pytest.FixtureRequest, kind: str) -> Settings:
    return request.getfixturevalue("embedded_settings" if kind == "embedded" else "seeded_neo4j_settings")


@pytest.fixture(scope="module", params=STORES)
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def settings(request: pytest.FixtureRequest, kind: str) -> Settings:
    return _settings(request, kind)


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    # raise_server_exceptions=False: a bug answers 500 here instead of raising in the test.
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def _all_rows(columns: list[str], rows: Iterator[list[Any]]) -> list[list[Any]]:
    return list(rows)


def _cypher(client: TestClient, query: str, **params: Any) -> Any:
    response = client.post("/cypher", json={"query": query, "params": params})
    assert response.status_code == 200, response.text
    return response.json()


def _snapshot(client: TestClient, kind: str, settings: Settings) -> dict[str, Any]:
    """Everything a write could change: counts per label and type, all nodes and relationships,
    the theme labels, and the schema (indexes and constraints, or tables), read from the store."""
    health = client.get("/health")
    assert health.status_code == 200, health.text
    snapshot: dict[str, Any] = {"counts": {**health.json()["nodes"], **health.json()["relationships"]}}
    schema = (
        ["SHOW INDEXES YIELD name RETURN name ORDER BY name",
         "SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name",
         "CALL db.labels() YIELD label RETURN label ORDER BY label"]
        if kind == "neo4j"
        else ["CALL show_tables() RETURN name ORDER BY name"]
    )  # fmt: skip
    store = settings.open_store(read_only=True)
    try:
        for query in [
            "MATCH (n) RETURN count(n) AS n",
            "MATCH ()-[r]->() RETURN count(r) AS n",
            "MATCH (t:Theme) RETURN t.id AS id, t.label AS label ORDER BY id",
            *schema,
        ]:
            snapshot[query] = store.read(query)
    finally:
        store.close()
    return snapshot


@pytest.fixture(scope="module")
def before(client: TestClient, kind: str, settings: Settings) -> dict[str, Any]:
    snapshot = _snapshot(client, kind, settings)
    assert snapshot["counts"]["Document"] >= 5 and snapshot["counts"]["Theme"] > 0
    return snapshot


@pytest.mark.parametrize("query", REFUSED)
def test_writes_and_escapes_are_refused(
    client: TestClient, kind: str, settings: Settings, before: dict[str, Any], query: str
) -> None:
    response = client.post("/cypher", json={"query": query})
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert detail.startswith("refused: ") and len(detail) > len("refused: ") + 10, detail
    assert _snapshot(client, kind, settings) == before


@pytest.mark.parametrize("query", LOOK_ALIKES)
def test_unicode_look_alikes_are_400(
    client: TestClient, kind: str, settings: Settings, before: dict[str, Any], query: str
) -> None:
    response = client.post("/cypher", json={"query": query})
    assert response.status_code == 400, response.text
    assert response.json()["detail"]
    assert _snapshot(client, kind, settings) == before


def test_more_than_one_statement_is_400(
    client: TestClient, kind: str, settings: Settings, before: dict[str, Any]
) -> None:
    response = client.post(
        "/cypher", json={"query": "MATCH (n) RETURN count(n) AS n; MATCH (t:Theme) RETURN t"}
    )
    assert response.status_code == 400, response.text
    assert _snapshot(client, kind, settings) == before


@pytest.mark.parametrize("query", ["BEGIN TRANSACTION", "COMMIT", "CHECKPOINT"])
def test_transaction_control_is_refused(
    kind: str, settings: Settings, query: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if kind == "embedded":
        # A copy of its own: a CHECKPOINT leaves the store unopenable read-only.
        shutil.copytree(settings.store, tmp_path / "graph")
        settings = replace(settings, store=str(tmp_path / "graph"))
    with TestClient(create_app(settings), raise_server_exceptions=False) as own:
        response = own.post("/cypher", json={"query": query})
        assert response.status_code == 400, response.text
        if kind == "embedded":  # Neo4j's parser rejects these inside a transaction anyway
            assert response.json()["detail"].startswith("refused: "), response.text
        assert own.get("/health").status_code == 200
    settings.open_store(read_only=True).close()  # still opens read-only


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (:Theme {id: 'x'})",
        "MATCH (t:Theme) SET t.label = 'x'",
        "MATCH (f:Finding) DETACH DELETE f",
        "MERGE (t:Theme {id: 'x'})",
    ],
)
def test_read_only_below_the_guard(
    kind: str, settings: Settings, before: dict[str, Any], client: TestClient, query: str
) -> None:
    """The store's read_untrusted (no guard, no worker) on a store opened read-only: the engine's own
    reading of the query refuses it before it runs, and the read-only database or transaction would."""
    store = settings.open_store(read_only=True)
    try:
        assert store.read_only
        with pytest.raises((UntrustedRefused, UntrustedFailed)) as raised:
            store.read_untrusted(query, {}, 10.0, _all_rows)
        # Neo4j: "classifies the query as writing"; LadybugDB: "read-only database"
        assert re.search("writ|read", str(raised.value).lower()), raised.value
        _, rows = store.read("MATCH (t:Theme {id: 'x'}) RETURN count(t) AS n")
        assert rows == [[0]]
        assert store.counts() == before["counts"]
    finally:
        store.close()
    assert _snapshot(client, kind, settings) == before


def test_neo4j_user_cypher_is_read_only_even_on_a_writable_store(
    kind: str, settings: Settings, before: dict[str, Any], client: TestClient
) -> None:
    if kind != "neo4j":
        pytest.skip("the embedded store refuses user Cypher outright unless opened read-only")
    store = settings.open_store(read_only=False)
    try:
        with pytest.raises(UntrustedRefused):
            store.read_untrusted("CREATE (:Theme {id: 'x'})", {}, 10.0, _all_rows)
    finally:
        store.close()
    assert _snapshot(client, kind, settings) == before


def test_embedded_user_cypher_needs_a_read_only_store(tmp_path: Any) -> None:
    store = Settings(store=str(tmp_path / "graph")).open_store(read_only=False)
    try:
        with pytest.raises(PermissionError):
            store.read_untrusted("MATCH (n) RETURN n", {}, 1.0, _all_rows)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("RETURN " + "(" * 3000 + "1" + ")" * 3000 + " AS x", "nested more than"),
        ("RETURN " + "[" * 200 + "1" + "]" * 200 + " AS x", "nested more than"),
        ("RETURN " + "+".join(["1"] * 15_000) + " AS x", "longer than"),
    ],
)
def test_deeply_nested_and_very_long_queries_are_refused(
    client: TestClient, kind: str, settings: Settings, before: dict[str, Any], query: str, reason: str
) -> None:
    """A parser's stack is finite: LadybugDB's dies (and the server with it) on brackets nested a few
    thousand deep, so the guard refuses them first; the server answers on afterwards."""
    response = client.post("/cypher", json={"query": query})
    assert response.status_code == 400 and reason in response.json()["detail"], response.text
    assert client.get("/health").status_code == 200
    assert _snapshot(client, kind, settings) == before


def test_huge_parameter_lists(
    client: TestClient, kind: str, settings: Settings, before: dict[str, Any]
) -> None:
    """A large parameter list is data, not code: it runs; one over the request size limit is 413.
    (No list index here: LadybugDB counts from 1, Neo4j from 0.)"""
    numbers = list(range(50_000))
    body = _cypher(client, "UNWIND $numbers AS x RETURN count(x) AS n, sum(x) AS total", numbers=numbers)
    assert body["rows"] == [{"n": 50_000, "total": sum(numbers)}]
    too_big = client.post("/cypher", json={"query": "RETURN 1 AS x", "params": {"xs": list(range(300_000))}})
    assert too_big.status_code == 413, too_big.text
    assert _snapshot(client, kind, settings) == before


def test_a_read_query_returns_rows(client: TestClient) -> None:
    body = _cypher(client, "MATCH (a:Authority {code: $code}) RETURN a.name AS name", code="E08000029")
    assert body["columns"] == ["name"] and body["rows"] == [{"name": "Solihull"}]
    assert body["truncated"] is False
    # keywords inside strings and comments do not count
    body = _cypher(client, "RETURN 'CREATE (n) SET n.x = 1' AS text // DELETE")
    assert body["rows"] == [{"text": "CREATE (n) SET n.x = 1"}]


def test_schema_procedures_are_allowed(client: TestClient, kind: str) -> None:
    query = (
        "CALL db.labels() YIELD label RETURN label" if kind == "neo4j" else "CALL show_tables() RETURN name"
    )
    assert _cypher(client, query)["rows"]


def test_row_cap(settings: Settings) -> None:
    with TestClient(create_app(replace(settings, cypher_max_rows=3))) as capped:
        body = _cypher(capped, "MATCH (t:Theme) RETURN t.id AS id ORDER BY id")
        assert len(body["rows"]) == 3 and body["truncated"] is True
        body = _cypher(capped, "UNWIND [1, 2, 3] AS x RETURN x")
        assert len(body["rows"]) == 3 and body["truncated"] is False
        # a request may ask for fewer rows, never more
        response = capped.post("/cypher", json={"query": "UNWIND range(1, 10) AS x RETURN x", "limit": 2})
        assert len(response.json()["rows"]) == 2 and response.json()["truncated"] is True
        response = capped.post("/cypher", json={"query": "UNWIND range(1, 10) AS x RETURN x", "limit": 100})
        assert len(response.json()["rows"]) == 3 and response.json()["truncated"] is True


SLOW = "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN sum(x * y) AS s"


def test_timeout(settings: Settings, kind: str) -> None:
    with TestClient(create_app(replace(settings, cypher_timeout_s=0.5))) as limited:
        started = time.monotonic()
        response = limited.post("/cypher", json={"query": SLOW})
        elapsed = time.monotonic() - started
        assert response.status_code == 408, response.text
        detail = response.json()["detail"]
        assert "time limit of 0.5 s (IKG_CYPHER_TIMEOUT)" in detail, detail
        assert elapsed < 15, elapsed
        # the store still answers afterwards
        assert _cypher(limited, "RETURN 1 AS one")["rows"] == [{"one": 1}]
