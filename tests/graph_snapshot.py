"""What a loaded graph holds, to compare two loads, and the check that only whole documents are there."""

from __future__ import annotations

from typing import Any

from graph.store import GraphStore


def snapshot(store: GraphStore) -> dict[str, Any]:
    """Counts per label and type, and each document's finding ids."""
    _, rows = store.read(
        "MATCH (f:Finding)-[:IN_DOCUMENT]->(d:Document) RETURN d.sha256 AS sha, f.id AS finding"
    )
    findings: dict[str, set[str]] = {}
    for sha, finding in rows:
        findings.setdefault(sha, set()).add(finding)
    _, docs = store.read("MATCH (d:Document) RETURN d.sha256 AS sha")
    for (sha,) in docs:
        findings.setdefault(sha, set())
    return {"counts": store.counts(), "findings": findings}


def assert_whole_documents(store: GraphStore, reference: dict[str, Any]) -> int:
    """Every document present has all its findings and its inspection; nothing is there without its
    document. Returns how many documents are present."""
    now = snapshot(store)
    for sha, findings in now["findings"].items():
        assert findings == reference["findings"][sha], f"document {sha} is not whole"
    assert now["counts"]["Finding"] == sum(len(f) for f in now["findings"].values())
    _, rows = store.read("MATCH (i:Inspection)-[:REPORTED_IN]->(d:Document) RETURN count(DISTINCT d) AS n")
    assert rows[0][0] == len(now["findings"]), "a document without its inspection"
    _, rows = store.read("MATCH (i:Inspection) RETURN count(i) AS n")
    _, reported = store.read("MATCH (i:Inspection)-[:REPORTED_IN]->() RETURN count(DISTINCT i) AS n")
    assert rows == reported, "an inspection without a document"
    return len(now["findings"])
