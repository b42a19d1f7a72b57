"""Neo4j going away and coming back, on a private server this module kills and restarts: the API answers
503 with a message while it is away and recovers by itself; a load during an outage fails clearly; a
load cut by the server dying leaves whole documents, and the next load completes with nothing lost or
duplicated."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_fixtures import neo4j_settings
from fastapi.testclient import TestClient
from graph_snapshot import assert_whole_documents, snapshot
from neo4j import GraphDatabase
from neo4j_server import PrivateNeo4j

from api.app import create_app
from api.settings import Settings
from ingest.pipeline import load_paths

ROOT = Path(__file__).resolve().parent.parent
PDFS = 12


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateNeo4j]:
    own = PrivateNeo4j(tmp_path_factory.mktemp("neo4j-outage"))
    own.start()
    try:
        yield own
    finally:
        own.stop()


@pytest.fixture(scope="module")
def settings(server: PrivateNeo4j) -> Settings:
    return neo4j_settings(server.connection)


@pytest.fixture(scope="module")
def documents(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("documents")
    for path in sorted((corpus / "seeds").iterdir()):
        shutil.copy(path, folder)
    for path in sorted((corpus / "pdf").glob("*.pdf"), key=lambda p: p.stat().st_size)[:PDFS]:
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def reference(documents: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The same documents loaded without interruption (into the embedded store: the stores agree)."""
    with Settings(store=str(tmp_path_factory.mktemp("reference") / "graph")).open_store(False) as store:
        assert not load_paths(store, [documents]).failures
        return snapshot(store)


def _wipe(settings: Settings) -> None:
    with settings.open_store(read_only=False) as store:
        store.write([("MATCH (n) DETACH DELETE n", {})])


def _load(settings: Settings, documents: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "api", "load", str(documents)],
        env={**os.environ, "IKG_STORE": settings.store, "COLUMNS": "200"},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _unavailable(response: Any) -> None:
    assert response.status_code == 503, response.text
    detail = response.json()["detail"]
    assert detail.startswith("the graph store is unavailable: Neo4j at bolt://"), detail


REQUESTS = [
    ("GET", "/health", None),
    ("GET", "/queries/themes", None),
    ("GET", "/authorities/E08000029", None),
    ("POST", "/cypher", {"query": "MATCH (n) RETURN count(n) AS n"}),
]


def test_the_api_answers_503_while_neo4j_is_away_and_recovers_by_itself(
    server: PrivateNeo4j, settings: Settings, documents: Path, reference: dict[str, Any]
) -> None:
    _wipe(settings)
    with settings.open_store(read_only=False) as store:
        assert not load_paths(store, [documents]).failures
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        before = client.get("/health").json()
        for method, url, body in REQUESTS:
            assert client.request(method, url, json=body).status_code == 200, url
        server.kill()
        for method, url, body in REQUESTS:
            _unavailable(client.request(method, url, json=body))
        server.start()
        for method, url, body in REQUESTS:
            assert client.request(method, url, json=body).status_code == 200, url
        assert client.get("/health").json() == before
    with settings.open_store(read_only=True) as store:
        assert snapshot(store) == reference


def _writing(server: PrivateNeo4j) -> bool:
    """Whether a transaction is writing documents on the server right now."""
    with GraphDatabase.driver(server.connection.uri, auth=server.connection.auth) as driver:
        records, _, _ = driver.execute_query(
            "SHOW TRANSACTIONS YIELD currentQuery "
            "WHERE currentQuery STARTS WITH 'UNWIND' RETURN count(*) AS n"
        )
        return bool(records[0]["n"])


def test_neo4j_dying_during_a_load_then_loading_while_it_is_down(
    server: PrivateNeo4j, settings: Settings, documents: Path, reference: dict[str, Any]
) -> None:
    """The server is killed while a load writes: the load stops with a clear error. While it is down the
    API starts anyway and answers 503, and a load fails with the same clear error. When it is back the
    API recovers, Neo4j holds only whole documents, and the next load completes to the reference graph:
    nothing lost, nothing twice."""
    for _ in range(3):  # until the kill lands inside a write (a load can finish before it is seen)
        _wipe(settings)
        cut = _load(settings, documents)
        while cut.poll() is None and not _writing(server):
            time.sleep(0.01)
        if cut.poll() is None:
            break
        cut.communicate()
    else:
        pytest.fail("never saw the load write")
    server.kill()
    _, stderr = cut.communicate(timeout=300)
    assert cut.returncode == 1 and f"error: Neo4j at {settings.store}" in stderr, stderr
    assert "Traceback" not in stderr, stderr

    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        _unavailable(client.get("/health"))
        failed = _load(settings, documents)
        _, stderr = failed.communicate(timeout=300)
        assert failed.returncode == 1, stderr
        assert f"error: Neo4j at {settings.store}" in stderr and "Traceback" not in stderr, stderr
        server.start()
        assert client.get("/health").status_code == 200

    with settings.open_store(read_only=True) as store:
        present = assert_whole_documents(store, reference)
    print(f"\n{present} of {len(reference['findings'])} documents were in Neo4j after it died")
    done = _load(settings, documents)
    _, stderr = done.communicate(timeout=300)
    assert done.returncode == 0, stderr
    with settings.open_store(read_only=True) as store:
        assert snapshot(store) == reference
