"""Counting what a store holds: an embedded store opened read-only counts its graph once (no writer can
change it while it is open), so a server polled on /health does not count every label each time; a
writer counts afresh after each load."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.settings import Settings
from ingest.pipeline import load_paths


def test_a_read_only_embedded_store_counts_once_and_a_writer_each_time(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(store=str(tmp_path / "graph"))
    with settings.open_store(read_only=False) as graph:
        assert not load_paths(graph, [corpus / "seeds" / "solihull-2011-05-18-letter.txt"]).failures
        one = graph.counts()
        assert not load_paths(graph, [corpus / "seeds"]).failures
        written = graph.counts()
        assert written["Document"] > one["Document"] == 1
    with settings.open_store(read_only=True) as graph:
        first = graph.counts()
        assert first == written

        def no_more_reads(*_: object) -> None:
            raise AssertionError("counted again")

        monkeypatch.setattr(graph, "read", no_more_reads)
        assert graph.counts() == first
