"""The HTTP API over an embedded store holding the five seeds."""

from __future__ import annotations

import re

import pytest
from api_fixtures import SOLIHULL, SOLIHULL_2011
from fastapi.testclient import TestClient

import queries

CANNED = sorted(queries.catalog())


def test_health(embedded_client: TestClient) -> None:
    response = embedded_client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["store"] == "embedded"
    assert body["nodes"]["Document"] == 5
    assert body["nodes"]["Inspection"] == 5
    assert body["nodes"]["Finding"] > 0 and body["nodes"]["Theme"] > 0
    assert body["relationships"]["HAS_FINDING"] == body["nodes"]["Finding"]
    assert not set(body["nodes"]) & set(body["relationships"])


def test_home_points_at_the_docs_and_the_main_routes(embedded_client: TestClient) -> None:
    links = embedded_client.get("/").json()["links"]
    assert {"/docs", "/queries", "/cypher", "/browser/guide.html"} <= set(links)
    for path in links:
        if path not in ("/cypher",):
            assert embedded_client.get(path).status_code == 200, path


def test_queries_lists_every_canned_query(embedded_client: TestClient) -> None:
    response = embedded_client.get("/queries")
    assert response.status_code == 200
    listed = {q["name"]: q for q in response.json()}
    assert set(listed) == set(CANNED)
    for name, query in queries.catalog().items():
        info = listed[name]
        assert info["description"] == query.description
        assert info["columns"] == list(query.columns)
        assert [(p["name"], p["type"], p["default"]) for p in info["parameters"]] == [
            (p.name, p.type, p.default) for p in query.parameters
        ]


@pytest.mark.parametrize("name", CANNED)
def test_every_canned_query_runs_with_defaults(embedded_client: TestClient, name: str) -> None:
    response = embedded_client.get(f"/queries/{name}")
    assert response.status_code == 200, response.text
    body = response.json()
    query = queries.get(name)
    assert body["query"] == name
    assert body["columns"] == list(query.columns)
    assert body["cypher"] == query.cypher
    for row in body["rows"]:
        assert list(row) == list(query.columns)


def test_canned_query_with_rows(embedded_client: TestClient) -> None:
    body = embedded_client.get("/queries/authority-timeline", params={"authority": "Solihull"}).json()
    assert len(body["rows"]) == 2


@pytest.mark.parametrize("name", ["authority-timeline", "authority-top-themes", "authority-profile"])
def test_an_authority_is_its_code_or_its_name_in_any_case(embedded_client: TestClient, name: str) -> None:
    """The queries compare the authority with its code and exact name; the API gives them the code."""
    answers = [
        embedded_client.get(f"/queries/{name}", params={"authority": given}).json()["rows"]
        for given in (SOLIHULL, "Solihull", "solihull", " SOLIHULL ")
    ]
    assert answers[0] and all(rows == answers[0] for rows in answers)


def test_authority_top_themes_samples_latest_first_at_most_ten(embedded_client: TestClient) -> None:
    def rows(samples: int) -> list[dict]:
        params = {"authority": SOLIHULL, "polarity": "weakness", "samples": samples}
        response = embedded_client.get("/queries/authority-top-themes", params=params)
        assert response.status_code == 200, response.text
        return list(response.json()["rows"])

    none, two = rows(0), rows(2)
    assert none and [r["samples"] for r in none] == [[] for _ in none]  # no quote, every theme kept
    assert [{**r, "samples": []} for r in two] == none
    assert all(len(r["samples"]) == min(2, r["findings"]) for r in two)
    for row in two:  # the latest inspection's quotes first
        years = [sample["year"] for sample in row["samples"]]
        assert years == sorted(years, reverse=True) and years[0] == row["lastYear"]
    assert embedded_client.get("/queries/authority-top-themes", params={"samples": 11}).status_code == 422


def test_wrong_parameter_type_is_422(embedded_client: TestClient) -> None:
    response = embedded_client.get("/queries/authorities", params={"limit": "abc"})
    assert response.status_code == 422
    assert "'limit'" in response.json()["detail"] and "abc" in response.json()["detail"]


