"""Configuration from the environment; the CLI options of the same names override it."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from graph.open_store import default_store, open_store
from graph.store import GraphStore
from loaders.read import DEFAULT_MAX_FILE_BYTES

N = TypeVar("N", int, float)


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
        """The settings the environment gives; a value that is not a number where one is needed, or
        is below the least that works, raises SettingError naming the variable and the value."""
        return cls(
            store=os.environ.get("IKG_STORE") or str(default_store()),
            neo4j_user=os.environ.get("NEO4J_USER") or "neo4j",
            neo4j_password=os.environ.get("NEO4J_PASSWORD", ""),
            neo4j_database=os.environ.get("NEO4J_DATABASE") or "neo4j",
            cypher_max_rows=_int("IKG_CYPHER_MAX_ROWS", 1) or 1000,
            cypher_timeout_s=_seconds("IKG_CYPHER_TIMEOUT") or 10.0,
            cypher_max_bytes=_int("IKG_CYPHER_MAX_BYTES", 1) or 16 * 2**20,
            cypher_memory_bytes=_int("IKG_CYPHER_MEMORY", 1) or 2**30,
            cypher_workers=_int("IKG_CYPHER_WORKERS", 1) or 2,
            max_file_bytes=_int("IKG_MAX_FILE_BYTES", 1) or DEFAULT_MAX_FILE_BYTES,
            max_request_bytes=_int("IKG_MAX_REQUEST_BYTES", 1) or 1_000_000,
            api_key=os.environ.get("IKG_API_KEY", ""),
            min_free_bytes=_int("IKG_MIN_FREE_BYTES", 0),
            buffer_pool_bytes=_int("IKG_BUFFER_POOL_BYTES", 0),
            read_connections=_int("IKG_READ_CONNECTIONS", 1),
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


class SettingError(ValueError):
    """An environment variable whose value cannot be used; the message names both."""


def _int(name: str, least: int) -> int | None:
    """The whole number the variable holds (None when it is unset or empty)."""
    number = _parsed(name, int, "a whole number")
    if number is not None and number < least:
        raise SettingError(f"{name}={os.environ[name]!r}: must be at least {least}")
    return number


def _seconds(name: str) -> float | None:
    """The positive number of seconds the variable holds (None when it is unset or empty)."""
    seconds = _parsed(name, float, "a number of seconds")
    if seconds is not None and not seconds > 0:  # also refuses nan
        raise SettingError(f"{name}={os.environ[name]!r}: must be more than 0 seconds")
    return seconds


def _parsed(name: str, parse: Callable[[str], N], what: str) -> N | None:
    value = os.environ.get(name)
    if not value:
        return None
    try:
        return parse(value)
    except ValueError:
        raise SettingError(f"{name}={value!r}: not {what}") from None
