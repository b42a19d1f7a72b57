"""The authority page, GET /authorities/{code}/page, over an embedded store holding the seeds and
Solihull's PDF reports (seven inspections and visits, graded and not, with repeated findings): what it
says comes from the canned queries, each quote is its finding's and links to it, text from reports is
escaped, and in headless Chromium with no internet its Plotly charts draw, from the API's own copy of
plotly.js or from inside the standalone file `ikg report` writes.

Screenshots go to the test's temp folder (printed); with IKG_SCREENSHOTS=docs/img the README's
picture, docs/img/authority-page.png, is written as well.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from api_fixtures import SOLIHULL
from chromium import OfflinePage
from conftest import ROOT
from fastapi.testclient import TestClient
from live_server import serve
from typer.testing import CliRunner

from api import answers
from api.app import create_app
from api.authority_page import MAX_REPEATS, PLOTLY_JS_ROUTE, STRONGEST_THEMES, Links, gather, render
from api.cli import app as cli
from api.settings import Settings
from ingest.pipeline import load_paths

TIMEOUT_MS = 30_000
QUOTE = re.compile(r'<blockquote class="quote" ([^>]*)>(.*?)</blockquote>', re.S)
ATTRIBUTE = re.compile(r'data-(\w+)="([^"]*)"')
QUOTE_LINK = re.compile(r'<a href="([^"]+)" title="[^"]*">\u201c(.*?)\u201d</a>', re.S)


@pytest.fixture(scope="module")
def solihull_settings(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(store=str(tmp_path_factory.mktemp("page-graph") / "graph"))
    store = settings.open_store(read_only=False)
    try:
        summary = load_paths(store, [corpus / "seeds", *sorted((corpus / "pdf").glob("solihull-*.pdf"))])
        assert not summary.failures, summary.failures
    finally:
        store.close()
    return settings


@pytest.fixture(scope="module")
def client(solihull_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(solihull_settings)) as client:
        yield client


def _quotes(html: str) -> list[dict[str, str]]:
    """Each quote of the page: its data attributes, and its link and words when it has a link."""
    quotes = []
    for attributes, body in QUOTE.findall(html):
        quote = {name: unescape(value) for name, value in ATTRIBUTE.findall(attributes)}
        link = QUOTE_LINK.search(body)
        if link:
            quote["href"], quote["text"] = unescape(link.group(1)), unescape(link.group(2))
        quotes.append(quote)
    return quotes


def _canned(client: TestClient, name: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get(f"/queries/{name}", params=params)
    assert response.status_code == 200, response.text
    return list(response.json()["rows"])


def test_the_page_shows_the_canned_answers(client: TestClient) -> None:
    response = client.get(f"/authorities/{SOLIHULL}/page")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<h1>Solihull</h1>" in html
    assert 'id="grade-chart"' in html and 'id="weakness-heatmap"' in html
    # plotly.js from this API, nothing from anywhere else
    assert f'<script src="{PLOTLY_JS_ROUTE}"></script>' in html
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    timeline = _canned(client, "authority-timeline", authority=SOLIHULL)
    assert len(timeline) == 7
    for row in timeline:
        assert f'href="/inspections/{row["inspection"]}"' in html
        assert row["sha256"] in html
    repeats = _canned(client, "repeated-findings", authority=SOLIHULL, limit=MAX_REPEATS)
    assert repeats, "Solihull's reports repeat findings: the page would show none"
    assert html.count("<li class='repeat'>") == len(repeats)
    strengths = _canned(client, "authority-top-themes", authority=SOLIHULL, limit=STRONGEST_THEMES)
    assert html.count("<li class='strength'>") == len(strengths)
    # the same page by name
    assert client.get("/authorities/solihull/page").text == html


def test_an_authority_with_nothing_loaded_has_a_page_that_says_so(client: TestClient) -> None:
    barnet = client.get("/authorities/E09000003/page")  # an authority of the reference table only
    assert barnet.status_code == 200
    assert "<h1>Barnet</h1>" in barnet.text and "0 inspections and visits" in barnet.text
    assert "No inspection of this authority is loaded." in barnet.text
    assert "No weakness findings." in barnet.text and 'id="grade-chart"' not in barnet.text


def test_every_quote_is_its_finding_and_links_to_it(client: TestClient) -> None:
    quotes = _quotes(client.get(f"/authorities/{SOLIHULL}/page").text)
    assert len(quotes) > 20
    inspections: dict[str, dict[str, Any]] = {}
    for quote in quotes:
        assert quote["href"] == f"/inspections/{quote['inspection']}#{quote['finding']}"
        if quote["inspection"] not in inspections:
            inspection = client.get(f"/inspections/{quote['inspection']}")
            assert inspection.status_code == 200
            inspections[quote["inspection"]] = {f["finding"]: f for f in inspection.json()["findings"]}
        finding = inspections[quote["inspection"]][quote["finding"]]
        assert finding["quote"] == quote["text"]
        assert finding["document"] == quote["document"]
        assert (finding["charStart"], finding["charEnd"]) == (int(quote["start"]), int(quote["end"]))


def test_an_unknown_authority_is_404_as_for_its_resource(client: TestClient) -> None:
    for code in ("E99999999", "Solihul"):
        page = client.get(f"/authorities/{code}/page")
        assert page.status_code == 404
        assert page.json() == client.get(f"/authorities/{code}").json()
    assert "did you mean Solihull (E08000029)?" in client.get("/authorities/Solihul/page").json()["detail"]


def test_the_api_serves_plotly_js_itself(client: TestClient) -> None:
    response = client.get(PLOTLY_JS_ROUTE)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert "immutable" in response.headers["cache-control"]
    assert len(response.content) > 1_000_000 and b"plotly" in response.content[:2000].lower()


def test_text_from_reports_is_escaped(solihull_settings: Settings) -> None:
    with solihull_settings.open_store(read_only=True) as store:
        facts = gather(store, SOLIHULL)
    hostile = '<script>alert(1)</script> & "quoted" <b>bold</b>'
    first = facts.strengths[0]
    samples = [{**first["samples"][0], "quote": hostile, "fileName": hostile}, *first["samples"][1:]]
    judgements = [{**facts.judgements[0], "area": hostile}, *facts.judgements[1:]]
    facts = dataclasses.replace(
        facts,
        profile={**facts.profile, "name": hostile},
        strengths=[{**first, "samples": samples, "label": hostile}, *facts.strengths[1:]],
        judgements=judgements,
    )
    html = render(facts, Links(""), inline_plotly=False)
    assert "<script>alert" not in html and "<b>bold" not in html
    # in the title, the heading, a theme, a quote and its file name
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;") == 5
    # and in a chart's hover text, which plotly.js reads as HTML, in JSON (which writes / as \u002f)
    assert "&lt;script&gt;alert(1)&lt;\\u002fscript&gt; &amp; &quot;quoted&quot;" in html


def _open(page: OfflinePage, url: str) -> None:
    page.page.goto(url)
    for chart in ("grade-chart", "weakness-heatmap"):
        page.page.locator(f"#{chart}.js-plotly-plot .main-svg").first.wait_for(timeout=TIMEOUT_MS)


def _screenshot(page: OfflinePage, path: Path, height: int) -> None:
    page.page.screenshot(
        path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": 1400, "height": height}
    )
    print(f"screenshot: {path}")


def test_the_charts_draw_offline_and_a_click_opens_the_inspection(
    solihull_settings: Settings, offline_page: OfflinePage, tmp_path: Path
) -> None:
    page = offline_page.page
    with serve(create_app(solihull_settings)) as base:
        _open(offline_page, f"{base}/authorities/{SOLIHULL}/page")
        # one mark per inspection or visit at least, and the heat map's cells with their counts
        marks = page.locator("#grade-chart .scatterlayer .point")
        assert marks.count() >= 7
        assert page.locator("#weakness-heatmap .heatmaplayer image").count() == 1
        assert page.locator("#weakness-heatmap .heatmaplayer text").count() > 20
        quotes = page.locator("blockquote.quote")
        assert quotes.count() > 20
        assert page.locator("blockquote.quote > a[href^='/inspections/']").count() == quotes.count()
        height = page.evaluate("document.getElementById('reports').offsetTop")
        _screenshot(offline_page, tmp_path / "authority-page.png", height)
        if os.environ.get("IKG_SCREENSHOTS"):
            folder = ROOT / os.environ["IKG_SCREENSHOTS"]
            folder.mkdir(parents=True, exist_ok=True)
            _screenshot(offline_page, folder / "authority-page.png", height)

        # A click on a mark opens its inspection, with the findings the page quotes.
        page.locator("#grade-chart").scroll_into_view_if_needed()
        box = marks.last.bounding_box()
        assert box is not None
        with page.expect_navigation(timeout=TIMEOUT_MS):
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert re.search(rf"/inspections/{SOLIHULL}-[\w-]+$", page.url), page.url
        assert '"findings"' in page.content()
    assert offline_page.outside == [], f"the page reached outside: {offline_page.outside}"


def test_the_standalone_file_draws_offline_and_cites_as_text(
    solihull_settings: Settings, offline_page: OfflinePage, tmp_path: Path
) -> None:
    out = tmp_path / "solihull.html"
    result = CliRunner().invoke(
        cli, ["report", "Solihull", "-o", str(out), "--store", solihull_settings.store]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    outside_scripts = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    # plotly.js inside, and no server to link to
    assert "<script src=" not in html and "<a " not in outside_scripts
    quotes = _quotes(html)
    assert quotes and all("href" not in quote for quote in quotes)
    with solihull_settings.open_store(read_only=True) as store:
        params = {"authority": SOLIHULL, "limit": STRONGEST_THEMES}
        strengths = answers.canned(store, "authority-top-themes", params)["rows"]
    sample = strengths[0]["samples"][0]
    assert f"characters {sample['charStart']}&ndash;{sample['charEnd']}" in html
    _open(offline_page, out.as_uri())
    assert offline_page.page.locator("#grade-chart .scatterlayer .point").count() >= 7
    assert offline_page.outside == [], f"the file reached outside: {offline_page.outside}"
