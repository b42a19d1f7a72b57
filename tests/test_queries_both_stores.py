"""Every canned query runs unchanged on the embedded store and on Neo4j over the same corpus, and
both give the same rows (in the same order where the query orders them)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from wipe import wipe

import queries
from api import answers
from api.settings import Settings
from graph.store import GraphStore
from ingest.pipeline import load_paths

ROOT = Path(__file__).resolve().parent.parent

# Parameters that make each query return rows on the shared corpus (the defaults are used otherwise).
EXAMPLES: dict[str, dict[str, Any]] = {
    "authority-profile": {"authority": "Solihull"},
    "authority-timeline": {"authority": "E08000025"},
    "authority-theme-findings": {"authority": "Birmingham", "theme": "management-oversight"},
    "authorities-like": {"authority": "E08000029"},
    "inspection-summary": {"inspection": "E08000029-unannounced-contact-referral-assessment-2011-04-13"},
    "inspection-team": {"inspection": "E08000029-single-inspection-framework-2016-04-25"},
    "inspection-judgements": {"inspection": "E08000029-single-inspection-framework-2016-04-25"},
    "inspection-findings": {"inspection": "E08000029-unannounced-contact-referral-assessment-2011-04-13"},
    "inspection-finding-themes": {
        "inspection": "E08000029-unannounced-contact-referral-assessment-2011-04-13"
    },
    "recommendations-by-theme": {"theme": "care-leavers"},
    "finding-search": {"text": "supervision"},
    # the seed letter solihull-2011-05-18-letter.txt
    "document-text": {"document": "25483b05ad13e73bd30590d18f5fcb77f88a0dcd703230bec8c4857651c8d586"},
}


def _wipe(store: GraphStore) -> None:
    wipe(store)


@pytest.fixture(scope="module")
def stores(
    corpus: Path, neo4j_uri: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, GraphStore]]:
    documents = [corpus / "seeds", corpus / "pdf"]
    embedded = Settings(store=str(tmp_path_factory.mktemp("graph")))
    neo4j = Settings(
        store=neo4j_uri.uri,
        neo4j_user=neo4j_uri.user,
        neo4j_password=neo4j_uri.password or "",
        neo4j_database=neo4j_uri.database or "neo4j",
    )
    opened = {}
    for name, settings in (("embedded", embedded), ("neo4j", neo4j)):
        store = settings.open_store(read_only=False)
        if name == "neo4j":
            _wipe(store)  # the server is shared with other test modules: start from an empty graph
        summary = load_paths(store, documents)
        assert not summary.failures, summary.failures
        opened[name] = store
    yield opened
    for store in opened.values():
        store.close()


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, int | float) and isinstance(b, int | float) and math.isclose(a, b, rel_tol=1e-9)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


def _ordered(cypher: str) -> bool:
    return "ORDER BY" in cypher.rsplit("RETURN", 1)[-1]


def test_both_stores_hold_the_same_counts(stores: dict[str, GraphStore]) -> None:
    assert stores["embedded"].counts() == stores["neo4j"].counts()


@pytest.mark.parametrize("name", sorted(queries.catalog()))
def test_query_gives_the_same_rows_on_both_stores(name: str, stores: dict[str, GraphStore]) -> None:
    params = EXAMPLES.get(name, {})
    embedded = answers.canned(stores["embedded"], name, params)
    neo4j = answers.canned(stores["neo4j"], name, params)
    assert embedded["columns"] == list(queries.get(name).columns)
    assert neo4j["columns"] == embedded["columns"]
    assert embedded["rows"], f"{name} returned no rows on the corpus: the comparison would prove nothing"
    rows_e, rows_n = embedded["rows"], neo4j["rows"]
    if not _ordered(queries.get(name).cypher):
        rows_e, rows_n = (sorted(rows, key=repr) for rows in (rows_e, rows_n))
    assert _same(rows_e, rows_n), f"{name}: the stores disagree"


def test_authority_profile_counts_as_its_previous_cypher(stores: dict[str, GraphStore]) -> None:
    """authority-profile counts the claims of each polarity once (a claim has one inspection) instead
    of reading every claim's id once per count: the same answer as its previous Cypher (kept in
    bench/previous/), for every authority and for none."""
    now = queries.get("authority-profile").cypher
    before = (ROOT / "bench" / "previous" / "authority-profile.cypher").read_text()
    for store in stores.values():
        codes = [row[0] for row in store.read("MATCH (a:Authority) RETURN a.code AS code")[1]]
        assert len(codes) > 10
        for code in [*codes, "no such authority"]:
            rows_now, rows_before = (
                answers.plain(store.read(c, {"authority": code})[1]) for c in (now, before)
            )
            assert rows_now == rows_before, (store.kind, code)


def test_authority_theme_findings_keeps_the_surer_findings(stores: dict[str, GraphStore]) -> None:
    """minPolarityScore and minThemeScore keep exactly the findings whose scores reach them, on both
    stores: what a researcher who counts wants (docs/accuracy.md, "How sure")."""
    given = EXAMPLES["authority-theme-findings"]
    for store in stores.values():
        every = answers.canned(store, "authority-theme-findings", given)["rows"]
        surer = answers.canned(
            store, "authority-theme-findings", given | {"minPolarityScore": 0.85, "minThemeScore": 0.7}
        )["rows"]
        wanted = [row for row in every if row["polarityScore"] >= 0.85 and row["themeScore"] >= 0.7]
        assert 0 < len(surer) < len(every), store.kind
        assert surer == wanted, store.kind


README_CYPHER = re.findall(r"```cypher\n(.*?)```", (ROOT / "README.md").read_text(), re.S)


@pytest.mark.parametrize("number", range(len(README_CYPHER)))
def test_readme_cypher_gives_the_same_rows_on_both_stores(number: int, stores: dict[str, GraphStore]) -> None:
    """The README's Cypher examples are what a researcher copies first: each answers on both stores,
    with the same rows."""
    cypher = README_CYPHER[number]
    embedded, neo4j = (answers.plain(stores[name].read(cypher)[1]) for name in ("embedded", "neo4j"))
    assert embedded, f"README example {number} returned no rows on the corpus"
    assert _same(embedded, neo4j), f"README example {number}: the stores disagree"
