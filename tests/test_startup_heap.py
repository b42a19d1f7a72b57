"""The long-lived processes leave their start-up objects out of garbage collection (api.startup_heap):
the server, each user-Cypher worker, `ikg load`, and each extraction worker after the first document
it finds claims in. What the freeze saves is measured in bench/ (docs/benchmarks.md, "Garbage
collection")."""

from __future__ import annotations

import gc
import os
import threading
from multiprocessing import Pipe
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api import cypher_worker
from api.app import create_app
from api.cli import app as cli
from api.settings import Settings
from ingest import extraction_pool


def test_the_server_freezes_once_started(embedded_settings: Settings) -> None:
    gc.unfreeze()
    with TestClient(create_app(embedded_settings)):
        assert gc.get_freeze_count() > 0


def test_a_cypher_worker_freezes_before_it_says_it_is_ready(embedded_settings: Settings) -> None:
    gc.unfreeze()
    ours, theirs = Pipe()
    worker = threading.Thread(target=cypher_worker.serve, args=(theirs, embedded_settings, os.getppid()))
    worker.start()
    try:
        assert ours.recv()[0] == "ready"
        assert gc.get_freeze_count() > 0
    finally:
        ours.close()
        worker.join(timeout=30)
    assert not worker.is_alive()


def test_ikg_load_freezes(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extraction_pool, "_models_frozen", True)  # the load's own freeze, not extraction's
    gc.unfreeze()
    seed = corpus / "seeds" / "sefton-2010-11-17-letter.txt"
    store = str(tmp_path / "graph")
    result = CliRunner().invoke(cli, ["load", str(seed), "--store", store, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() > 0


def test_an_extraction_worker_freezes_after_its_first_document_with_claims_only(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extraction_pool, "_models_frozen", False)
    seed = corpus / "seeds" / "sefton-2010-11-17-letter.txt"
    gc.unfreeze()
    empty = corpus / "seeds" / "missing.txt"
    assert isinstance(extraction_pool.extract_or_explain(empty, b""), str)
    assert gc.get_freeze_count() == 0  # a document it could not read: models not yet loaded
    extraction = extraction_pool.extract_or_explain(seed, seed.read_bytes())
    assert not isinstance(extraction, str) and extraction.findings
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
    extraction_pool.extract_or_explain(seed, seed.read_bytes())
    assert gc.get_freeze_count() == 0  # its models are frozen already; its documents are not kept
