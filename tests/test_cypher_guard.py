"""The check on user Cypher refuses writes and escapes, with a reason, and lets reading through."""

from __future__ import annotations

import pytest

from api.cypher_guard import MAX_QUERY_LENGTH, CypherRefused, check_read_only

REFUSED = [
    ("CREATE (n:Authority {code: 'x'})", "writes"),
    ("MATCH (n) DETACH DELETE n", "writes"),
    ("MATCH (n:Authority) SET n.name = 'x'", "writes"),
    ("MERGE (n:Theme {id: 'x'})", "writes"),
    ("MATCH (n) REMOVE n.name", "writes"),
    ("DROP CONSTRAINT authority_code", "writes"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD"),
    ("load csv from 'http://example.org/x.csv' as l return l", "LOAD"),
    ("LOAD FROM '/etc/passwd' RETURN *", "LOAD"),
    ("COPY Authority FROM '/tmp/x.csv'", "files"),
    ("CALL apoc.load.json('file:///etc/passwd')", "procedure"),
    ("CALL dbms.killQueries(['1'])", "procedure"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})", "procedure"),
    ("CALL db.index.fulltext.createNodeIndex('x', ['A'], ['b'])", "procedure"),
    ("MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS", "writes"),
    ("USE system MATCH (n) RETURN n", "switching"),
    ("CALL dbms.killQueries", "procedure"),
    ("CALL { MATCH (n) RETURN n } CALL apoc.meta.graph YIELD nodes RETURN nodes", "procedure"),
    ("SHOW USERS", "administration"),
    ("STOP DATABASE neo4j", "administration"),
    ("MATCH (n) RETURN n // harmless\n; CREATE (m)", "one statement"),
    ("", "empty"),
    ("   ", "empty"),
    ("RETURN 1" + " " * MAX_QUERY_LENGTH + "+1", "longer"),
    ("RETURN '\x00'", "NUL"),
]


@pytest.mark.parametrize(("cypher", "reason"), REFUSED)
def test_refuses_with_a_reason(cypher: str, reason: str) -> None:
    with pytest.raises(CypherRefused, match=reason):
        check_read_only(cypher)


ALLOWED = [
    "MATCH (a:Authority) RETURN a.name AS name ORDER BY name LIMIT 5",
    "MATCH (f:Finding) WHERE f.text CONTAINS 'create a plan and set targets' RETURN f.id AS id",
    "MATCH (f:Finding) // we never DELETE here\nRETURN count(f) AS n",
    "CALL db.labels() YIELD label RETURN label",
    "MATCH (i:Inspection) CALL { WITH i MATCH (i)-[:HAS_FINDING]->(f) RETURN count(f) AS n } RETURN i.id, n",
    "MATCH (f:Finding) WHERE f.createdBy IS NULL RETURN f.id",
]


@pytest.mark.parametrize("cypher", ALLOWED)
def test_lets_reading_queries_through(cypher: str) -> None:
    assert check_read_only(cypher) == cypher.strip()
