"""The embedded store on a disk that fills up or is read-only, on real small file systems (tmpfs mounts,
so the test needs root, as CI has; it fails, never skips, without it).

A load that meets a nearly full disk stops with a clear error before LadybugDB runs out of room, and
what was loaded stays whole and readable; with room again the same load completes. A store on a
read-only file system still answers queries, and a load into it, or into a new folder there, fails with
an error naming the path and the reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from graph_snapshot import assert_whole_documents, snapshot

from api.settings import Settings
from ingest.pipeline import load_paths

ROOT = Path(__file__).resolve().parent.parent
MB = 2**20


def _mount(point: Path, options: str) -> None:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.fail(f"these tests mount a tmpfs (as root): {done.stderr.strip()}", pytrace=False)


def _remount(point: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(point)], check=True)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    point = tmp_path / "disk"
    point.mkdir()
    _mount(point, "size=64m")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.fixture(scope="module")
def documents(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("documents")
    for path in sorted((corpus / "seeds").iterdir()):
        shutil.copy(path, folder / path.name)
    for path in sorted((corpus / "pdf").glob("*.pdf"), key=lambda p: p.stat().st_size)[:6]:
        shutil.copy(path, folder / path.name)
    return folder


def _load(store: Path, documents: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api", "load", str(documents)],
        env={**os.environ, "IKG_STORE": str(store), "COLUMNS": "200", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _clear_failure(done: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    message = " ".join(done.stderr.split())  # the console wraps long lines
    for phrase in phrases:
        assert phrase in message, done.stderr


def test_a_load_stops_before_the_disk_is_full_and_completes_when_there_is_room(
    corpus: Path, disk: Path, documents: Path
) -> None:
    store = disk / "graph"
    seeds = _load(store, corpus / "seeds", IKG_MIN_FREE_BYTES=str(1 * MB))
    assert seeds.returncode == 0, seeds.stderr
    with Settings(store=str(store)).open_store(read_only=True) as graph:
        before = snapshot(graph)
    # Ballast fills the disk to just under the margin: the next write must not start.
    free = shutil.disk_usage(disk).free
    ballast = disk / "ballast"
    with ballast.open("wb") as out:
        out.write(b"\0" * (free - 8 * MB))
    stopped = _load(store, documents, IKG_MIN_FREE_BYTES=str(16 * MB))
    _clear_failure(stopped, str(store), "MB free", "IKG_MIN_FREE_BYTES", "the documents loaded before stay")
    with Settings(store=str(store)).open_store(read_only=True) as graph:
        assert snapshot(graph) == before  # nothing lost, nothing half-written

    ballast.unlink()
    done = _load(store, documents, IKG_MIN_FREE_BYTES=str(16 * MB))
    assert done.returncode == 0, done.stderr
    reference_store = disk.parent / "reference"
    with Settings(store=str(reference_store)).open_store(read_only=False) as graph:
        assert not load_paths(graph, [corpus / "seeds", documents]).failures
        reference = snapshot(graph)
    with Settings(store=str(store)).open_store(read_only=True) as graph:
        assert assert_whole_documents(graph, reference) == len(reference["findings"])


def test_a_store_on_a_read_only_disk_answers_and_refuses_loads_clearly(
    corpus: Path, disk: Path, documents: Path
) -> None:
    store = disk / "graph"
    assert _load(store, corpus / "seeds", IKG_MIN_FREE_BYTES=str(1 * MB)).returncode == 0
    _remount(disk, "ro")
    query = subprocess.run(
        [sys.executable, "-m", "api", "query", "authority-timeline", "-p", "authority=Solihull", "-f", "csv"],
        env={**os.environ, "IKG_STORE": str(store)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert query.returncode == 0 and "E08000029-" in query.stdout, query.stderr
    _clear_failure(_load(store, documents), str(store), "Read-only file system")
    _clear_failure(_load(disk / "new", documents), str(disk / "new"), "cannot create the store's folder")
