"""The graph in an embedded LadybugDB database (the continuation of Kuzu), in a folder of its own."""

from __future__ import annotations

import queue
import re
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import ladybug

from graph.claim_index import ClaimIndex, IndexedClaim
from graph.claim_words import words
from graph.names import P, node_type
from graph.schema import ladybug_added_columns, ladybug_schema, ladybug_type
from graph.store import (
    GraphStore,
    StoreFull,
    StoreUnavailable,
    Tx,
    UntrustedFailed,
    UntrustedMemory,
    UntrustedRefused,
    UntrustedTimeout,
)
from graph.store_lock import StoreLock
from ontology import L, R
from ontology.vocabulary import PropertyDef

T = TypeVar("T")
# The database is one file; the store's path is the folder that holds it (and its write-ahead log).
DATABASE_FILE = "graph.lbug"
# The write-ahead log is folded into the database when it reaches this size. LadybugDB's default, 16 MB,
# makes a load checkpoint every few batches, and a checkpoint's cost grows with the database: at a few
# thousand documents most of a load's time went into COMMIT (see docs/benchmarks.md). Not larger: a
# 256 MB log with a 1 GB page cache crashed LadybugDB 0.22 in its checkpoint at 7,000 documents.
CHECKPOINT_BYTES = 64 * 2**20
# Connections of a store opened read-only, each lent to one reading thread at a time: LadybugDB runs
# read transactions side by side, so the API's threads do not wait behind one another's queries
# (docs/benchmarks.md, "API under 50 concurrent clients").
DEFAULT_READ_CONNECTIONS = 4
# Inspections whose claims are read from the graph into the claim index at a time.
INDEX_CHUNK = 200
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


def _untrusted_rows(result: ladybug.QueryResult) -> Iterator[list[Any]]:
    given = 0
    try:
        while result.has_next():
            row = [to_native(value) for value in result.get_next()]
            given += 1
            yield row
    except TypeError:
        # The Python driver cannot make a map whose keys are lists into a dict; Arrow gives such a
        # map's entries as (key, value) pairs. The rows already given are not given again.
        result.reset_iterator()
        rows = result.get_as_arrow(chunk_size=1000).to_pylist()
        for row in rows[given:]:
            yield [to_native(value) for value in row.values()]


# Physical operators of reading queries in LadybugDB's plans (EXPLAIN), and the table functions they
# may call: anything else (COPY_TO, LOAD_EXTENSION, ATTACH_DATABASE, READ_CSV ...) is refused.
READ_OPERATORS = frozenset(
    {
        "AGGREGATE", "AGGREGATE_FINALIZE", "AGGREGATE_SCAN", "COUNT_REL_TABLE", "CROSS_PRODUCT",
        "DUMMY_SINK", "DUMMY_SIMPLE_SINK", "EMPTY_RESULT", "FILTER", "FLATTEN", "HASH_JOIN_BUILD",
        "HASH_JOIN_PROBE", "INTERSECT", "INTERSECT_BUILD", "LIMIT", "MULTIPLICITY_REDUCER",
        "ORDER_BY", "ORDER_BY_MERGE", "ORDER_BY_SCAN", "PATH_PROPERTY_PROBE",
        "PRIMARY_KEY_SCAN_NODE_TABLE", "PROJECTION", "QUERY_PRIMARY_KEY_LOOKUP", "RECURSIVE_EXTEND",
        "RESULT_COLLECTOR", "SCAN_NODE_TABLE", "SCAN_REL_TABLE", "SEMI_MASKER", "SKIP",
        "TABLE_FUNCTION_CALL", "TOP_K", "TOP_K_SCAN", "UNION_ALL_SCAN", "UNWIND",
    }
)  # fmt: skip
READ_TABLE_FUNCTIONS = frozenset({"READ_FTABLE", "SHOW_TABLES", "TABLE_INFO"})
_PLAN_OPERATOR = re.compile(r"│\s*([A-Z][A-Z_]+)\[\d+\]\s*│")
_PLAN_TABLE_FUNCTION = re.compile(r"Function: ([A-Z_]+)")


EXPLAIN = "EXPLAIN "
_OFFSET = re.compile(r"\(line: (\d+), offset: (\d+)\)")


def _without_explain(message: str, cypher: str) -> str:
    """An engine error about `EXPLAIN <query>` as one about the query: its text, offset and caret."""
    message = message.replace(f'"{EXPLAIN}{cypher}"', f'"{cypher}"')
    message = _OFFSET.sub(
        lambda m: f"(line: {m[1]}, offset: {max(0, int(m[2]) - len(EXPLAIN)) if m[1] == '1' else m[2]})",
        message,
    )
    lines = message.split("\n")
    if lines and lines[-1].strip() == "^" and lines[-1].startswith(" " * len(EXPLAIN)):
        lines[-1] = lines[-1][len(EXPLAIN) :]
    return "\n".join(lines)


# Values that come back as they are: most of an answer's, so they are told apart by one lookup.
_AS_IS = frozenset({str, int, float, bool, type(None), date})


