"""Shared fixtures of the API tests: the seeds loaded into an embedded store and into Neo4j, and apps
over them; a pytest plugin, registered in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from ingest.pipeline import load_paths

SOLIHULL = "E08000029"
SOLIHULL_2011 = "E08000029-unannounced-contact-referral-assessment-2011-04-13"


def load_seeds(settings: Settings, corpus: Path) -> None:
    """The five seeds into the store (idempotent: unchanged documents are skipped)."""
    store = settings.open_store(read_only=False)
    try:
        summary = load_paths(store, [corpus / "seeds"])
        assert not summary.failures, summary.failures
    finally:
        store.close()


def neo4j_settings(neo4j_uri: Any, **overrides: Any) -> Settings:
    return Settings(
        store=neo4j_uri.uri,
        neo4j_user=neo4j_uri.user or "neo4j",
        neo4j_password=neo4j_uri.password or "",
        neo4j_database=neo4j_uri.database or "neo4j",
        **overrides,
    )


@pytest.fixture(scope="module")
def embedded_settings(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """An embedded store (in a module-scoped temp dir) holding the seeds, closed again."""
    settings = Settings(store=str(tmp_path_factory.mktemp("api-graph") / "graph"))
    load_seeds(settings, corpus)
    return settings


@pytest.fixture(scope="module")
def seeded_neo4j_settings(corpus: Path, neo4j_uri: Any) -> Settings:
    """The session's Neo4j with the seeds loaded (nothing wiped: other modules share the server)."""
    settings = neo4j_settings(neo4j_uri)
    load_seeds(settings, corpus)
    return settings


@pytest.fixture(scope="module")
def embedded_client(embedded_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(embedded_settings)) as client:
        yield client
