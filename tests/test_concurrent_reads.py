"""A store opened read-only (the API's) answers several reads at once: a slow query holds one of its
connections (IKG_READ_CONNECTIONS), not the store, so the API's other threads are answered beside it."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

import ladybug
import pytest

import graph.ladybug_store
from api.settings import Settings

HELD = "RETURN 'held' AS held"
QUICK = "MATCH (a:Authority) RETURN count(a) AS authorities"


def _read_in_thread(store: Any, cypher: str) -> tuple[threading.Thread, list[Any]]:
    answers: list[Any] = []
    thread = threading.Thread(target=lambda: answers.append(store.read(cypher)[1]), daemon=True)
    thread.start()
    return thread, answers


@pytest.mark.parametrize("connections", [1, 4])
def test_a_held_read_holds_one_connection_not_the_store(
    embedded_settings: Settings, monkeypatch: pytest.MonkeyPatch, connections: int
) -> None:
    started, release = threading.Event(), threading.Event()
    execute = graph.ladybug_store._execute

    def held_execute(
        connection: ladybug.Connection, cypher: str, params: Mapping[str, Any] | None = None
    ) -> ladybug.QueryResult:
        if cypher == HELD:  # stands for a slow query: it keeps its connection until released
            started.set()
            assert release.wait(60)
        return execute(connection, cypher, params)

    monkeypatch.setattr(graph.ladybug_store, "_execute", held_execute)
    settings = Settings(store=embedded_settings.store, read_connections=connections)
    with settings.open_store(read_only=True) as store:
        slow, slow_answer = _read_in_thread(store, HELD)
        try:
            assert started.wait(60)
            quick, quick_answer = _read_in_thread(store, QUICK)
            quick.join(10 if connections > 1 else 1)
            # With one connection the quick read waits for the slow one; with more it is answered
            # beside it.
            assert quick.is_alive() == (connections == 1)
        finally:
            release.set()
        slow.join(60)
        quick.join(60)
    assert slow_answer == [[["held"]]]
    assert quick_answer and quick_answer[0][0][0] > 0


def test_read_connections_are_set_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IKG_READ_CONNECTIONS", "3")
    assert Settings.from_env().read_connections == 3
    monkeypatch.delenv("IKG_READ_CONNECTIONS")
    assert Settings.from_env().read_connections is None
