"""The graph in a Neo4j server, over Bolt with the official driver."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction, Session
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired, TransientError
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime, Duration, Time

from graph.claim_words import letter_phrase, pattern, words
from graph.names import P
from graph.neo4j_search import newest_first, newest_first_is_cheaper
from graph.schema import CLAIM_WORDS_INDEX, neo4j_schema
from graph.store import (
    GraphStore,
    StoreUnavailable,
    TransactionTooLarge,
    Tx,
    UntrustedFailed,
    UntrustedMemory,
    UntrustedRefused,
    UntrustedTimeout,
)
from ontology import L, R
from ontology.vocabulary import PropertyDef

T = TypeVar("T")
Work = TypeVar("Work")  # a transaction, as the driver or this store gives it
# How long a transaction is retried while the server is out of reach before StoreUnavailable: an API
# answers 503 within seconds; a load rides out a short restart.
READ_ONLY_RETRY_S = 3.0
WRITE_RETRY_S = 15.0
CONNECT_TIMEOUT_S = 5.0
_QUERY_TYPES = {"rw": "reading and writing", "w": "writing", "s": "a schema command"}


@contextmanager
def _reachable(uri: str) -> Iterator[None]:
    """Driver errors that mean the server is out of reach, as StoreUnavailable."""
    try:
        yield
    except (ServiceUnavailable, SessionExpired) as error:
        # The driver's message runs over several lines; a user is told in one.
        raise StoreUnavailable(f"Neo4j at {uri}: {' '.join(str(error).split())}") from error


# What the server says of a transaction over db.memory.transaction.max (or .total.max).
_OUT_OF_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
_OWN_LIMIT = "db.memory.transaction.max"  # named in the refusal of one transaction over its own limit


def _too_large(uri: str, error: TransientError) -> TransactionTooLarge:
    return TransactionTooLarge(f"Neo4j at {uri}: {error.message or error}")


@contextmanager
def _managed(uri: str) -> Iterator[None]:
    """A managed transaction refused for good: over its own memory limit (at once,
    `_too_large_at_once`), or still refused after the driver's retries (READ_ONLY_RETRY_S or
    WRITE_RETRY_S), as one that finds the memory of all transactions taken by others: rolled back
    whole, as StoreUnavailable with the server's one-line reason."""
    try:
        yield
    except TransientError as error:
        if error.code == _OUT_OF_MEMORY:
            raise _too_large(uri, error) from error
        raise StoreUnavailable(f"Neo4j at {uri}: {error.message or error}") from error


def _too_large_at_once(uri: str, work: Callable[[Work], T]) -> Callable[[Work], T]:
    """The work, with the server's refusal of a transaction over its own memory limit raised at once:
    the driver retries it as a transient error for READ_ONLY_RETRY_S or WRITE_RETRY_S, and the same
    transaction is refused every time. A refusal for the memory of all transactions together, which
    others may free, is retried as before."""

    def once(tx: Work) -> T:
        try:
            return work(tx)
        except TransientError as error:
            if error.code == _OUT_OF_MEMORY and _OWN_LIMIT in (error.message or ""):
                raise _too_large(uri, error) from error
            raise

    return once


class _Neo4jTx:
    def __init__(self, tx: ManagedTransaction) -> None:
        self._tx = tx

    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._tx.run(cypher, dict(params or {})).data()


def to_native(value: Any) -> Any:
    """Driver values as plain Python: temporal types to datetime's, graph objects to property dicts."""
    if isinstance(value, (Date, DateTime, Time)):
        return value.to_native()
    if isinstance(value, Duration):
        return str(value)  # ISO 8601, as P1Y2M3DT4S
    if isinstance(value, (Node, Relationship)):
        return {name: to_native(v) for name, v in value.items()}
    if isinstance(value, Path):
        return {"nodes": to_native(list(value.nodes)), "relationships": to_native(list(value.relationships))}
    if isinstance(value, list):
        return [to_native(v) for v in value]
    if isinstance(value, dict):
        return {name: to_native(v) for name, v in value.items()}
    return value


