"""Bad input: every hostile file gives a clear error naming it and what is wrong; a batch that mixes
them with good documents loads the good ones, reports each bad one, and writes nothing of the bad."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from api_fixtures import neo4j_settings
from hostile_files import HUGE_BYTES, SCRIPT_TEXT, Hostile, good_variants, write_hostile
from wipe import wipe

from api.settings import Settings
from ingest.pipeline import load_paths
from loaders.errors import ExtractionError
from loaders.extract import extract_file
from loaders.read import DEFAULT_MAX_FILE_BYTES, read_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def hostile(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Hostile]:
    return write_hostile(corpus, tmp_path_factory.mktemp("hostile"))


def test_each_hostile_file_gives_its_own_error(hostile: dict[Path, Hostile]) -> None:
    for path, what in hostile.items():
        with pytest.raises(ExtractionError) as raised:
            extract_file(path)
        message = str(raised.value)
        assert what.problem in message, (path.name, message)
        assert path.name in message, message  # which file
    print(f"\n{len(hostile)} hostile files tried")


def test_a_huge_file_is_refused_without_being_read(hostile: dict[Path, Hostile]) -> None:
    huge = next(path for path in hostile if path.name == "huge.pdf")
    assert huge.stat().st_size == HUGE_BYTES > DEFAULT_MAX_FILE_BYTES
    tracemalloc.start()
    try:
        with pytest.raises(ExtractionError, match="over the limit"):
            read_file(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000, peak


def test_the_size_limit_is_configurable(corpus: Path, tmp_path: Path) -> None:
    seed = corpus / "seeds" / "sefton-2010-11-17-letter.txt"
    with pytest.raises(ExtractionError, match="over the limit of 1,000 "):
        read_file(seed, max_bytes=1000)
    assert read_file(seed, max_bytes=seed.stat().st_size) == seed.read_bytes()
    assert Settings.from_env().max_file_bytes == DEFAULT_MAX_FILE_BYTES
    os.environ["IKG_MAX_FILE_BYTES"] = "1000"
    try:
        assert Settings.from_env().max_file_bytes == 1000
    finally:
        del os.environ["IKG_MAX_FILE_BYTES"]
    with Settings(store=str(tmp_path / "graph")).open_store(read_only=False) as store:
        summary = load_paths(store, [seed], max_file_bytes=1000)
        assert [o.status for o in summary.outcomes] == ["failed"]
        assert "over the limit" in summary.outcomes[0].detail
        assert store.counts()["Document"] == 0


@pytest.fixture(params=["embedded", "neo4j"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "embedded":
        yield Settings(store=str(tmp_path / "graph"))
        return
    settings = neo4j_settings(request.getfixturevalue("neo4j_uri"))
    # The server is shared with other modules: this test starts from, and leaves, an empty graph.
    with settings.open_store(read_only=False) as store:
        wipe(store)
    yield settings
    with settings.open_store(read_only=False) as store:
        wipe(store)


def test_a_batch_of_good_and_bad_files(
    corpus: Path, tmp_path: Path, hostile: dict[Path, Hostile], store_settings: Settings
) -> None:
    """`ikg load` of a folder mixing both: the good ones load, each bad one is reported with its path and
    its problem, the exit code says something failed, and the store holds nothing of the bad ones."""
    folder = tmp_path / "batch"
    good = good_variants(corpus, folder / "good")
    bad = write_hostile(corpus, folder / "bad")
    env = {**os.environ, "IKG_STORE": store_settings.store, "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "api", "load", str(folder)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1, done.stderr
    reported = [line for line in done.stderr.splitlines() if line.startswith("failed: ")]
    assert len(reported) == len(bad), done.stderr
    for path, what in bad.items():
        lines = [line for line in reported if line.startswith(f"failed: {path}: ")]
        assert len(lines) == 1 and what.problem in lines[0], (path.name, done.stderr)
    assert "Traceback" not in done.stderr

    with store_settings.open_store(read_only=True) as store:
        _, rows = store.read("MATCH (d:Document) RETURN d.fileName AS f, d.sha256 AS s ORDER BY f")
        assert [row[0] for row in rows] == sorted(path.name for path in good)
        for path in good:
            expected = extract_file(path)
            _, found = store.read(
                "MATCH (f:Finding)-[:IN_DOCUMENT]->(d:Document {sha256: $sha}) RETURN f.text AS text",
                {"sha": expected.document.sha256},
            )
            assert sorted(r[0] for r in found) == sorted(f.text for f in expected.findings), path.name
            for text in SCRIPT_TEXT:
                assert not any(text in r[0] for r in found), text
    print(f"\n{len(good)} good and {len(bad)} bad files in one batch")
