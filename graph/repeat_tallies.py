"""Repeat tallies: per authority, and per theme and method of the later claim (each also "" for any),
the authority's REPEATS links, so that `repeated-findings` and `authorities-told-twice` read a few
nodes instead of joining every link to its claims, inspections and themes (1.3 to 2.9 s on either
store at 10,000 documents, 192,000 links).

A tally holds two kinds of lists:
- one entry per link, in the order `repeated-findings` shows them (the later event's date, the later
  claim, the earlier claim): its similarity and its two claims, from which the query takes its rows;
- one entry per similarity its links have, highest first (a few dozen: similarities are kept to two
  decimals), with what the links at least that similar add up to: how many, from how many events, the
  longest gap and the latest date. A minimum similarity is answered from the last entry it admits.

The links step derives the tallies from the links it has just computed, for the authorities it
recomputes, and writes them in the transaction that writes their persistent areas.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.names import P, node_type
from ontology import L

ANY = ""


@dataclass(frozen=True)
class RepeatEntry:
    """One REPEATS link, with what the tallies group and order it by."""

    later: str
    earlier: str
    method: str
    similarity: float
    gap_years: float
    event: str  # the later claim's inspection or visit
    day: date  # its date
    themes: frozenset[str]  # the later claim's


def _steps(links: list[RepeatEntry]) -> dict[str, list[Any]]:
    """Per similarity the links have, highest first: what the links at least that similar add up to."""
    steps: dict[str, list[Any]] = {
        P.stepSimilarities: [],
        P.stepRepeats: [],
        P.stepEvents: [],
        P.stepGaps: [],
        P.stepLatest: [],
    }
    events: set[str] = set()
    gap = 0.0
    latest = date.min
    ordered = sorted(links, key=lambda e: -e.similarity)
    for n, link in enumerate(ordered):
        events.add(link.event)
        gap, latest = max(gap, link.gap_years), max(latest, link.day)
        if n + 1 < len(ordered) and ordered[n + 1].similarity == link.similarity:
            continue  # the step's values once every link of this similarity is in them
        steps[P.stepSimilarities].append(link.similarity)
        steps[P.stepRepeats].append(n + 1)
        steps[P.stepEvents].append(len(events))
        steps[P.stepGaps].append(gap)
        steps[P.stepLatest].append(latest)
    return steps


def tally_rows(code: str, entries: Iterable[RepeatEntry]) -> list[dict[str, Any]]:
    """The node rows of one authority's tallies, one per (theme, method) its links have, with ""
    standing for any theme or any method."""
    grouped: dict[tuple[str, str], list[RepeatEntry]] = defaultdict(list)
    for entry in entries:
        for theme in (ANY, *entry.themes):
            for method in (ANY, entry.method):
                grouped[(theme, method)].append(entry)
    key = node_type(L.RepeatTally).key
    rows = []
    for (theme, method), links in sorted(grouped.items()):
        links.sort(key=lambda e: (e.day, e.later, e.earlier))
        rows.append(
            {
                key: f"{code}|{theme}|{method}",
                P.authority: code,
                P.theme: theme,
                P.method: method,
                P.highest: max(e.similarity for e in links),
                P.similarities: [e.similarity for e in links],
                P.laterClaims: [e.later for e in links],
                P.earlierClaims: [e.earlier for e in links],
                **_steps(links),
            }
        )
    return rows
