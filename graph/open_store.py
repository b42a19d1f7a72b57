"""Choosing a store from the `IKG_STORE` setting: a Bolt URI means Neo4j, anything else is a path."""

from __future__ import annotations

import os
import re
from pathlib import Path

from graph.store import GraphStore


def default_store() -> Path:
    """Where the embedded store lives unless IKG_STORE says otherwise: the same folder from wherever a
    command runs, $XDG_DATA_HOME/inspection-kg/graph (~/.local/share/inspection-kg/graph)."""
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "inspection-kg" / "graph"


NEO4J_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
_URI = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def open_store(
    setting: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    read_only: bool = False,
    min_free_bytes: int | None = None,
    buffer_pool_bytes: int | None = None,
    read_connections: int | None = None,
) -> GraphStore:
    """A Neo4j store for a Bolt URI, else an embedded LadybugDB store in the folder `setting` names
    (which writes only while its disk has `min_free_bytes` free, and caches at most `buffer_pool_bytes`
    of pages, or LadybugDB's default of 80% of the memory; opened read-only, it answers
    `read_connections` reads at once)."""
    setting = setting or str(default_store())
    uri = _URI.match(setting)
    if uri:
        if uri.group(1).lower() not in NEO4J_SCHEMES:
            raise ValueError(
                f"IKG_STORE: {uri.group(1)}:// is not a Neo4j URI scheme ({sorted(NEO4J_SCHEMES)})"
            )
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(setting, user, password, database, read_only=read_only)
    from graph.ladybug_store import DEFAULT_MIN_FREE_BYTES, DEFAULT_READ_CONNECTIONS, LadybugStore

    return LadybugStore(
        Path(setting).expanduser().absolute(),  # messages name the folder wherever the command ran
        read_only=read_only,
        min_free_bytes=DEFAULT_MIN_FREE_BYTES if min_free_bytes is None else min_free_bytes,
        buffer_pool_bytes=buffer_pool_bytes or 0,  # 0: LadybugDB's own default
        read_connections=read_connections or DEFAULT_READ_CONNECTIONS,
    )