def test_sure_scores_reach_the_query_through_the_api(embedded_client: TestClient) -> None:
    """minPolarityScore and minThemeScore arrive as numbers: every row reaches them; a word is a 422."""
    given = {"authority": "Birmingham", "theme": "management-oversight"}
    every = embedded_client.get("/queries/authority-theme-findings", params=given).json()["rows"]
    # The least sure row's scores as minimums, its theme's raised a little: that row is left out,
    # whatever scores the shipped models give.
    polarity = min(row["polarityScore"] for row in every)
    theme = min(row["themeScore"] for row in every) + 0.001
    sure = embedded_client.get(
        "/queries/authority-theme-findings",
        params=given | {"minPolarityScore": str(polarity), "minThemeScore": str(theme)},
    ).json()["rows"]
    assert 0 < len(sure) < len(every)
    assert all(row["polarityScore"] >= polarity and row["themeScore"] >= theme for row in sure)
    wrong = embedded_client.get("/queries/authority-theme-findings", params=given | {"minThemeScore": "high"})
    assert wrong.status_code == 422 and "'minThemeScore'" in wrong.json()["detail"]


def test_integer_above_the_query_maximum_is_422(embedded_client: TestClient) -> None:
    """recurring-weaknesses keeps ten quotes per theme: more is refused, not silently cut short."""
    response = embedded_client.get("/queries/recurring-weaknesses", params={"samples": 11})
    assert response.status_code == 422
    assert "'samples'" in response.json()["detail"] and "0 to 10" in response.json()["detail"]
    assert embedded_client.get("/queries/recurring-weaknesses", params={"samples": 10}).status_code == 200
    listed = embedded_client.get("/queries").json()
    info = next(q for q in listed if q["name"] == "recurring-weaknesses")
    assert {p["name"]: p["maximum"] for p in info["parameters"]}["samples"] == 10


def test_unknown_parameter_is_422(embedded_client: TestClient) -> None:
    response = embedded_client.get("/queries/authorities", params={"bogus": "1"})
    assert response.status_code == 422
    assert "'bogus'" in response.json()["detail"]


def test_unknown_query_is_404(embedded_client: TestClient) -> None:
    response = embedded_client.get("/queries/no-such-query")
    assert response.status_code == 404
    assert "no-such-query" in response.json()["detail"]


def test_authorities_paging(embedded_client: TestClient) -> None:
    everything = embedded_client.get("/authorities", params={"limit": 500}).json()
    total = len(everything["items"])
    assert total > 10 and everything["nextOffset"] is None

    first = embedded_client.get("/authorities", params={"limit": 4}).json()
    assert first["offset"] == 0 and first["limit"] == 4 and first["nextOffset"] == 4
    assert first["items"] == everything["items"][:4]
    second = embedded_client.get("/authorities", params={"limit": 4, "offset": first["nextOffset"]}).json()
    assert second["offset"] == 4 and second["nextOffset"] == 8
    assert second["items"] == everything["items"][4:8]
    assert not {a["code"] for a in first["items"]} & {a["code"] for a in second["items"]}

    last = embedded_client.get("/authorities", params={"limit": 4, "offset": total - 2}).json()
    assert len(last["items"]) == 2 and last["nextOffset"] is None
    beyond = embedded_client.get("/authorities", params={"offset": total + 10}).json()
    assert beyond["items"] == [] and beyond["nextOffset"] is None


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "x"}])
def test_authorities_paging_bounds_are_422(embedded_client: TestClient, params: dict) -> None:
    assert embedded_client.get("/authorities", params=params).status_code == 422


def test_authority_detail(embedded_client: TestClient) -> None:
    response = embedded_client.get(f"/authorities/{SOLIHULL}")
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == SOLIHULL and body["name"] == "Solihull"
    assert body["inspections"] == 2
    assert [t["startDate"][:4] for t in body["timeline"]] == ["2011", "2016"]
    by_name = embedded_client.get("/authorities/solihull").json()
    assert by_name["code"] == SOLIHULL


