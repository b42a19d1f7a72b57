"""A write the Neo4j server refuses for its memory limit (a transaction larger than
db.memory.transaction.max, which no retry cures) is one clear error, with nothing of it written: what
`ikg load` reports in one line, keeping the documents written before; a load whose batch of documents
is too large for one transaction writes it in smaller ones."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from neo4j import ManagedTransaction

from graph.neo4j_store import Neo4jStore, _too_large_at_once
from graph.store import StoreUnavailable, TransactionTooLarge, Tx
from ingest.pipeline import load_paths

# Far more than the test server's 128 MiB per transaction (scripts/neo4j-local's default).
TOO_MANY = 40_000_000


def test_a_write_over_the_memory_limit_is_refused_whole_in_one_line(neo4j_store: Neo4jStore) -> None:
    statement = "UNWIND range(1, $n) AS n WITH collect(n) AS ns CREATE (:Scratch {n: size(ns)})"
    with pytest.raises(StoreUnavailable, match="db.memory.transaction.max") as refused:
        neo4j_store.write([("CREATE (:Scratch {n: 0})", {}), (statement, {"n": TOO_MANY})])
    assert str(refused.value).startswith(f"Neo4j at {neo4j_store.uri}: ") and "\n" not in str(refused.value)
    assert neo4j_store.read("MATCH (s:Scratch) RETURN count(s)")[1] == [[0]]


def test_a_read_over_the_memory_limit_is_one_clear_error(neo4j_store: Neo4jStore) -> None:
    """What a canned query asking for more than the server lets a transaction hold gives: the API
    answers it 503 with this message, `ikg query` prints it in one line."""
    statement = "UNWIND range(1, $n) AS n WITH collect(n) AS ns RETURN size(ns) AS n"
    with pytest.raises(StoreUnavailable, match="db.memory.transaction.max") as refused:
        neo4j_store.read(statement, {"n": TOO_MANY})
    assert str(refused.value).startswith(f"Neo4j at {neo4j_store.uri}: ") and "\n" not in str(refused.value)


def test_a_transaction_over_its_own_memory_limit_is_tried_once(neo4j_store: Neo4jStore) -> None:
    """The driver retries a transient error for WRITE_RETRY_S (READ_ONLY_RETRY_S reading); this one
    recurs every time, so it is raised at the first refusal."""
    statement = "UNWIND range(1, $n) AS n WITH collect(n) AS ns RETURN size(ns) AS n"
    attempts: list[str] = []

    def write(tx: Tx) -> None:
        attempts.append("write")
        tx.run(statement, {"n": TOO_MANY})

    def read(tx: ManagedTransaction) -> None:
        attempts.append("read")
        tx.run(statement, {"n": TOO_MANY}).consume()

    with pytest.raises(TransactionTooLarge):
        neo4j_store._transaction(write)
    with pytest.raises(TransactionTooLarge), neo4j_store._session() as session:
        session.execute_read(_too_large_at_once(neo4j_store.uri, read))
    assert attempts == ["write", "read"]


def test_a_batch_too_large_for_one_transaction_is_written_in_halves(
    neo4j_store: Neo4jStore, corpus: Path
) -> None:
    # All the PDFs of the shared corpus in one batch need more than the server's 128 MiB per
    # transaction: the load writes them in halves, each document whole, and loses none.
    summary = load_paths(neo4j_store, [corpus / "pdf"], workers=2, documents_per_transaction=64)
    outcomes = Counter(outcome.status for outcome in summary.outcomes)
    assert outcomes == {"loaded": 48}
    assert neo4j_store.read("MATCH (d:Document) RETURN count(d)")[1] == [[48]]
