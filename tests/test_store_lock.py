"""An embedded store has readers or one writer, never both: `ikg load` refuses while a server serves the
store, a server refuses to start on a store being loaded, each with one line saying what to do; and a
store left with an interrupted checkpoint is completed on the next open, or refused with what to do."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import ladybug
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.ladybug_store import DATABASE_FILE, LadybugStore
from graph.store import StoreUnavailable

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def store(embedded_settings: Settings, tmp_path: Path) -> Path:
    shutil.copytree(embedded_settings.store, tmp_path / "graph")
    return tmp_path / "graph"


def _ikg(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api", *args],
        env={**os.environ, "IKG_STORE": str(store)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_readers_share_and_a_writer_is_alone(store: Path) -> None:
    first, second = LadybugStore(store, read_only=True), LadybugStore(store, read_only=True)
    with pytest.raises(StoreUnavailable, match="open in another process"):
        LadybugStore(store)
    first.close()
    second.close()
    writer = LadybugStore(store)
    with pytest.raises(StoreUnavailable, match="`ikg load` is writing this store"):
        LadybugStore(store, read_only=True)
    with pytest.raises(StoreUnavailable, match="open in another process"):
        LadybugStore(store)
    writer.close()
    LadybugStore(store, read_only=True).close()


def test_ikg_load_refuses_while_a_server_serves_the_store(store: Path, corpus: Path) -> None:
    with TestClient(create_app(Settings(store=str(store)))) as client:
        before = client.get("/health").json()
        loading = _ikg(store, "load", str(corpus / "pdf"))
        assert loading.returncode == 1
        assert "open in another process" in loading.stderr and "Traceback" not in loading.stderr
        assert client.get("/health").json() == before
        assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).status_code == 200


def test_a_server_does_not_start_on_a_store_being_loaded(store: Path) -> None:
    writer = LadybugStore(store)
    try:
        with pytest.raises(StoreUnavailable, match="`ikg load` is writing this store"):
            with TestClient(create_app(Settings(store=str(store)))):
                pass
        serving = _ikg(store, "stats")
        assert serving.returncode == 1 and "is writing this store" in serving.stderr, serving.stderr
        assert "Traceback" not in serving.stderr
    finally:
        writer.close()


def _interrupt_a_checkpoint(store: Path) -> None:
    """What a SIGKILL during a checkpoint leaves (and what CHECKPOINT on a read-only database did)."""
    database = ladybug.Database(str(store / DATABASE_FILE), read_only=True)
    connection = ladybug.Connection(database)
    with pytest.raises(RuntimeError):
        connection.execute("CHECKPOINT")
    connection.close()
    database.close()
    with pytest.raises(RuntimeError, match="recovery is pending"):
        ladybug.Database(str(store / DATABASE_FILE), read_only=True)


def test_an_interrupted_checkpoint_is_completed_on_the_next_open(store: Path) -> None:
    _interrupt_a_checkpoint(store)
    with TestClient(create_app(Settings(store=str(store)))) as client:
        assert client.get("/health").status_code == 200
        assert client.post("/cypher", json={"query": "MATCH (d:Document) RETURN count(d) AS n"}).json()[
            "rows"
        ] == [{"n": 5}]


def test_an_interrupted_checkpoint_with_another_reader_is_refused_clearly(store: Path) -> None:
    _interrupt_a_checkpoint(store)
    with open(store / "ikg.lock") as held:  # another reader's shared lock
        fcntl.flock(held.fileno(), fcntl.LOCK_SH)
        with pytest.raises(StoreUnavailable, match="interrupted checkpoint must be completed"):
            LadybugStore(store, read_only=True)
    LadybugStore(store, read_only=True).close()