def to_native(value: Any) -> Any:
    """LadybugDB values as the Neo4j store gives them: TIMESTAMPs (UTC without a zone) made aware,
    nodes and relationships as their property dicts without the internal `_ID`, `_LABEL` ..., paths
    as their nodes and relationships."""
    if type(value) in _AS_IS:
        return value
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    if isinstance(value, list):
        return [to_native(v) for v in value]
    if isinstance(value, tuple):  # a map entry read through Arrow
        return [to_native(v) for v in value]
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            return {"nodes": to_native(value["_NODES"]), "relationships": to_native(value["_RELS"])}
        if "_LABEL" in value:
            # A node or relationship: its properties, without the engine's own fields, and without
            # the nulls of other tables' columns that a node of no given label carries.
            return {
                name: to_native(v) for name, v in value.items() if not name.startswith("_") and v is not None
            }
        return {name: to_native(v) for name, v in value.items()}
    return value


class LadybugStore(GraphStore):
    kind = "embedded"

    def __init__(
        self,
        path: str | Path,
        read_only: bool = False,
        min_free_bytes: int = DEFAULT_MIN_FREE_BYTES,
        buffer_pool_bytes: int = 0,
        read_connections: int = DEFAULT_READ_CONNECTIONS,
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
        self._store_lock = StoreLock(self.path, exclusive=not read_only)
        try:
            self._database = self._open_database(buffer_pool_bytes)
        except BaseException:
            self._store_lock.release()
            raise
        self._connection = ladybug.Connection(self._database)
        # One connection runs one statement at a time: a writer's, and user Cypher's (which sets its
        # time limit on it), are taken under this lock; reads of a read-only store take `_readers`.
        self._lock = threading.RLock()
        self._readers: queue.LifoQueue[ladybug.Connection] = queue.LifoQueue()
        self._reader_count = max(1, read_connections) if read_only else 0
        for _ in range(self._reader_count):
            self._readers.put(ladybug.Connection(self._database))
        # Brought up to date with the graph by a writer's ensure_schema.
        self._claims = ClaimIndex(self.path, read_only)
        self._counted: dict[str, int] | None = None

    def _open_database(self, buffer_pool_bytes: int) -> ladybug.Database:
        def database(read_only: bool) -> ladybug.Database:
            return ladybug.Database(
                str(self.path / DATABASE_FILE),
                read_only=read_only,
                buffer_pool_size=buffer_pool_bytes,
                checkpoint_threshold=CHECKPOINT_BYTES,
            )

        try:
            return database(self.read_only)
        except RuntimeError as error:
            if not (self.read_only and "recovery is pending" in str(error)):
                raise StoreUnavailable(f"{self.path}: {error}") from error
        # A checkpoint was cut short (a killed load): only a read-write open completes it, and only a
        # process that has the store to itself may do that.
        if not self._store_lock.upgrade():
            raise StoreUnavailable(
                f"{self.path}: an interrupted checkpoint must be completed, which needs the store to "
                "itself: stop the other processes using it, then run this again"
            )
        try:
            database(read_only=False).close()
        except RuntimeError as error:
            raise StoreUnavailable(
                f"{self.path}: recovering an interrupted checkpoint failed: {error}"
            ) from error
        finally:
            self._store_lock.downgrade()
        return database(read_only=True)

    def counts(self) -> dict[str, int]:
        # Opened read-only, the store holds its lock against every writer, so the graph cannot change
        # while it is open: a server counts it once, not on every poll of /health.
        if not self.read_only:
            return super().counts()
        if self._counted is None:
            self._counted = super().counts()
        return dict(self._counted)

    def ensure_schema(self) -> None:
        self._check_room()
        with self._lock:
            for statement in ladybug_schema():
                self._connection.execute(statement)
            for statement in ladybug_added_columns(self._columns()):
                self._connection.execute(statement)
            # A connection that ran DDL keeps a stale catalogue for later statements: start afresh.
            self._connection.close()
            self._connection = ladybug.Connection(self._database)
            self._catch_up_claims()

    def _columns(self) -> dict[str, set[str]]:
        """Each table's columns, as the store has them."""
        tables = _execute(self._connection, "CALL show_tables() RETURN name").get_all()
        return {
            str(table): {
                str(column)
                for (column,) in _execute(
                    self._connection, f"CALL table_info('{table}') RETURN name"
                ).get_all()
            }
            for (table,) in tables
        }

    def _catch_up_claims(self) -> None:
        """The claim index as the graph is: the inspections a writer left pending re-read, and the
        whole index rebuilt if it is new, incomplete or holds another number of claims than the
        graph (a store written before the index existed, or by the bulk path)."""
        pending = self._claims.pending()
        if pending:
            self._sync_claims(pending)
        _, rows = self.read(f"MATCH (f:{L.Finding}) RETURN count(f)")
        if not self._claims.usable or self._claims.count() != rows[0][0]:
            _, inspections = self.read(f"MATCH (i:{L.Inspection}) RETURN i.{node_type(L.Inspection).key}")
            ids = sorted(row[0] for row in inspections)
            chunks = (ids[i : i + INDEX_CHUNK] for i in range(0, len(ids), INDEX_CHUNK))
            self._claims.rebuild(self._indexed_claims(chunk) for chunk in chunks)

    def _sync_claims(self, inspections: list[str]) -> None:
        for i in range(0, len(inspections), INDEX_CHUNK):
            chunk = inspections[i : i + INDEX_CHUNK]
            self._claims.replace(chunk, self._indexed_claims(chunk))

    def _indexed_claims(self, inspections: list[str]) -> list[IndexedClaim]:
        """The claims of the inspections, as the graph has them, for the claim index."""
        _, rows = self.read(
            f"UNWIND $ids AS id MATCH (a:{L.Authority})<-[:{R.OF_AUTHORITY}]-"
            f"(i:{L.Inspection} {{{node_type(L.Inspection).key}: id}})-[:{R.HAS_FINDING}]->(f:{L.Finding}) "
            f"RETURN id, i.{P.startDate}, a.{node_type(L.Authority).key}, f.{node_type(L.Finding).key}, "
            f"f.{P.text}, f.{P.polarity}",
            {"ids": inspections},
        )
        return [IndexedClaim(*row) for row in rows]

    def search_claims(self, text: str, authority: str, polarity: str, limit: int) -> list[str]:
        """From the claim index beside the graph (`graph.claim_index`); from the graph itself while
        the index is missing or a writer left it behind (a store opened read-only cannot repair it)."""
        with self._lock:
            if not self._claims.usable:
                return super().search_claims(text, authority, polarity, limit)
            codes = None
            if authority:
                key = node_type(L.Authority).key
                _, rows = self.read(
                    f"MATCH (a:{L.Authority}) WHERE a.{key} = $a OR lower(a.{P.name}) = lower($a) "
                    f"RETURN a.{key}",
                    {"a": authority},
                )
                codes = [row[0] for row in rows]
            return self._claims.search(words(text), codes, polarity, limit)

    def _transaction(self, work: Callable[[Tx], T], claims_of: set[str] | None = None) -> T:
        self._check_room()
        with self._lock:
            self._connection.execute("BEGIN TRANSACTION")
            try:
                outcome = work(_LadybugTx(self._connection))
                if claims_of:
                    # Recorded before the graph commits: a process that dies after the commit leaves
                    # the record for the next writer (graph.claim_index).
                    self._claims.mark(claims_of)
            except BaseException:
                self._rollback()
                raise
            try:
                self._connection.execute("COMMIT")
            finally:
                if claims_of:
                    self._sync_claims(sorted(claims_of))
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

    @contextmanager
    def _reading(self) -> Iterator[ladybug.Connection]:
        """A connection for one read: one of the read-only store's own, or the writer's."""
        if not self.read_only:
            with self._lock:
                yield self._connection
            return
        connection = self._readers.get()
        try:
            yield connection
        finally:
            self._readers.put(connection)

    def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        with self._reading() as connection:
            result = _execute(connection, cypher, params)
            columns = result.get_column_names()
            return columns, [[to_native(value) for value in row] for row in result.get_all()]

    def read_untrusted(
        self,
        cypher: str,
        params: Mapping[str, Any],
        timeout_s: float,
        consume: Callable[[list[str], Iterator[list[Any]]], T],
    ) -> T:
        # User Cypher only ever meets a database opened read-only: the engine refuses every write.
        if not self.read_only:
            raise PermissionError("user Cypher runs only on a store opened read-only")
        with self._lock:
            self._connection.set_query_timeout(max(1, int(timeout_s * 1000)))
            try:
                self._confirm_reads_only(cypher, params)
                result = _execute(self._connection, cypher, params)
            except RuntimeError as error:
                if str(error).strip().rstrip(".") == "Interrupted":
                    raise UntrustedTimeout(str(error)) from error
                if str(error).startswith("Buffer manager exception"):
                    raise UntrustedMemory(str(error)) from error
                raise UntrustedFailed(str(error)) from error
            finally:
                self._connection.set_query_timeout(0)
            return consume(result.get_column_names(), _untrusted_rows(result))

    def _confirm_reads_only(self, cypher: str, params: Mapping[str, Any]) -> None:
        """The engine's own plan of the query, checked against the operators of reading queries."""
        try:
            explained = _execute(self._connection, EXPLAIN + cypher, params).get_next()
        except RuntimeError as error:
            raise RuntimeError(_without_explain(str(error), cypher)) from error
        plan = str(explained[0])  # type: ignore[index]  # a row is a list unless asked for dicts
        operators = set(_PLAN_OPERATOR.findall(plan))
        functions = set(_PLAN_TABLE_FUNCTION.findall(plan))
        if not operators:
            raise UntrustedRefused("LadybugDB's plan of the query could not be read")
        unknown = sorted((operators - READ_OPERATORS) | (functions - READ_TABLE_FUNCTIONS))
        if unknown:
            raise UntrustedRefused(
                f"LadybugDB plans the query with {', '.join(unknown)}, which reading queries do not use"
            )

    def close(self) -> None:
        with self._lock:
            for _ in range(self._reader_count):
                self._readers.get().close()  # waits for the reads still running
            self._claims.close()
            self._connection.close()
            self._database.close()
            self._store_lock.release()
