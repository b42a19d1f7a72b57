"""The graph in an embedded LadybugDB database (the continuation of Kuzu), in a folder of its own."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import ladybug

from graph.schema import ladybug_schema, ladybug_type
from graph.store import GraphStore, StoreFull, StoreUnavailable, Tx
from ontology.vocabulary import PropertyDef

T = TypeVar("T")
# The database is one file; the store's path is the folder that holds it (and its write-ahead log).
DATABASE_FILE = "graph.lbug"
# The write-ahead log is folded into the database when it reaches this size. LadybugDB's default, 16 MB,
# makes a load checkpoint every few batches, and a checkpoint's cost grows with the database: at a few
# thousand documents most of a load's time went into COMMIT (see docs/benchmarks.md). Not larger: a
# 256 MB log with a 1 GB page cache crashed LadybugDB 0.22 in its checkpoint at 7,000 documents.
CHECKPOINT_BYTES = 64 * 2**20
# Room left on the store's disk before it stops writing: a checkpoint writes the log's pages into a
# shadow file and then the database, so twice the largest log, and a batch of documents besides.
DEFAULT_MIN_FREE_BYTES = 2 * CHECKPOINT_BYTES + 64 * 2**20


def _execute(
    connection: ladybug.Connection, cypher: str, params: Mapping[str, Any] | None = None
) -> ladybug.QueryResult:
    result = connection.execute(cypher, dict(params or {}))
    # A list comes back only for a text of several statements; every statement here is one.
    assert not isinstance(result, list), "one statement at a time"
    return result


class _LadybugTx:
    def __init__(self, connection: ladybug.Connection) -> None:
        self._connection = connection

    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        result = _execute(self._connection, cypher, params)
        columns = result.get_column_names()
        return [dict(zip(columns, row, strict=True)) for row in result.get_all()]


def to_native(value: Any) -> Any:
    """LadybugDB values as the Neo4j store gives them: TIMESTAMPs (UTC without a zone) made aware,
    nodes and relationships as their property dicts without the internal `_ID`, `_LABEL` ..."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    if isinstance(value, list):
        return [to_native(v) for v in value]
    if isinstance(value, dict):
        return {name: to_native(v) for name, v in value.items() if not name.startswith("_")}
    return value


class LadybugStore(GraphStore):
    kind = "embedded"

    def __init__(
        self,
        path: str | Path,
        read_only: bool = False,
        min_free_bytes: int = DEFAULT_MIN_FREE_BYTES,
        buffer_pool_bytes: int = 0,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.min_free_bytes = min_free_bytes
        if read_only and not (self.path / DATABASE_FILE).exists():
            raise StoreUnavailable(f"{self.path}: no graph here yet (run `ikg load` first)")
        if not read_only:
            try:
                self.path.mkdir(parents=True, exist_ok=True)  # LadybugDB does not create missing folders
            except OSError as error:
                raise StoreUnavailable(
                    f"{self.path}: cannot create the store's folder: {error.strerror}"
                ) from error
        try:
            self._database = ladybug.Database(
                str(self.path / DATABASE_FILE),
                read_only=read_only,
                buffer_pool_size=buffer_pool_bytes,
                checkpoint_threshold=CHECKPOINT_BYTES,
            )
        except RuntimeError as error:
            # Typically another process holds the database's write lock.
            raise StoreUnavailable(f"{self.path}: {error}") from error
        self._connection = ladybug.Connection(self._database)
        # One connection runs one statement at a time; an API serving threads shares this store.
        self._lock = threading.RLock()

    def ensure_schema(self) -> None:
        self._check_room()
        with self._lock:
            for statement in ladybug_schema():
                self._connection.execute(statement)
            # A connection that ran DDL keeps a stale catalogue for later statements: start afresh.
            self._connection.close()
            self._connection = ladybug.Connection(self._database)

    def _transaction(self, work: Callable[[Tx], T]) -> T:
        self._check_room()
        with self._lock:
            self._connection.execute("BEGIN TRANSACTION")
            try:
                outcome = work(_LadybugTx(self._connection))
            except BaseException:
                self._rollback()
                raise
            self._connection.execute("COMMIT")
            return outcome

    def _check_room(self) -> None:
        """Refuses to write while the disk is nearly full. LadybugDB cannot fail a write cleanly when the
        disk runs out: it aborts the process and leaves a write-ahead log it then refuses to open, with
        every document since the last checkpoint in it. Stopping while there is room keeps them."""
        free = shutil.disk_usage(self.path).free
        if free < self.min_free_bytes:
            raise StoreFull(
                f"{self.path}: the disk has {free / 2**20:,.0f} MB free, under the "
                f"{self.min_free_bytes / 2**20:,.0f} MB kept free (IKG_MIN_FREE_BYTES): nothing more is "
                "written; what is in the store stays whole"
            )

    def _rollback(self) -> None:
        # A failed statement already rolls the transaction back; after it there is none to end.
        try:
            self._connection.execute("ROLLBACK")
        except RuntimeError as error:
            if "No active transaction" not in str(error):
                raise

    def _set_clause(self, variable: str, field: str, properties: Sequence[PropertyDef]) -> str:
        # No `SET n += map` in LadybugDB, so one assignment per property. The CAST gives a column
        # whose values are all null in this batch (typed STRING by inference) the column's type.
        assignments = ", ".join(
            f"{variable}.{prop.name} = CAST({field}.{prop.name} AS {ladybug_type(prop)})"
            for prop in properties
        )
        return f"SET {assignments}"

    def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        with self._lock:
            result = _execute(self._connection, cypher, params)
            columns = result.get_column_names()
            return columns, [[to_native(value) for value in row] for row in result.get_all()]

    def read_untrusted(
        self, cypher: str, params: Mapping[str, Any], max_rows: int, timeout_s: float
    ) -> tuple[list[str], list[list[Any]], bool]:
        # User Cypher only ever meets a database opened read-only: the engine refuses every write.
        if not self.read_only:
            raise PermissionError("user Cypher runs only on a store opened read-only")
        with self._lock:
            self._connection.set_query_timeout(int(timeout_s * 1000))
            try:
                result = _execute(self._connection, cypher, params)
            except RuntimeError as error:
                raise ValueError(str(error)) from error
            finally:
                self._connection.set_query_timeout(0)
            columns = result.get_column_names()
            rows: list[list[Any]] = []
            while result.has_next() and len(rows) < max_rows:
                rows.append([to_native(value) for value in result.get_next()])
            return columns, rows, result.has_next()

    def close(self) -> None:
        with self._lock:
            self._connection.close()
            self._database.close()
