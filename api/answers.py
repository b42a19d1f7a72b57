"""Answers to canned queries and to user Cypher, the same for the command line and for HTTP."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import queries
from api.cypher_guard import check_read_only
from graph.store import GraphStore


def plain(value: Any) -> Any:
    """A value as JSON has it: dates in ISO 8601, decimals as numbers, lists element by element."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _rows(columns: list[str], rows: list[list[Any]]) -> list[dict[str, Any]]:
    return [dict(zip(columns, (plain(v) for v in row), strict=True)) for row in rows]


def canned(store: GraphStore, name: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """{"query", "columns", "rows", "cypher"}; QueryError for an unknown query or a bad parameter."""
    query = queries.get(name)
    params = query.bind(given)
    columns, rows = store.read(query.cypher, params)
    return {"query": query.name, "columns": columns, "rows": _rows(columns, rows), "cypher": query.cypher}


def cypher(
    store: GraphStore, text: str, params: Mapping[str, Any], max_rows: int, timeout_s: float
) -> dict[str, Any]:
    """{"columns", "rows", "truncated", "cypher"} of a read-only query; CypherRefused if it may not run."""
    checked = check_read_only(text)
    columns, rows, truncated = store.read_untrusted(
        checked, dict(params), max_rows=max_rows, timeout_s=timeout_s
    )
    return {"columns": columns, "rows": _rows(columns, rows), "truncated": truncated, "cypher": checked}
