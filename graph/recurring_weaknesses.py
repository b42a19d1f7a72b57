"""Recurring weaknesses: per theme, how many authorities, inspections and claims judge it not good
enough (weakness or mixed claims), in the inspections of each year and later, with the classifier's
surest claims as samples, kept at load time so that `recurring-weaknesses` reads a few rows per theme
instead of every claim (8.5 s on the embedded store and 19 s on Neo4j at 10,000 documents).

Two layers, both recomputed by the step after every load:
- a weakness tally per authority, theme and year (claims, inspections and the ids of the surest
  claims), recomputed from the claims for the authorities the load marked `linksPending`, as the
  theme tallies are (graph.theme_tallies);
- a recurring weakness per theme and first year, recomputed from the weakness tallies of every
  authority for the themes whose tallies changed. Authorities are not a sum over years, so each row
  counts the years from its own on; the query picks, per theme, the row of the first year at or
  after the one asked. An authority's inspections and claims fall in one year each, so those are.

Both layers of a run are replaced in one transaction, so a run that dies leaves them as they were.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any

from graph.links import AUTHORITIES_PER_STEP, pending_authorities
from graph.names import P, node_type
from graph.rows import GraphRows
from graph.store import GraphStore
from ontology import L, R

# Polarities that judge a theme not good enough.
SHORTFALL = ("weakness", "mixed")
# Samples kept per tally and per recurring weakness: the most a query can ask for.
SAMPLES_KEPT = 10


@dataclass(frozen=True)
class Tally:
    authority: str
    theme: str
    year: int
    findings: int
    inspections: int
    samples: tuple[tuple[float, str], ...]  # (score, claim id), surest first

    @property
    def key(self) -> str:
        return f"{self.authority}|{self.theme}|{self.year}"


def _surest(samples: Iterable[tuple[float, str]]) -> tuple[tuple[float, str], ...]:
    """The claims in the order the query shows them: highest score first, then by id."""
    return tuple(islice(sorted(set(samples), key=lambda s: (-s[0], s[1])), SAMPLES_KEPT))


def authority_tallies(store: GraphStore, codes: list[str]) -> list[Tally]:
    """The weakness tallies of these authorities, from their claims. A claim without a year (its
    inspection has no date) falls in no year, as in the query's `year >= since`."""
    authority, theme = node_type(L.Authority).key, node_type(L.Theme).key
    inspection, finding = node_type(L.Inspection).key, node_type(L.Finding).key
    _, rows = store.read(
        f"UNWIND $codes AS code MATCH (a:{L.Authority} {{{authority}: code}})<-[:{R.OF_AUTHORITY}]-"
        f"(i:{L.Inspection})-[:{R.HAS_FINDING}]->(f:{L.Finding})-[:{R.ABOUT}]->(t:{L.Theme}) "
        f"WHERE f.{P.polarity} IN $shortfall AND i.{P.year} IS NOT NULL "
        f"RETURN code, t.{theme} AS theme, i.{P.year} AS year, i.{inspection} AS inspection, "
        f"f.{finding} AS claim, f.{P.polarityScore} AS score",
        {"codes": codes, "shortfall": list(SHORTFALL)},
    )
    claims: dict[tuple[str, str, int], set[tuple[str, float, str]]] = defaultdict(set)
    for code, theme_id, year, inspection_id, claim, score in rows:
        claims[(code, theme_id, int(year))].add((inspection_id, float(score), claim))
    return [
        Tally(
            code,
            theme_id,
            year,
            len({claim for _, _, claim in found}),
            len({inspection_id for inspection_id, _, _ in found}),
            _surest((score, claim) for _, score, claim in found),
        )
        for (code, theme_id, year), found in sorted(claims.items())
    ]


