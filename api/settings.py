"""Configuration from the environment; the CLI options of the same names override it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

from graph.open_store import default_store, open_store
from graph.store import GraphStore
from loaders.read import DEFAULT_MAX_FILE_BYTES


@dataclass(frozen=True)
class Settings:
    # a path (embedded store) or a bolt://, neo4j://, neo4j+s:// URI
    store: str = field(default_factory=lambda: str(default_store()))
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    cypher_max_rows: int = 1000  # rows at most from POST /cypher and `ikg cypher`
    cypher_timeout_s: float = 10.0  # time limit of one such query
    cypher_max_bytes: int = 16 * 2**20  # the JSON of one answer to such a query, at most
    cypher_memory_bytes: int = 2**30  # resident memory of a worker running such a query, at most
    cypher_workers: int = 2  # worker processes answering such queries in parallel
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES  # larger documents are refused before being read
    max_request_bytes: int = 1_000_000  # larger HTTP request bodies are refused (413)
    api_key: str = ""  # when set, POST /cypher needs it (X-API-Key or Authorization: Bearer)
    min_free_bytes: int | None = None  # the embedded store stops writing under this free space
    buffer_pool_bytes: int | None = None  # the embedded store's page cache
    read_connections: int | None = None  # reads a read-only embedded store answers at once

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            store=os.environ.get("IKG_STORE") or str(default_store()),
            neo4j_user=os.environ.get("NEO4J_USER") or "neo4j",
            neo4j_password=os.environ.get("NEO4J_PASSWORD", ""),
            neo4j_database=os.environ.get("NEO4J_DATABASE") or "neo4j",
            cypher_max_rows=int(os.environ.get("IKG_CYPHER_MAX_ROWS") or 1000),
            cypher_timeout_s=float(os.environ.get("IKG_CYPHER_TIMEOUT") or 10.0),
            cypher_max_bytes=int(os.environ.get("IKG_CYPHER_MAX_BYTES") or 16 * 2**20),
            cypher_memory_bytes=int(os.environ.get("IKG_CYPHER_MEMORY") or 2**30),
            cypher_workers=int(os.environ.get("IKG_CYPHER_WORKERS") or 2),
            max_file_bytes=int(os.environ.get("IKG_MAX_FILE_BYTES") or DEFAULT_MAX_FILE_BYTES),
            max_request_bytes=int(os.environ.get("IKG_MAX_REQUEST_BYTES") or 1_000_000),
            api_key=os.environ.get("IKG_API_KEY", ""),
            min_free_bytes=_optional_int("IKG_MIN_FREE_BYTES"),
            buffer_pool_bytes=_optional_int("IKG_BUFFER_POOL_BYTES"),
            read_connections=_optional_int("IKG_READ_CONNECTIONS"),
        )

    def with_overrides(self, **values: Any) -> Settings:
        return replace(self, **{k: v for k, v in values.items() if v is not None})

    def open_store(self, read_only: bool) -> GraphStore:
        return open_store(
            self.store,
            self.neo4j_user,
            self.neo4j_password,
            self.neo4j_database,
            read_only,
            self.min_free_bytes,
            self.buffer_pool_bytes,
            self.read_connections,
        )


def _optional_int(name: str) -> int | None:
    value = os.environ.get(name)
    return int(value) if value else None
