"""Generated token sequences against the guard and both engines: the guard answers every text with a
verdict (never a crash), and whatever it accepts, the engine confirms as reading and runs without
changing the graph or touching a file."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.cypher_guard import COMMAND_WORDS, FUNCTIONS, OPENING, PROCEDURES, READ_KEYWORDS, check_read_only
from api.cypher_tokens import CypherRefused
from api.cypher_workers import CypherLimit, CypherWorkers, Refused
from api.settings import Settings

WORDS = sorted(READ_KEYWORDS | {w for words in COMMAND_WORDS.values() for w in words})
PIECES = [
    *WORDS,
    *(word.lower() for word in WORDS[::3]),
    *(f"{name}(" for name in sorted(FUNCTIONS)[::4]),
    *(f"CALL {name}()" for name in sorted(PROCEDURES)),
    "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "=", "<>", "+", "-", "*", "..", "->", "<-", ";",
    "n", "m", "x", "a.name", "n:Authority", "(n:Theme)", "-[r]->", "-[:ABOUT]->", "{id: 'x'}",
    "'//'", "'/*'", "'*/'", "'it\\'s'", "\"a;b\"", "`LOAD`", "`//`", "/* LOAD */", "// x\n", "1", "0.5",
    "$p", "'/etc/passwd'", "'x.csv'",
]  # fmt: skip
TOKEN_SOUP = st.tuples(st.sampled_from(sorted(OPENING)), st.lists(st.sampled_from(PIECES), max_size=14)).map(
    lambda parts: " ".join([parts[0], *parts[1]])
)
# Queries from a small grammar of reading Cypher both engines know, whose strings and names carry
# the text of commands and comments, with a hostile piece spliced in at random half of the time.
LITERALS = st.sampled_from(
    ["1", "2.5", "true", "null", "$p", "'LOAD FROM x'", "'// ;'", "'/* COPY */'", "n.name", "n.code"]
)
EXPRESSIONS = st.recursive(
    LITERALS,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["toString", "size", "coalesce", "toUpper", "abs"]), inner).map(
            lambda p: f"{p[0]}({p[1]})"
        ),
        st.tuples(inner, st.sampled_from(["+", "=", "<>", "AND", "OR", "<"]), inner).map(" ".join),
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.tuples(inner, inner, inner).map(lambda p: f"CASE WHEN {p[0]} THEN {p[1]} ELSE {p[2]} END"),
    ),
    max_leaves=6,
)
TEMPLATES = [
    "MATCH (n:Authority) WHERE {0} RETURN {1} AS v LIMIT 3",
    "MATCH (n:Authority)<-[:OF_AUTHORITY]-(i:Inspection) RETURN {0} AS v, count(i) AS c LIMIT 3",
    "UNWIND [{0}, {1}] AS v RETURN v",
    "RETURN {0} AS v",
    "WITH {0} AS v RETURN v, {1} AS w",
    "MATCH (n:Theme) RETURN DISTINCT {0} AS v ORDER BY v LIMIT 2",
]
GRAMMAR = st.tuples(st.sampled_from(TEMPLATES), EXPRESSIONS, EXPRESSIONS).map(
    lambda p: p[0].format(p[1], p[2])
)
SPLICED = st.tuples(GRAMMAR, st.sampled_from(PIECES), st.floats(0, 1)).map(
    lambda p: p[0][: int(len(p[0]) * p[2])] + f" {p[1]} " + p[0][int(len(p[0]) * p[2]) :]
)
QUERIES = st.one_of(TOKEN_SOUP, GRAMMAR, SPLICED)


def test_the_guard_gives_every_text_a_verdict() -> None:
    @settings(max_examples=3000, deadline=None, derandomize=True)
    @given(st.one_of(QUERIES, st.text(max_size=200)))
    def verdict(text: str) -> None:
        try:
            check_read_only(text)
        except CypherRefused:
            pass

    verdict()


def _files(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def store_settings(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    if request.param == "neo4j":
        return replace(request.getfixturevalue("seeded_neo4j_settings"), cypher_timeout_s=2.0)
    seeded: Settings = request.getfixturevalue("embedded_settings")
    copy = tmp_path_factory.mktemp("guard-properties") / "graph"
    shutil.copytree(seeded.store, copy)
    return replace(seeded, store=str(copy), cypher_timeout_s=2.0)


@pytest.fixture(scope="module")
def workers(store_settings: Settings) -> Iterator[CypherWorkers]:
    with CypherWorkers(store_settings, size=1) as pool:
        yield pool


def _graph(settings_: Settings) -> Any:
    store = settings_.open_store(read_only=True)
    try:
        return store.counts()
    finally:
        store.close()


def test_what_the_guard_accepts_the_engine_runs_read_only(
    store_settings: Settings, workers: CypherWorkers
) -> None:
    before = _graph(store_settings)
    embedded = not store_settings.store.startswith(("bolt", "neo4j"))
    files = _files(Path(store_settings.store)) if embedded else {}
    watched = set(Path(tempfile.gettempdir()).iterdir())
    accepted: list[str] = []
    answered: list[str] = []

    @settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(QUERIES)
    def runs_read_only(text: str) -> None:
        try:
            check_read_only(text)
        except CypherRefused:
            return
        accepted.append(text)
        try:
            workers.run(text, {"p": 1}, max_rows=10)
            answered.append(text)
        except Refused as refused:
            pytest.fail(f"the guard accepted what the engine refuses: {text!r}: {refused.message}")
        except CypherLimit:
            pass  # a syntax or type error, or a limit: the engine ran nothing that writes

    runs_read_only()
    # the property was exercised: many accepted, some of them valid queries that ran
    assert len(accepted) >= 20 and len(answered) >= 5, (len(accepted), answered)
    assert _graph(store_settings) == before
    if embedded:
        assert _files(Path(store_settings.store)) == files
    new = {p.name for p in set(Path(tempfile.gettempdir()).iterdir()) - watched}
    assert not {name for name in new if name.endswith((".csv", ".parquet", ".so", ".lbug"))}, new
