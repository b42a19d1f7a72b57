"""Empty a store between tests, in batches: one transaction deleting a whole loaded corpus needs
more than the test server's per-transaction memory (db.memory.transaction.max)."""

from __future__ import annotations

from graph.store import GraphStore

BATCH = 5000


def wipe(store: GraphStore) -> None:
    while store.read("MATCH (n) RETURN count(n) AS n")[1][0][0]:
        store.write([(f"MATCH (n) WITH n LIMIT {BATCH} DETACH DELETE n", {})])