class Neo4jStore(GraphStore):
    """`uri` is any Bolt URI the driver takes (`bolt://`, `neo4j://`, `neo4j+s://` ...); without a
    password the server is assumed to run without authentication. A read-only store runs every
    transaction in READ access mode, which the server enforces."""

    kind = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        read_only: bool = False,
    ) -> None:
        self.uri = uri
        self.read_only = read_only
        auth = (user or "neo4j", password) if password else None
        self._driver: Driver = GraphDatabase.driver(
            uri,
            auth=auth,
            connection_timeout=CONNECT_TIMEOUT_S,
            max_transaction_retry_time=READ_ONLY_RETRY_S if read_only else WRITE_RETRY_S,
            # The store's own statements name labels, types and keys a new graph has not got yet; the
            # server's notices about them would be printed to a user's terminal as warnings.
            notifications_min_severity="OFF",
        )
        self._database = database or None

    def _session(self) -> Session:
        if self.read_only:
            return self._driver.session(database=self._database, default_access_mode=READ_ACCESS)
        return self._driver.session(database=self._database)

    def ensure_schema(self) -> None:
        # Schema commands cannot share a transaction with writes: each runs in its own.
        with _reachable(self.uri), self._session() as session:
            for statement in neo4j_schema():
                session.run(statement).consume()

    def _transaction(self, work: Callable[[Tx], T], claims_of: set[str] | None = None) -> T:
        # The full-text index of claims is the server's, written in the same transaction as the graph.
        # A managed transaction: retried as a whole on transient errors (deadlocks, leader changes).
        with _reachable(self.uri), _managed(self.uri), self._session() as session:
            return session.execute_write(_too_large_at_once(self.uri, lambda tx: work(_Neo4jTx(tx))))

    def _set_clause(self, variable: str, field: str, properties: Sequence[PropertyDef]) -> str:
        return f"SET {variable} += {field}"

    def search_claims(self, text: str, authority: str, polarity: str, limit: int) -> list[str]:
        """The server's full-text index (Lucene's simple analyzer: runs of letters) finds the claims
        that contain the words' letters as a phrase, which the words' pattern then narrows to the
        claims that contain the words themselves; for words so frequent that reading the claims
        newest first until the limit reads less, that (`graph.neo4j_search`)."""
        search = words(text)
        letters = letter_phrase(search)
        if not letters:  # no words, or numbers only: nothing the index can look up
            return super().search_claims(text, authority, polarity, limit)
        phrase = '"' + " ".join(letters) + '"'
        # The index's count stands for the matches only when its phrase is the words (no digits).
        exact = letters == search
        if (
            exact
            and not polarity
            and newest_first_is_cheaper(self._rows, CLAIM_WORDS_INDEX, phrase, authority, limit)
        ):
            return newest_first(self._rows, pattern(search), authority, limit)
        return self._claim_ids(
            f"CALL db.index.fulltext.queryNodes($index, $phrase) YIELD node AS f "
            f"MATCH (i:{L.Inspection})-[:{R.HAS_FINDING}]->(f) WHERE lower(f.{P.text}) =~ $pattern",
            {"index": CLAIM_WORDS_INDEX, "phrase": phrase, "pattern": pattern(search)},
            authority,
            polarity,
            limit,
        )

    def _rows(self, cypher: str, params: Mapping[str, Any]) -> list[list[Any]]:
        return self.read(cypher, params)[1]

    def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        def work(tx: ManagedTransaction) -> tuple[list[str], list[list[Any]]]:
            result = tx.run(cypher, dict(params or {}))
            columns = list(result.keys())
            return columns, [[to_native(value) for value in record.values()] for record in result]

        with _reachable(self.uri), _managed(self.uri), self._session() as session:
            return session.execute_read(_too_large_at_once(self.uri, work))

    def read_untrusted(
        self,
        cypher: str,
        params: Mapping[str, Any],
        timeout_s: float,
        consume: Callable[[list[str], Iterator[list[Any]]], T],
    ) -> T:
        # One explicit transaction in READ access mode, which the server enforces; not a managed one,
        # which would retry a query that hit a memory limit (a transient error) again and again.
        try:
            with (
                _reachable(self.uri),
                self._driver.session(database=self._database, default_access_mode=READ_ACCESS) as session,
                session.begin_transaction(timeout=timeout_s) as tx,  # ended by the server at timeout_s
            ):
                # The server's own reading of the query: 'r' is a read-only query; 'rw', 'w' and 's'
                # (schema) are refused before it runs.
                kind = tx.run("EXPLAIN " + cypher, dict(params)).consume().query_type
                if kind != "r":
                    raise UntrustedRefused(
                        f"Neo4j classifies the query as {_QUERY_TYPES.get(str(kind), kind)}"
                    )
                result = tx.run(cypher, dict(params))
                rows = ([to_native(value) for value in record.values()] for record in result)
                return consume(list(result.keys()), rows)
        except Neo4jError as error:
            if error.code and "TransactionTimedOut" in error.code:
                raise UntrustedTimeout(error.message or str(error)) from error
            if error.code == _OUT_OF_MEMORY:
                raise UntrustedMemory(error.message or str(error)) from error
            raise UntrustedFailed(error.message or str(error)) from error

    def close(self) -> None:
        self._driver.close()
