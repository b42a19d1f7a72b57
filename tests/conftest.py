"""Shared fixtures: where the shared corpus is, and a real Neo4j server for the tests that need one."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# A real Neo4j 5 for the tests that need one (tests/neo4j_server.py), empty stores of both kinds
# (tests/store_fixtures.py), the seeds loaded for the API tests (tests/api_fixtures.py), and headless
# Chromium (tests/chromium.py).
pytest_plugins = ["neo4j_server", "store_fixtures", "api_fixtures", "chromium"]

ROOT = Path(__file__).resolve().parent.parent
# The shared corpus sits beside the repository; IKG_CORPUS points elsewhere.
CORPUS = Path(os.environ.get("IKG_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "seeds").is_dir():
        pytest.fail(f"the shared corpus is not at {CORPUS}; set IKG_CORPUS")
    return CORPUS


@pytest.fixture(autouse=True)
def unfrozen_heap() -> Iterator[None]:
    """The server and `ikg load` freeze their start-up objects (api.startup_heap); the test process
    runs many of them, and what one froze must stay collectable by the tests after it."""
    yield
    gc.unfreeze()
