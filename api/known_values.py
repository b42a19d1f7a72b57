"""Parameters that name things in the graph. An authority is given as an ONS code or a name in any
case, and handed to the canned queries as the graph spells its code: the queries compare it with the
code and the exact name only, which both stores find through an index (a case-insensitive test in
the Cypher made Neo4j's planner expect most authorities to pass it, and start from every claim).
An empty answer whose authority or theme names nothing in the graph is a typo, not a finding: say
so, with the closest names the graph holds."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import queries
from graph.names import P, node_type
from graph.store import GraphStore
from ontology import L

SUGGESTIONS = 3


class UnknownValue(queries.ParameterError):
    """A parameter naming no authority or theme of the graph; the message suggests close matches."""


def with_authority_code(store: GraphStore, params: Mapping[str, Any]) -> dict[str, Any]:
    """`params` with its authority, if it names one of the graph's (code or name, any case), as that
    authority's code; otherwise unchanged."""
    given = str(params.get("authority") or "").strip()
    if not given:
        return dict(params)
    key = node_type(L.Authority).key
    _, rows = store.read(
        f"MATCH (a:{L.Authority}) WHERE a.{key} = $given OR lower(a.{P.name}) = lower($given) "
        f"RETURN a.{key} AS code ORDER BY code",
        {"given": given},
    )
    return {**params, "authority": rows[0][0]} if rows else dict(params)


def check_known(store: GraphStore, params: Mapping[str, Any]) -> None:
    """UnknownValue if `params` has an authority or theme that the graph does not hold."""
    authority = str(params.get("authority") or "").strip()
    if authority:
        _check_authority(store, authority)
    theme = str(params.get("theme") or "").strip()
    if theme:
        _check_theme(store, theme)


def _check_authority(store: GraphStore, given: str) -> None:
    key = node_type(L.Authority).key
    _, rows = store.read(f"MATCH (a:{L.Authority}) RETURN a.{key} AS code, a.{P.name} AS name")
    names = {str(name).lower(): (code, name) for code, name in rows if name}
    if given in {code for code, _ in rows} or given.lower() in names:
        return
    close = difflib.get_close_matches(given.lower(), list(names), n=SUGGESTIONS, cutoff=0.6)
    hint = ", ".join(f"{names[c][1]} ({names[c][0]})" for c in close)
    raise UnknownValue(
        "authority",
        f"no authority {given!r} (an ONS code or a name)" + (f"; did you mean {hint}?" if hint else ""),
    )


def _check_theme(store: GraphStore, given: str) -> None:
    key = node_type(L.Theme).key
    _, rows = store.read(f"MATCH (t:{L.Theme}) RETURN t.{key} AS id, t.{P.label} AS label")
    ids = {str(theme_id): label for theme_id, label in rows}
    if given in ids:
        return
    by_label = {str(label).lower(): theme_id for theme_id, label in rows if label}
    close = difflib.get_close_matches(given.lower(), [*ids, *by_label], n=SUGGESTIONS, cutoff=0.6)
    hint = ", ".join(dict.fromkeys(by_label.get(c, c) for c in close))
    raise UnknownValue(
        "theme",
        f"no theme {given!r} (a theme id, see GET /themes)" + (f"; did you mean {hint}?" if hint else ""),
    )
