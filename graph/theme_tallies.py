"""Theme tallies: per authority, theme, polarity and year, how many claims were made about the theme
and in how many inspections, kept at load time so that whole-graph questions (how often each theme
is raised, in how many authorities, year by year) read a few thousand tallies instead of every claim
(a tally of recommendations also lists them, with their inspections' start dates, so that the newest
on a theme are found among a theme's tallies);
theme totals: the tallies summed per theme and polarity across authorities and years, which the
questions about each theme across the graph read (a few hundred rows instead of every tally); and
each authority's development themes: the themes its tallies of weaknesses, mixed claims and
recommendations hold, which `authorities-like` compares (one list per authority).

They are kept up to date one authority at a time, as the links are (graph.links): the step after a
load recomputes the tallies of the authorities the load marked `linksPending`, from their claims,
each authority's old tallies replaced in the same transaction, and its development themes with
them. A graph with claims and no tallies at all (loaded before tallies existed) has every
authority's computed; one with tallies and no development themes has those read from its tallies.
The totals are summed again from every tally after any authority's were recomputed (a few hundred
milliseconds at 10,000 documents): a load that dies between the two leaves its authorities marked,
so the next load recomputes both.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from graph.links import AUTHORITIES_PER_STEP, pending_authorities
from graph.names import P, node_type
from graph.rows import GraphRows
from graph.store import GraphStore
from ontology import L, R

# What `authorities-like` compares authorities by: the themes they were told to improve.
DEVELOPMENT = ("weakness", "mixed", "recommendation")
RECOMMENDATION = "recommendation"
# The claims of the authorities' inspections (`code`, `i`, `f`), and a claim's themes with their broader.
_AUTHORITY_CLAIMS = (
    f"UNWIND $codes AS code MATCH (a:{L.Authority} {{{node_type(L.Authority).key}: code}})"
    f"<-[:{R.OF_AUTHORITY}]-(i:{L.Inspection})-[:{R.HAS_FINDING}]->(f:{L.Finding})"
)
_ABOUT_OR_NARROWER = f"-[:{R.ABOUT}]->(:{L.Theme})-[:{R.BROADER}*0..1]->(t:{L.Theme})"
# A recommendation's date where its inspection's start is not known: sorted last, newest first.
UNDATED = date(1, 1, 1)


def _counts(
    store: GraphStore, codes: list[str], with_narrower: bool
) -> dict[tuple[Any, ...], tuple[int, int]]:
    """(authority, theme, polarity, year) -> (claims, inspections) about the theme, or about it or a
    narrower theme, each claim and inspection counted once."""
    key = node_type(L.Theme).key
    about = _ABOUT_OR_NARROWER if with_narrower else f"-[:{R.ABOUT}]->(t:{L.Theme})"
    _, rows = store.read(
        f"{_AUTHORITY_CLAIMS}{about} "
        f"RETURN code, t.{key} AS theme, f.{P.polarity} AS polarity, i.{P.year} AS year, "
        "count(DISTINCT f) AS findings, count(DISTINCT i) AS inspections",
        {"codes": codes},
    )
    return {
        (code, theme_id, polarity, year): (int(f), int(i)) for code, theme_id, polarity, year, f, i in rows
    }


def _recommendations(store: GraphStore, codes: list[str]) -> dict[tuple[Any, ...], list[tuple[str, date]]]:
    """(authority, theme, "recommendation", year) -> each recommendation about the theme or a
    narrower theme, by id, with its inspection's start date (UNDATED where none is known)."""
    key = node_type(L.Theme).key
    _, rows = store.read(
        f"{_AUTHORITY_CLAIMS}{_ABOUT_OR_NARROWER} WHERE f.{P.polarity} = $polarity "
        f"RETURN DISTINCT code, t.{key} AS theme, i.{P.year} AS year, f.{node_type(L.Finding).key} AS id, "
        f"i.{P.startDate} AS started",
        {"codes": codes, "polarity": RECOMMENDATION},
    )
    found: dict[tuple[Any, ...], list[tuple[str, date]]] = {}
    for code, theme_id, year, claim, started in rows:
        found.setdefault((code, theme_id, RECOMMENDATION, year), []).append((claim, started or UNDATED))
    return {key: sorted(claims) for key, claims in found.items()}


