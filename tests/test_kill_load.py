"""`ikg load` killed (SIGKILL) at random points, on both stores: the store holds only whole documents,
and the next load completes it to the same graph as an uninterrupted load; the killed load's
extraction workers do not outlive it.

The load runs as a real subprocess; the delays are random but seeded, spread over the time an
uninterrupted load of the same files takes, so kills land in start-up, schema, reference data, the
documents and the links. The embedded store must recover from its write-ahead log after each kill.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from api_fixtures import neo4j_settings
from fastapi.testclient import TestClient
from graph_snapshot import assert_whole_documents, snapshot
from processes import descendants, still_running

from api.app import create_app
from api.settings import Settings
from graph.ladybug_store import DATABASE_FILE
from graph.store import StoreUnavailable

ROOT = Path(__file__).resolve().parent.parent
KILLS = 5
PDFS = 12  # the smallest ones: loading them takes a few seconds


def _documents(corpus: Path, folder: Path) -> Path:
    folder.mkdir()
    for path in sorted((corpus / "seeds").iterdir()):
        shutil.copy(path, folder)
    for path in sorted((corpus / "pdf").glob("*.pdf"), key=lambda p: p.stat().st_size)[:PDFS]:
        shutil.copy(path, folder)
    return folder


def _load(store: str, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "api", "load", str(folder)],
        env={**os.environ, "IKG_STORE": store},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _load_to_the_end(store: str, folder: Path) -> float:
    started = time.monotonic()
    process = _load(store, folder)
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    return time.monotonic() - started


def _serve_starts(settings: Settings) -> None:
    """`ikg serve` on the store a killed load left: it starts (completing an interrupted checkpoint
    first) and answers, or, before the load made any graph, says so in one line."""
    if "://" not in settings.store and not (Path(settings.store) / DATABASE_FILE).exists():
        with pytest.raises(StoreUnavailable, match="no graph here yet"):
            settings.open_store(read_only=True)
        return
    with TestClient(create_app(settings)) as client:
        assert client.get("/health").status_code == 200
        assert client.get("/queries/themes").status_code == 200
        answer = client.post("/cypher", json={"query": "MATCH (d:Document) RETURN count(d) AS n"})
        assert answer.status_code == 200, answer.text


def _wipe(settings: Settings) -> None:
    with settings.open_store(read_only=False) as store:
        store.write([("MATCH (n) DETACH DELETE n", {})])


@pytest.fixture(params=["embedded", "neo4j"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "embedded":
        yield Settings(store=str(tmp_path / "graph"))
        return
    settings = neo4j_settings(request.getfixturevalue("neo4j_uri"))
    _wipe(settings)  # the server is shared with other modules: start from, and leave, an empty graph
    yield settings
    _wipe(settings)


def test_killed_loads_leave_whole_documents_and_the_next_load_completes(
    corpus: Path, tmp_path: Path, store_settings: Settings
) -> None:
    kind = "neo4j" if "://" in store_settings.store else "embedded"
    folder = _documents(corpus, tmp_path / "documents")
    # The reference: an uninterrupted load, timed to spread the kills over it.
    duration = _load_to_the_end(store_settings.store, folder)
    with store_settings.open_store(read_only=True) as store:
        reference = snapshot(store)
    assert len(reference["findings"]) == 5 + PDFS
    if kind == "neo4j":
        _wipe(store_settings)
    else:
        shutil.rmtree(store_settings.store)

    rng = random.Random(f"kill-{kind}")
    present = []
    for _ in range(KILLS):
        process = _load(store_settings.store, folder)
        time.sleep(rng.uniform(0.1, 1.0) * duration)
        workers = descendants(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        # Its extraction workers see their parent gone and exit; none is left waiting for work.
        assert not still_running(workers, 10), "workers of the killed load are still running"
        if process.returncode != -signal.SIGKILL:  # it finished first: the next load has nothing to do
            assert process.returncode == 0, process.stderr.read() if process.stderr else ""
        if kind == "embedded" and not Path(store_settings.store).exists():
            present.append(0)  # killed before the store was created
            continue
        _serve_starts(store_settings)
        # Opening the embedded store replays or discards its write-ahead log.
        with store_settings.open_store(read_only=False) as store:
            present.append(assert_whole_documents(store, reference))
    print(f"\n{kind}: documents present after each kill {present}")

    _load_to_the_end(store_settings.store, folder)
    with store_settings.open_store(read_only=True) as store:
        assert snapshot(store) == reference
