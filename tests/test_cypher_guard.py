"""The check on user Cypher refuses writes and escapes, with a reason, and lets reading through."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import queries
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


def _shipped_cypher() -> list[tuple[str, str]]:
    """Every query the project shows a researcher: canned queries, the README's examples, the
    Browser favourites (less their :param lines)."""
    root = Path(__file__).resolve().parent.parent
    shipped = [(q.name, q.cypher) for q in queries.catalog().values()]
    readme = (root / "README.md").read_text()
    shipped += [
        (f"README #{i}", block) for i, block in enumerate(re.findall(r"```cypher\n(.*?)```", readme, re.S))
    ]
    for path in sorted((root / "browser" / "favorites").glob("*.cypher")):
        lines = [line for line in path.read_text().splitlines() if not line.startswith(":")]
        shipped.append((path.name, "\n".join(lines)))
    return shipped


@pytest.mark.parametrize(("name", "cypher"), _shipped_cypher())
def test_a_researcher_can_paste_any_query_the_project_shows(name: str, cypher: str) -> None:
    check_read_only(cypher)


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (n) RETURN n.role AS role, n.type AS type, n.from AS from ORDER BY role",
        "MATCH (user:Inspector) WITH user AS index RETURN index.name AS table",
        "RETURN {from: 1, to: 2, set: 3} AS m",
        "MATCH (a)-[r:TO|FROM]->(b) RETURN type(r) AS type",
    ],
)
def test_command_words_may_name_things(cypher: str) -> None:
    check_read_only(cypher)


@pytest.mark.parametrize(
    "cypher",
    [
        "RETURN '//' AS x LOAD FROM '/etc/passwd' RETURN *",
        "MATCH (`/*`) LOAD FROM 'x' RETURN * // `*/`",
        'RETURN "a\\"b" AS x CREATE (n)',
        "RETURN 1 AS x TO '/tmp/x'",
        "MATCH (n) CALL { WITH n RETURN n AS m } IN TRANSACTIONS RETURN m",
        "RETURN 1 AS x; RETURN 2 AS y",
        "RETURN `apoc`.`util`.sha1(['x'])",
    ],
)
def test_tricks_that_hid_commands_from_the_old_check(cypher: str) -> None:
    with pytest.raises(CypherRefused):
        check_read_only(cypher)
