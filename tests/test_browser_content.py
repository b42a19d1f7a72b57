"""The Browser content checked in under browser/ is what `python -m browser` generates from the ontology
and queries/, and the API serves it to the Browser, across origins."""

from __future__ import annotations

from conftest import ROOT
from fastapi.testclient import TestClient

import queries
from api.app import create_app
from api.settings import Settings
from browser.content import FAVORITES, GUIDE, STYLE, generated
from browser.guide import INTRODUCTORY_SLIDES, sure_weaknesses_cypher
from ontology import vocabulary


def test_checked_in_content_is_the_generated_content() -> None:
    expected = generated()
    on_disk = {
        str(path.relative_to(ROOT / "browser")): path.read_text(encoding="utf-8")
        for path in (ROOT / "browser").rglob("*")
        if path.suffix in {".html", ".grass", ".cypher"}
    }
    assert on_disk == expected, "browser/ is out of date: run python -m browser"


def test_guide_has_a_slide_per_question_and_the_style_a_rule_per_label() -> None:
    files = generated()
    guide = files[GUIDE]
    for query in queries.catalog().values():
        assert f"<h3>{query.name}</h3>" in guide
    assert guide.count("<slide>") == INTRODUCTORY_SLIDES + len(queries.catalog())
    for label in vocabulary().nodes:
        assert f"node.{label} {{" in files[STYLE]
    assert len([name for name in files if name.startswith(f"{FAVORITES}/")]) == len(queries.catalog())


def test_api_serves_the_content_to_another_origin(embedded_client: TestClient) -> None:
    origin = {"Origin": "http://localhost:7474"}
    guide = embedded_client.get(f"/browser/{GUIDE}", headers=origin)
    assert guide.status_code == 200 and guide.headers["content-type"].startswith("text/html")
    assert guide.headers["access-control-allow-origin"] == "*"
    assert guide.text == generated()[GUIDE]
    preflight = embedded_client.options(
        f"/browser/{STYLE}",
        headers={
            **origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "pragma",
        },
    )
    assert preflight.status_code == 204 and "pragma" in preflight.headers["access-control-allow-headers"]
    assert embedded_client.get(f"/browser/{FAVORITES}/themes.cypher").text.startswith("// themes\n")
    assert embedded_client.get("/browser/../pyproject.toml").status_code == 404
    assert embedded_client.get("/browser/nothing.html").status_code == 404


def test_the_counting_slide_counts_alike_on_both_stores(
    embedded_client: TestClient, seeded_neo4j_settings: Settings
) -> None:
    """The Browser runs the slide's block on Neo4j; the same Cypher, sent to POST /cypher, answers
    the same on the embedded store (one sure weakness about supervision among the seeds: Sefton's)."""
    query = {"query": sure_weaknesses_cypher()}
    with TestClient(create_app(seeded_neo4j_settings)) as neo4j_client:
        on_neo4j = neo4j_client.post("/cypher", json=query)
    embedded = embedded_client.post("/cypher", json=query)
    assert embedded.status_code == on_neo4j.status_code == 200, (embedded.text, on_neo4j.text)
    assert (
        embedded.json()["rows"] == on_neo4j.json()["rows"] == [{"authority": "Sefton", "sureWeaknesses": 1}]
    )
