"""The Browser content checked in under browser/ is what `python -m browser` generates from the ontology
and queries/, and the API serves it to the Browser, across origins."""

from __future__ import annotations

from conftest import ROOT
from fastapi.testclient import TestClient

import queries
from browser.content import FAVORITES, GUIDE, STYLE, generated
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
    assert guide.count("<slide>") == 3 + len(queries.catalog())
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
