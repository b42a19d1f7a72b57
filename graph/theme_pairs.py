"""Pairs of themes raised in one claim, kept at load time: per authority and polarity, how many claims
were about each pair (`PairTally`), and per polarity, summed over the authorities (`PairTotal`), which
`theme-co-occurrence` reads instead of every pair of ABOUT relationships of every claim.

A pair tally holds its counts as "theme|other theme|claims" entries of one list: a few hundred pairs
per authority and polarity, so that the totals are summed from about 800 nodes rather than a quarter
of a million. It is recomputed from the claims for the authorities a load marked (as the theme
tallies are), and the totals are summed again from every pair tally after any were. A total's
polarity "" counts the claims of every polarity (each claim has one, so its claims are the sum; its
authorities are those with the pair in any polarity).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from graph.links import AUTHORITIES_PER_STEP, pending_authorities
from graph.names import P, node_type
from graph.store import GraphStore
from ontology import L, R

ANY_POLARITY = ""


def recompute_pairs(store: GraphStore, everything: bool = False) -> int:
    """The pair tallies of the authorities whose documents changed (every authority with
    `everything`, or when the graph has claims about two themes and no pair tallies), each step's
    authorities in one transaction, then the totals. Returns how many authorities were recomputed."""
    codes = pending_authorities(store, everything or _tallies_missing(store))
    for i in range(0, len(codes), AUTHORITIES_PER_STEP):
        step = codes[i : i + AUTHORITIES_PER_STEP]
        store.replace_nodes(
            L.PairTally, f"n.{P.authority} IN $codes", {"codes": step}, tally_rows(store, step)
        )
    if codes or _totals_missing(store):
        key = node_type(L.PairTotal).key
        store.replace_nodes(L.PairTotal, f"n.{key} IS NOT NULL", {}, total_rows(store))
    return len(codes)


def tally_rows(store: GraphStore, codes: list[str]) -> list[dict[str, Any]]:
    """The pair tallies of the authorities, as node rows."""
    authority, theme = node_type(L.Authority).key, node_type(L.Theme).key
    _, rows = store.read(
        f"UNWIND $codes AS code MATCH (a:{L.Authority} {{{authority}: code}})<-[:{R.OF_AUTHORITY}]-"
        f"(:{L.Inspection})-[:{R.HAS_FINDING}]->(f:{L.Finding})-[:{R.ABOUT}]->(t:{L.Theme}) "
        f"WITH code, f, collect(DISTINCT t.{theme}) AS themes WHERE size(themes) > 1 "
        f"RETURN code, f.{P.polarity} AS polarity, themes",
        {"codes": codes},
    )
    counts: dict[tuple[str, str], dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for code, polarity, themes in rows:
        for pair in combinations(sorted(themes), 2):
            counts[(code, polarity)][pair] += 1
    key = node_type(L.PairTally).key
    return [
        {
            key: f"{code}|{polarity}",
            P.authority: code,
            P.polarity: polarity,
            P.pairs: [f"{a}|{b}|{n}" for (a, b), n in sorted(pairs.items())],
        }
        for (code, polarity), pairs in sorted(counts.items())
    ]


def total_rows(store: GraphStore) -> list[dict[str, Any]]:
    """The pair totals, from every pair tally: per polarity (and "" for any) and pair, the claims and
    the authorities with one."""
    _, rows = store.read(f"MATCH (c:{L.PairTally}) RETURN c.{P.authority}, c.{P.polarity}, c.{P.pairs}")
    claims: dict[tuple[str, str, str], int] = defaultdict(int)
    authorities: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for code, polarity, pairs in rows:
        for entry in pairs:
            theme, other, count = entry.rsplit("|", 2)
            for counted in (polarity, ANY_POLARITY):
                claims[(counted, theme, other)] += int(count)
                authorities[(counted, theme, other)].add(code)
    key = node_type(L.PairTotal).key
    return [
        {
            key: "|".join(pair),
            P.polarity: pair[0],
            P.theme: pair[1],
            P.otherTheme: pair[2],
            P.findings: claims[pair],
            P.authorities: len(authorities[pair]),
        }
        for pair in sorted(claims)
    ]


def _tallies_missing(store: GraphStore) -> bool:
    return store.never_derived(
        L.PairTally,
        f"(s:{L.Theme})<-[:{R.ABOUT}]-(x:{L.Finding})-[:{R.ABOUT}]->(o:{L.Theme}) "
        f"WHERE s.{node_type(L.Theme).key} <> o.{node_type(L.Theme).key}",
    )


def _totals_missing(store: GraphStore) -> bool:
    return store.never_derived(L.PairTotal, f"(x:{L.PairTally})")
