"""Rows reach the embedded store as one typed Arrow column that LOAD FROM binds to `row`."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from graph.arrow_rows import row_column
from graph.ladybug_store import LadybugStore
from graph.names import P, node_type
from graph.rows import GraphRows
from ontology import L, R

WHEN = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone(timedelta(hours=1)))


def test_a_row_keeps_its_keys_and_typed_properties() -> None:
    document = node_type(L.Document)
    properties = [
        document.property(P.fileName),
        document.property(P.loadedAt),
        document.property(P.canonical),
    ]
    table = row_column(
        [
            {"key": "a", "props": {P.fileName: "a.pdf", P.loadedAt: WHEN, P.canonical: True}},
            {"key": "b", "props": {P.fileName: None, P.loadedAt: None, P.canonical: False}},
        ],
        ("key",),
        properties,
    )
    assert table.column_names == ["row"]
    assert [value["row"] for value in table.to_pylist()] == [
        # TIMESTAMP holds the UTC instant without a zone.
        {
            "key": "a",
            "props": {
                P.fileName: "a.pdf",
                P.loadedAt: datetime(2026, 1, 2, 2, 4, 5, 678901),
                P.canonical: True,
            },
        },
        {"key": "b", "props": {P.fileName: None, P.loadedAt: None, P.canonical: False}},
    ]


def test_rows_without_properties_carry_no_props() -> None:
    table = row_column([{"source": "x", "target": "y"}], ("source", "target"), [])
    assert table.to_pylist() == [{"row": {"source": "x", "target": "y"}}]


def test_a_list_and_a_date_keep_their_types() -> None:
    inspection = node_type(L.Inspection)
    authority = node_type(L.Authority)
    table = row_column(
        [{"key": "i", "props": {P.startDate: date(2019, 3, 4)}}], ("key",), [inspection.property(P.startDate)]
    )
    assert table.to_pylist()[0]["row"]["props"] == {P.startDate: date(2019, 3, 4)}
    table = row_column(
        [{"key": "a", "props": {P.altNames: ["One", "Two"]}}], ("key",), [authority.property(P.altNames)]
    )
    assert table.to_pylist()[0]["row"]["props"] == {P.altNames: ["One", "Two"]}


def _claims(count: int) -> GraphRows:
    rows = GraphRows()
    rows.add_node(L.Document, {node_type(L.Document).key: "d" * 64, P.fileName: "d.pdf"})
    for n in range(count):
        rows.add_node(L.Finding, {node_type(L.Finding).key: f"claim-{n}", P.text: f"Claim {n}."})
        rows.add_rel(R.IN_DOCUMENT, f"claim-{n}", "d" * 64)
    return rows


def test_a_large_write_rolled_back_leaves_the_store_writable(tmp_path: Path) -> None:
    """LadybugDB 0.22 does not undo a COPY FROM of 50,000 rows or more cleanly (its key index keeps
    rows that are gone); the loader's LOAD FROM ... CREATE must be undone whole."""
    store = LadybugStore(tmp_path / "graph")
    store.ensure_schema()
    rows = _claims(60_000)

    def fails(tx: object) -> None:
        store._write_rows(tx, rows, new_documents=True)  # type: ignore[arg-type]
        raise RuntimeError("the batch fails after its writes")

    with pytest.raises(RuntimeError, match="the batch fails"):
        store._transaction(fails)
    assert store.counts()[L.Finding] == 0
    store._transaction(lambda tx: store._write_rows(tx, rows, new_documents=True))
    store.close()
    store = LadybugStore(tmp_path / "graph")
    counts = store.counts()
    assert (counts[L.Finding], counts[L.Document], counts[R.IN_DOCUMENT]) == (60_000, 1, 60_000)
    store.close()