def _stored_tallies(store: GraphStore, themes: list[str], except_codes: list[str]) -> list[Tally]:
    """The stored tallies of these themes, but for those of `except_codes`."""
    _, rows = store.read(
        f"MATCH (w:{L.WeaknessTally}) WHERE w.{P.theme} IN $themes AND NOT w.{P.authority} IN $codes "
        f"RETURN w.{P.authority}, w.{P.theme}, w.{P.year}, w.{P.findings}, w.{P.inspections}, "
        f"w.{P.samples}, w.{P.sampleScores}",
        {"themes": themes, "codes": except_codes},
    )
    return [
        Tally(code, theme, int(year), int(found), int(inspections), tuple(zip(scores, claims, strict=True)))
        for code, theme, year, found, inspections, claims, scores in rows
    ]


def _themes_of(store: GraphStore, codes: list[str]) -> set[str]:
    _, rows = store.read(
        f"MATCH (w:{L.WeaknessTally}) WHERE w.{P.authority} IN $codes RETURN DISTINCT w.{P.theme}",
        {"codes": codes},
    )
    return {row[0] for row in rows}


def recurring_rows(tallies: Iterable[Tally]) -> GraphRows:
    """The recurring weaknesses of the tallies' themes, each with its SAMPLE relationships."""
    by_theme: dict[str, dict[int, list[Tally]]] = defaultdict(lambda: defaultdict(list))
    for tally in tallies:
        by_theme[tally.theme][tally.year].append(tally)
    rows = GraphRows()
    key = node_type(L.RecurringWeakness).key
    for theme, years in by_theme.items():
        authorities: set[str] = set()
        inspections = findings = 0
        samples: tuple[tuple[float, str], ...] = ()
        for year in sorted(years, reverse=True):  # each row adds its year to the later ones
            for tally in years[year]:
                authorities.add(tally.authority)
                inspections += tally.inspections
                findings += tally.findings
                samples = _surest(samples + tally.samples)
            node = f"{theme}|{year}"
            rows.add_node(
                L.RecurringWeakness,
                {
                    key: node,
                    P.theme: theme,
                    P.since: year,
                    P.authorities: len(authorities),
                    P.inspections: inspections,
                    P.findings: findings,
                },
            )
            for _, claim in samples:
                rows.add_rel(R.SAMPLE, node, claim)
    return rows


def _tally_row(tally: Tally) -> dict[str, Any]:
    return {
        node_type(L.WeaknessTally).key: tally.key,
        P.authority: tally.authority,
        P.theme: tally.theme,
        P.year: tally.year,
        P.findings: tally.findings,
        P.inspections: tally.inspections,
        P.samples: [claim for _, claim in tally.samples],
        P.sampleScores: [score for score, _ in tally.samples],
    }


def recompute_recurring_weaknesses(store: GraphStore, everything: bool = False) -> int:
    """The weakness tallies of the authorities whose documents changed (every authority with
    `everything`, or when the graph has claims and no tallies), and the recurring weaknesses of every
    theme whose tallies that changed, in one transaction. Returns how many authorities were recomputed."""
    codes = pending_authorities(store, everything or _missing(store))
    if not codes:
        return 0
    fresh: list[Tally] = []
    for i in range(0, len(codes), AUTHORITIES_PER_STEP):
        fresh += authority_tallies(store, codes[i : i + AUTHORITIES_PER_STEP])
    themes = sorted(_themes_of(store, codes) | {tally.theme for tally in fresh})
    rows = recurring_rows([*fresh, *_stored_tallies(store, themes, codes)])
    for tally in fresh:
        rows.add_node(L.WeaknessTally, _tally_row(tally))
    store.replace_derived(
        [
            (L.WeaknessTally, f"n.{P.authority} IN $codes", {"codes": codes}),
            (L.RecurringWeakness, f"n.{P.theme} IN $themes", {"themes": themes}),
        ],
        rows,
    )
    return len(codes)


def _missing(store: GraphStore) -> bool:
    return store.never_derived(
        L.WeaknessTally,
        f"(x:{L.Finding})-[:{R.ABOUT}]->(:{L.Theme}) WHERE x.{P.polarity} IN $shortfall",
        {"shortfall": list(SHORTFALL)},
    )
