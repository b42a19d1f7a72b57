"""The hostile-Cypher corpus (tests/hostile_cypher.py) against both stores, through a real server's
POST /cypher and through `ikg cypher`.

For every query: the guard refuses what it must before anything is sent (no URL-fetching or
code-loading statement reaches an engine), the answer is the expected status and never a 500 or a
traceback, and the server answers on. Over the whole run: the graph and its files are unchanged, no
file appears in the watched folder, nothing of the canary file comes back, and a canned route kept
answering within a second while the corpus ran.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from hostile_cypher import STATUSES, Entry, corpus
from live_server import serve
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli
from api.settings import Settings

ENTRIES = corpus()
CANARY_TEXT = "canary-5f1c0b7e: this file must never be read by a query"
CANNED = "/queries/themes"
# Short limits, so the queries that run long cost seconds, not minutes.
LIMITS = {"cypher_timeout_s": 2.0, "cypher_memory_bytes": 700 * 2**20, "cypher_max_bytes": 2 * 2**20}


@dataclass
class Hostile:
    kind: str
    settings: Settings
    url: str
    folder: Path  # the watched folder that the corpus's file paths point into
    canary: Path

    def query(self, entry: Entry) -> str:
        """The entry's query with its paths pointing at this run's canary and watched folder."""
        text = entry.query.replace("/etc/passwd", str(self.canary))
        return text.replace("/tmp/", f"{self.folder}/")


def _store_files(settings: Settings) -> dict[str, str]:
    folder = Path(settings.store)
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def _graph(settings: Settings) -> dict[str, Any]:
    store = settings.open_store(read_only=True)
    try:
        _, themes = store.read("MATCH (t:Theme) RETURN t.id, t.label ORDER BY t.id")
        return {"counts": store.counts(), "themes": themes}
    finally:
        store.close()


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    root = tmp_path_factory.mktemp("hostile")
    if request.param == "embedded":
        seeded: Settings = request.getfixturevalue("embedded_settings")
        shutil.copytree(seeded.store, root / "graph")  # a store of its own, whose files are compared
        settings = replace(seeded, store=str(root / "graph"), **LIMITS)
    else:
        settings = replace(request.getfixturevalue("seeded_neo4j_settings"), **LIMITS)
    folder = root / "watched"
    folder.mkdir()
    canary = root / "canary.txt"
    canary.write_text(CANARY_TEXT + "\n")
    with serve(create_app(settings)) as url:
        yield Hostile(request.param, settings, url, folder, canary)


@pytest.fixture(scope="module")
def before(hostile: Hostile) -> dict[str, Any]:
    files = _store_files(hostile.settings) if hostile.kind == "embedded" else {}
    return {"graph": _graph(hostile.settings), "files": files}


class CannedProbe:
    """GETs a canned route every 0.2 s in a thread while the corpus runs; keeps the latencies."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=10) as client:
            while not self._stop.wait(0.2):
                started = time.monotonic()
                response = client.get(CANNED)
                self.latencies.append(time.monotonic() - started)
                if response.status_code != 200:
                    self.failures.append(response.text)

    def __enter__(self) -> CannedProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=15)


def _check_answer(entry: Entry, status: int, text: str, hostile: Hostile) -> None:
    where = f"{entry.kind}: {entry.query[:120]!r}"
    assert status in STATUSES[entry.expect], f"{where} -> {status} {text[:300]}"
    assert "Traceback" not in text, f"{where} -> {text[:300]}"
    assert "canary-5f1c0b7e" not in text, f"{where} read the canary file"


def test_the_corpus_is_large_and_the_guard_refuses_what_it_must() -> None:
    assert len(ENTRIES) >= 300
    assert len({e.kind for e in ENTRIES}) >= 12
    wrong = [e.query for e in ENTRIES if e.expect == "refused" and not e.guard_refuses()]
    wrong += [e.query for e in ENTRIES if e.expect.startswith("answered") and e.guard_refuses()]
    assert not wrong, wrong[:5]


def test_over_http(hostile: Hostile, before: dict[str, Any]) -> None:
    with CannedProbe(hostile.url) as probe, httpx.Client(base_url=hostile.url, timeout=60) as client:
        for entry in ENTRIES:
            if entry.expect == "refused":
                assert entry.guard_refuses(), entry.query  # never sent to an engine un-refused
            # ASCII JSON, as an attacker would send it: a lone surrogate travels as its \u escape
            body = json.dumps({"query": hostile.query(entry), "params": entry.params})
            response = client.post("/cypher", content=body, headers={"content-type": "application/json"})
            _check_answer(entry, response.status_code, response.text, hostile)
            if entry.expect == "refused":
                assert response.json()["detail"].startswith("refused: "), response.text
            if response.status_code == 200:
                response.json()  # strict JSON: no NaN, every value converted
            else:
                assert response.json()["detail"], response.text
            if entry.expect != "refused":
                assert client.get("/health").status_code == 200, f"the server died after {entry.query!r}"
    assert not probe.failures, probe.failures[:3]
    assert probe.latencies and max(probe.latencies) < 1.0, sorted(probe.latencies)[-5:]
    _check_nothing_changed(hostile, before)


def test_with_ikg_cypher(hostile: Hostile, before: dict[str, Any]) -> None:
    """The same corpus through the command line (in process: its worker is a real process), less the
    entries whose parameters are not plain strings."""
    settings = hostile.settings
    env = {
        "IKG_STORE": settings.store,
        "NEO4J_PASSWORD": settings.neo4j_password,
        "NEO4J_USER": settings.neo4j_user,
        "IKG_CYPHER_TIMEOUT": str(settings.cypher_timeout_s),
        "IKG_CYPHER_MEMORY": str(settings.cypher_memory_bytes),
        "IKG_CYPHER_MAX_BYTES": str(settings.cypher_max_bytes),
    }
    runner = CliRunner()
    for entry in ENTRIES:
        if entry.params:
            continue
        result = runner.invoke(cli, ["cypher", hostile.query(entry), "--format", "json"], env=env)
        output = result.output + (result.stderr if result.stderr_bytes else "")
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            entry.query,
            repr(result.exception),
        )
        status = 200 if result.exit_code == 0 else 400
        if entry.expect == "limited":
            assert result.exit_code in (0, 1), output
        else:
            _check_answer(entry, status, output, hostile)
        if result.exit_code:
            assert output.startswith("error: ") and "Traceback" not in output, output
        if entry.expect == "refused":
            assert "error: refused: " in output, output
    _check_nothing_changed(hostile, before)


def _check_nothing_changed(hostile: Hostile, before: dict[str, Any]) -> None:
    assert list(hostile.folder.iterdir()) == []
    assert hostile.canary.read_text() == CANARY_TEXT + "\n"
    assert _graph(hostile.settings) == before["graph"]
    if hostile.kind == "embedded":
        assert _store_files(hostile.settings) == before["files"]
        hostile.settings.open_store(read_only=True).close()  # still opens read-only