def tally_rows(store: GraphStore, codes: list[str]) -> list[dict[str, Any]]:
    """The tallies of the authorities, as node rows."""
    direct = _counts(store, codes, with_narrower=False)
    wider = _counts(store, codes, with_narrower=True)
    recommendations = _recommendations(store, codes)
    rows = []
    for key in sorted(wider, key=lambda k: tuple("" if v is None else str(v) for v in k)):
        code, theme, polarity, year = key
        findings, inspections = direct.get(key, (0, 0))
        row = {
            node_type(L.ThemeTally).key: "|".join("" if v is None else str(v) for v in key),
            P.authority: code,
            P.theme: theme,
            P.polarity: polarity,
            P.year: year,
            P.findings: findings,
            P.inspections: inspections,
            P.findingsWithNarrower: wider[key][0],
            P.inspectionsWithNarrower: wider[key][1],
        }
        if key in recommendations:
            row[P.recommendations] = [claim for claim, _ in recommendations[key]]
            row[P.recommendationDates] = [started for _, started in recommendations[key]]
        rows.append(row)
    return rows


def recompute_tallies(store: GraphStore, everything: bool = False) -> int:
    """The tallies of the authorities whose documents changed (every authority with `everything`, or
    when the graph has claims and no tallies), each step's authorities in one transaction. Returns
    how many authorities were recomputed."""
    codes = pending_authorities(store, everything or _missing(store))
    if _development_missing(store):  # tallies kept before development themes were: read from them
        key = node_type(L.DevelopmentThemes).key
        store.replace_nodes(L.DevelopmentThemes, f"n.{key} IS NOT NULL", {}, _development_from_tallies(store))
    for i in range(0, len(codes), AUTHORITIES_PER_STEP):
        step = codes[i : i + AUTHORITIES_PER_STEP]
        tallies = tally_rows(store, step)
        rows = GraphRows()
        for label, found in ((L.ThemeTally, tallies), (L.DevelopmentThemes, development_rows(tallies))):
            for row in found:
                rows.add_node(label, row)
        selected = f"n.{P.authority} IN $codes"
        store.replace_derived(
            [(L.ThemeTally, selected, {"codes": step}), (L.DevelopmentThemes, selected, {"codes": step})],
            rows,
        )
    if codes or _totals_missing(store):
        key = node_type(L.ThemeTotal).key
        store.replace_nodes(L.ThemeTotal, f"n.{key} IS NOT NULL", {}, total_rows(store))
    return len(codes)


def development_rows(tallies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each authority's development themes, from its tally rows: one node row per authority with
    any."""
    return _development_nodes(
        (tally[P.authority], tally[P.theme])
        for tally in tallies
        if tally[P.polarity] in DEVELOPMENT and tally[P.findings] > 0
    )


def _development_from_tallies(store: GraphStore) -> list[dict[str, Any]]:
    """Every authority's development themes, read from the kept tallies."""
    _, rows = store.read(
        f"MATCH (c:{L.ThemeTally}) WHERE c.{P.polarity} IN $development AND c.{P.findings} > 0 "
        f"RETURN DISTINCT c.{P.authority}, c.{P.theme}",
        {"development": list(DEVELOPMENT)},
    )
    return _development_nodes((code, theme) for code, theme in rows)


def _development_nodes(found: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """One node row per authority of the (authority, theme) pairs, with its themes in id order."""
    themes: dict[str, set[str]] = {}
    for code, theme in found:
        themes.setdefault(code, set()).add(theme)
    key = node_type(L.DevelopmentThemes).key
    return [{key: code, P.authority: code, P.themes: sorted(ids)} for code, ids in sorted(themes.items())]


def total_rows(store: GraphStore) -> list[dict[str, Any]]:
    """The theme totals, from every tally: per theme and polarity, the authorities with a claim about
    the theme, and the inspections and claims (each inspection has one authority and one year, and
    each claim one polarity, so the sums count each once)."""
    _, rows = store.read(
        f"MATCH (c:{L.ThemeTally}) WHERE c.{P.findings} > 0 "
        f"RETURN c.{P.theme} AS theme, c.{P.polarity} AS polarity, "
        f"count(DISTINCT c.{P.authority}) AS authorities, sum(c.{P.inspections}) AS inspections, "
        f"sum(c.{P.findings}) AS findings"
    )
    key = node_type(L.ThemeTotal).key
    return [
        {
            key: f"{theme}|{polarity}",
            P.theme: theme,
            P.polarity: polarity,
            P.authorities: int(authorities),
            P.inspections: int(inspections),
            P.findings: int(findings),
        }
        for theme, polarity, authorities, inspections, findings in sorted(rows)
    ]


def _development_missing(store: GraphStore) -> bool:
    return store.never_derived(
        L.DevelopmentThemes,
        f"(x:{L.ThemeTally}) WHERE x.{P.polarity} IN $development AND x.{P.findings} > 0",
        {"development": list(DEVELOPMENT)},
    )


def _totals_missing(store: GraphStore) -> bool:
    return store.never_derived(L.ThemeTotal, f"(x:{L.ThemeTally}) WHERE x.{P.findings} > 0")


def _missing(store: GraphStore) -> bool:
    return store.never_derived(L.ThemeTally, f"(:{L.Finding})-[x:{R.ABOUT}]->(:{L.Theme})")
