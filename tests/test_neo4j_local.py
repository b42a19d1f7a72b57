"""The Neo4j server used by the tests answers Cypher, has APOC and serves the Browser."""

import urllib.request

import pytest
from neo4j import GraphDatabase


@pytest.fixture(scope="module")
def driver(neo4j_uri):
    with GraphDatabase.driver(neo4j_uri.uri, auth=neo4j_uri.auth) as drv:
        yield drv


def test_cypher_roundtrip(driver, neo4j_uri):
    with driver.session(database=neo4j_uri.database) as session:
        assert session.run("RETURN 1 AS x").single()["x"] == 1


def test_apoc_is_registered(driver, neo4j_uri):
    with driver.session(database=neo4j_uri.database) as session:
        n = session.run(
            "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'apoc.' RETURN count(*) AS n"
        ).single()["n"]
        assert n > 0
        # A procedure that runs fine in the sandbox, end to end.
        assert session.run("RETURN apoc.text.join(['a', 'b'], '-') AS s").single()["s"] == "a-b"


def test_browser_is_served(neo4j_uri):
    if neo4j_uri.http_uri is None:
        pytest.skip("external server (NEO4J_URI) without NEO4J_HTTP_URI")
    with urllib.request.urlopen(f"{neo4j_uri.http_uri}/browser/", timeout=30) as resp:
        body = resp.read().decode("utf-8", "replace")
        assert resp.status == 200
        assert "text/html" in resp.headers.get("Content-Type", "")
    assert "<title>Neo4j Browser</title>" in body
