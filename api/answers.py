"""Answers to canned queries and to user Cypher, the same for the command line and for HTTP."""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import queries
from api.known_values import check_known, with_authority_code
from graph.store import GraphStore


def plain(value: Any) -> Any:
    """A value as JSON has it: dates in ISO 8601, durations as ISO 8601 durations, decimals as numbers,
    BLOBs in base64, UUIDs as text, NaN and infinities as the strings "NaN", "Infinity", "-Infinity";
    a map whose keys are not all text as a list of [key, value] pairs."""
    if type(value) in _JSON_AS_IS:
        return value
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else _NON_FINITE[str(value)]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return _iso_duration(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: plain(v) for k, v in value.items()}
        return [[plain(k), plain(v)] for k, v in value.items()]
    return str(value)


_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
# Values JSON has as they are: most of an answer's, so they are told apart by one lookup.
_JSON_AS_IS = frozenset({str, int, bool, type(None)})


def _iso_duration(value: timedelta) -> str:
    """ISO 8601, as Neo4j writes durations: P3DT4H, PT1H30M, PT0.5S, P0D."""
    sign = "-" if value < timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    time_part = "".join(
        f"{amount:g}{unit}"
        for amount, unit in ((hours, "H"), (minutes, "M"), (seconds + value.microseconds / 1e6, "S"))
        if amount
    )
    days = f"{value.days}D" if value.days or not time_part else ""
    return f"{sign}P{days}{'T' + time_part if time_part else ''}"


def plain_row(columns: list[str], row: list[Any]) -> dict[str, Any]:
    """One row of an answer as JSON has it: column name to plain value."""
    return dict(zip(columns, [plain(v) for v in row], strict=True))


def run(
    store: GraphStore, query: queries.CannedQuery, params: Mapping[str, Any]
) -> tuple[list[str], list[list[Any]]]:
    """The query's columns and rows for bound parameters; an authority named in any case given as its
    code; a search query's claims found first by the store's full-text index."""
    params = with_authority_code(store, params)
    if query.search is None:
        return store.read(query.cypher, params)
    found = store.search_claims(params["text"], params["authority"], params["polarity"], params["limit"])
    if not found:  # LadybugDB cannot type an empty list parameter
        return list(query.columns), []
    return store.read(query.cypher, {**params, query.search: found})


def canned(store: GraphStore, name: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """{"query", "columns", "rows", "cypher"}; QueryError for an unknown query or a bad parameter, and
    UnknownValue when no row came back because the authority or theme names nothing in the graph."""
    query = queries.get(name)
    params = query.bind(given)
    columns, rows = run(store, query, params)
    if not rows:
        check_known(store, params)
    return {
        "query": query.name,
        "columns": columns,
        "rows": [plain_row(columns, row) for row in rows],
        "cypher": query.cypher,
    }