def _solihull_2011(client: TestClient) -> str:
    timeline = client.get(f"/authorities/{SOLIHULL}").json()["timeline"]
    (inspection,) = [t["inspection"] for t in timeline if t["startDate"].startswith("2011")]
    return inspection


def test_inspection_detail_with_traceable_findings(embedded_client: TestClient) -> None:
    inspection_id = _solihull_2011(embedded_client)
    assert inspection_id == SOLIHULL_2011
    response = embedded_client.get(f"/inspections/{inspection_id}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["inspection"] == inspection_id and body["code"] == SOLIHULL
    assert body["startDate"] == "2011-04-13"
    assert len(body["documents"]) == 1
    findings = body["findings"]
    assert findings
    documents = {f["document"] for f in findings}
    assert documents <= {d["document"] for d in body["documents"]}
    texts = {}
    for sha in documents:
        result = embedded_client.post(
            "/cypher",
            json={"query": "MATCH (d:Document {sha256: $sha}) RETURN d.text AS text", "params": {"sha": sha}},
        )
        assert result.status_code == 200, result.text
        (row,) = result.json()["rows"]
        texts[sha] = row["text"]
    for finding in findings:
        assert finding["quote"]
        assert re.fullmatch(r"[0-9a-f]{64}", finding["document"])
        assert 0 <= finding["charStart"] < finding["charEnd"]
        assert texts[finding["document"]][finding["charStart"] : finding["charEnd"]] == finding["quote"]
        for theme in finding["themes"]:
            assert set(theme) == {"theme", "score", "method"}
    assert any(f["themes"] for f in findings)
    themes = {t["theme"] for t in embedded_client.get("/themes").json()}
    assert {t["theme"] for f in findings for t in f["themes"]} <= themes


def test_unknown_inspection_and_authority_are_404(embedded_client: TestClient) -> None:
    assert embedded_client.get("/inspections/no-such-inspection").status_code == 404
    assert embedded_client.get("/authorities/E99999999").status_code == 404
    assert embedded_client.get("/themes/no-such-theme").status_code == 404


def test_themes(embedded_client: TestClient) -> None:
    response = embedded_client.get("/themes")
    assert response.status_code == 200
    themes = response.json()
    assert len(themes) > 10
    ids = [t["theme"] for t in themes]
    assert ids == sorted(ids) and "supervision" in ids
    assert sum(t["findings"] for t in themes) > 0
    for theme in themes:
        assert theme["broader"] is None or theme["broader"] in ids


def test_one_theme(embedded_client: TestClient) -> None:
    response = embedded_client.get("/themes/supervision")
    assert response.status_code == 200
    theme = response.json()
    assert theme["theme"] == "supervision" and theme["label"]
    assert theme == next(t for t in embedded_client.get("/themes").json() if t["theme"] == "supervision")


def test_docs_are_served_offline(embedded_client: TestClient) -> None:
    response = embedded_client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
    for asset in assets:
        assert asset.startswith("/"), f"{asset} is not served by the app"
        assert embedded_client.get(asset).status_code == 200, asset
    assert embedded_client.get("/openapi.json").status_code == 200


def test_an_unknown_authority_or_theme_is_named_with_close_matches(embedded_client: TestClient) -> None:
    typo = embedded_client.get("/queries/authority-theme-findings?authority=Solihul&theme=supervision")
    assert typo.status_code == 404 and "did you mean Solihull (E08000029)?" in typo.json()["detail"]
    theme = embedded_client.get("/queries/theme-trend-by-year?theme=supervison")
    assert theme.status_code == 404 and "did you mean supervision?" in theme.json()["detail"]
    known = embedded_client.get("/queries/authority-theme-findings?authority=Solihull&theme=adoption")
    assert known.status_code == 200  # a known authority and theme: no rows is an answer
