"""User Cypher in worker processes, on both stores: every value the engines return comes back as JSON,
the answer is capped in bytes as well as rows, a query past its memory or time limit or one that
crashes its worker costs that worker alone, and workers answer in parallel."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings

SLOW = "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN sum(x * y) AS s"


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def settings(request: pytest.FixtureRequest, kind: str) -> Settings:
    name = "embedded_settings" if kind == "embedded" else "seeded_neo4j_settings"
    base: Settings = request.getfixturevalue(name)
    return replace(base, cypher_timeout_s=3.0, cypher_max_bytes=50_000, cypher_memory_bytes=600 * 2**20)


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def _rows(client: TestClient, query: str, **params: Any) -> list[dict[str, Any]]:
    response = client.post("/cypher", json={"query": query, "params": params})
    assert response.status_code == 200, response.text
    return response.json()["rows"]  # type: ignore[no-any-return]


def test_paths_come_back_as_nodes_and_relationships(client: TestClient) -> None:
    rows = _rows(
        client,
        "MATCH p = (a:Authority {code: 'E08000029'})<-[:OF_AUTHORITY]-(i:Inspection) "
        "RETURN p, a, i ORDER BY i.startDate LIMIT 1",
    )
    path = rows[0]["p"]
    assert set(path) == {"nodes", "relationships"}
    assert [node.get("code") for node in path["nodes"]] == ["E08000029", None]
    assert path["nodes"][1]["id"] == rows[0]["i"]["id"] and len(path["relationships"]) == 1
    assert rows[0]["a"]["name"] == "Solihull" and None not in rows[0]["a"].values()


def test_parameters_keep_their_shape(client: TestClient) -> None:
    given = {"a": [1, 2], "b": {"c": ["d", "e"]}, "f": "x"}
    assert _rows(client, "RETURN $m AS m", m=given) == [{"m": given}]
    assert _rows(client, "RETURN $xs AS xs", xs=[[1, 2], [3]]) == [{"xs": [[1, 2], [3]]}]


def test_non_finite_numbers_are_strings(client: TestClient) -> None:
    assert _rows(client, "RETURN 0.0 / 0.0 AS nan, 1.0 / 0.0 AS inf, -1.0 / 0.0 AS neg") == [
        {"nan": "NaN", "inf": "Infinity", "neg": "-Infinity"}
    ]


def test_embedded_engine_values(client: TestClient, kind: str) -> None:
    if kind != "embedded":
        pytest.skip("BLOB, MAP with any keys, INTERVAL, UUID and INT128 are LadybugDB's types")
    row = _rows(
        client,
        "RETURN BLOB('\\\\xFF\\\\xFE') AS blob, map([1, 2], ['a', 'b']) AS ints, "
        "map([[1], [2]], ['a', 'b']) AS lists, interval('3 days 4 hours') AS i, "
        "CAST('8c4b3a6e-0d8e-4c52-9f6a-0f0e0d0c0b0a' AS UUID) AS u, "
        "CAST(170141183460469231731687303715884105727 AS INT128) AS big, "
        "CAST(1.5 AS DECIMAL(10, 2)) AS d",
    )[0]
    assert row["blob"] == "//4="  # base64 of FF FE
    assert row["ints"] == [[1, "a"], [2, "b"]]
    assert row["lists"] == [[[1], "a"], [[2], "b"]]
    assert row["i"] == "P3DT4H"
    assert row["u"] == "8c4b3a6e-0d8e-4c52-9f6a-0f0e0d0c0b0a"
    assert row["big"] == 170141183460469231731687303715884105727 and row["d"] == 1.5


def test_neo4j_engine_values(client: TestClient, kind: str) -> None:
    if kind != "neo4j":
        pytest.skip("durations, points and times of day are Neo4j's types")
    row = _rows(client, "RETURN duration('P3DT4H') AS d, point({x: 1, y: 2}) AS p, time('10:00:00Z') AS t")[0]
    assert row["d"] == "P3DT4H" and row["t"] == "10:00:00+00:00"
    assert "1" in str(row["p"]) and "2" in str(row["p"])


def test_the_answer_is_capped_in_bytes(client: TestClient) -> None:
    response = client.post("/cypher", json={"query": "MATCH (f:Finding) RETURN f.id AS id, f.text AS text"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["truncated"] and body["truncatedBy"] == "bytes" and 0 < len(body["rows"]) < 300
    assert len(response.content) <= 50_000 + 1_000
    one_huge_row = client.post("/cypher", json={"query": "MATCH (f:Finding) RETURN collect(f.text) AS texts"})
    assert one_huge_row.status_code == 422 and "IKG_CYPHER_MAX_BYTES" in one_huge_row.json()["detail"]


def test_a_crash_or_overrun_costs_the_worker_alone(client: TestClient, kind: str) -> None:
    if kind == "embedded":
        crash = client.post(
            "/cypher", json={"query": "RETURN date('9999-12-31') + INTERVAL('400 days') AS d"}
        )
        assert crash.status_code == 400 and "worker process" in crash.json()["detail"], crash.text
        grow = "UNWIND range(1, 1000000) AS x UNWIND range(1, 200) AS y WITH collect(x * y) AS xs RETURN 1"
        memory = client.post("/cypher", json={"query": grow})
        assert memory.status_code in (408, 422), memory.text
        assert "IKG_CYPHER_MEMORY" in memory.text or "IKG_CYPHER_TIMEOUT" in memory.text
    slow = client.post("/cypher", json={"query": SLOW})
    assert slow.status_code == 408 and "IKG_CYPHER_TIMEOUT" in slow.json()["detail"], slow.text
    assert _rows(client, "RETURN 1 AS one") == [{"one": 1}]
    assert client.get("/queries/themes").status_code == 200


def test_workers_answer_in_parallel(client: TestClient) -> None:
    """While one worker is busy with a slow query, the other answers."""
    slow_done = threading.Event()

    def slow() -> None:
        client.post("/cypher", json={"query": SLOW})
        slow_done.set()

    thread = threading.Thread(target=slow)
    thread.start()
    try:
        for _ in range(5):
            assert _rows(client, "MATCH (a:Authority) RETURN count(a) AS n")[0]["n"] > 100
        assert not slow_done.is_set(), "the slow query ended before the others were answered"
    finally:
        thread.join(timeout=30)
