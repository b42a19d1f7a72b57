"""Links between documents' facts: PREVIOUS, PREVIOUS_FULL, REFERS_TO and REPEATS, kept up to date one
authority at a time.

A document written or removed marks its authority `linksPending` in the same transaction; this step
recomputes the links of the pending authorities (and of those that succeeded them, whose claims may
repeat theirs) from what the graph keeps (each claim's lemmas, themes and reference to an earlier
event), writes the difference to what the graph holds and clears the marks, AUTHORITIES_PER_STEP
authorities at a time: their persistent areas and repeat tallies in one transaction, then their links
and marks in the next. So its cost follows what was loaded, a transaction's size does not grow with
how many authorities a load touched, a run over an unchanged graph writes nothing, a run after an
interrupted one completes it, and both stores run the same Cypher.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.names import P, node_type
from graph.persistent_areas import area_rows
from graph.repeat_links import (
    SIMILARITY_THRESHOLD,
    Claim,
    Event,
    Repeat,
    authority_references,
    authority_repeats,
)
from graph.repeat_tallies import RepeatEntry, tally_rows
from graph.rows import GraphRows, authority_table
from graph.store import GraphStore, Statement
from loaders.framework import FULL_INSPECTIONS
from ontology import L, R

REPEAT_PROPS = (P.method, P.similarity, P.gapYears, P.gapInspections)


@dataclass(frozen=True)
class LinkCounts:
    authorities: int  # authorities whose links were recomputed
    previous: int
    references: int
    repeats: int
    written: int  # relationships created, changed or deleted by this run


def _related(codes: Iterable[str], direction: str) -> set[str]:
    """The codes with all their predecessors or successors, transitively."""
    table = authority_table()
    found, todo = set(), list(codes)
    while todo:
        code = todo.pop()
        if code not in found:
            found.add(code)
            ref = table.get(code)
            todo.extend(getattr(ref, direction) if ref else ())
    return found


def _rows(store: GraphStore, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    columns, rows = store.read(cypher, params)
    return [dict(zip(columns, values, strict=True)) for values in rows]


def pending_authorities(store: GraphStore, everything: bool = False) -> list[str]:
    """The codes of the authorities whose documents changed since this step last ran for them (every
    authority with `everything`)."""
    authority = node_type(L.Authority)
    where = "" if everything else f"WHERE a.{P.linksPending} = true "
    pending = _rows(store, f"MATCH (a:{L.Authority}) {where}RETURN a.{authority.key} AS code", {})
    return sorted(row["code"] for row in pending)


def _scope(store: GraphStore, everything: bool) -> list[str]:
    everything = everything or _areas_missing(store) or _repeat_tallies_missing(store)
    return sorted(_related(pending_authorities(store, everything), "successors"))


def _areas_missing(store: GraphStore) -> bool:
    """A graph linked before persistent areas were kept: consecutive full inspections and no area.
    (One whose consecutive full inspections share no weak theme has none either: it is recomputed.)"""
    return store.never_derived(
        L.PersistentArea, f"(:{L.Inspection})-[x:{R.PREVIOUS_FULL}]->(:{L.Inspection})"
    )


def _repeat_tallies_missing(store: GraphStore) -> bool:
    """A graph linked before repeat tallies were kept."""
    return store.never_derived(L.RepeatTally, f"(:{L.Finding})-[x:{R.REPEATS}]->(:{L.Finding})")


def _events(store: GraphStore, codes: list[str]) -> dict[str, list[Event]]:
    """Each authority's dated events, earliest first (ties by id, so the order is total)."""
    inspection, authority = node_type(L.Inspection), node_type(L.Authority)
    rows = _rows(
        store,
        f"MATCH (i:{L.Inspection})-[:{R.OF_AUTHORITY}]->(a:{L.Authority}) WHERE a.{authority.key} IN $codes "
        f"RETURN a.{authority.key} AS authority, i.{inspection.key} AS id, i.{P.framework} AS framework, "
        f"coalesce(i.{P.startDate}, i.{P.publishedDate}) AS day",
        {"codes": codes},
    )
    events: dict[str, list[Event]] = defaultdict(list)
    for row in rows:
        if row["day"] is not None:
            events[row["authority"]].append(Event(row["id"], row["authority"], row["framework"], row["day"]))
    return {code: sorted(found, key=lambda e: (e.when, e.id)) for code, found in events.items()}


def _claims(store: GraphStore, inspections: list[str]) -> dict[str, list[Claim]]:
    """The claims of these inspections, each with the lemmas of the sentence before it."""
    inspection, finding, theme = node_type(L.Inspection), node_type(L.Finding), node_type(L.Theme)
    rows = _rows(
        store,
        f"MATCH (i:{L.Inspection})-[:{R.HAS_FINDING}]->(f:{L.Finding}) WHERE i.{inspection.key} IN $ids "
        f"OPTIONAL MATCH (f)-[:{R.ABOUT}]->(t:{L.Theme}) "
        f"RETURN i.{inspection.key} AS event, f.{finding.key} AS id, f.{P.polarity} AS polarity, "
        f"f.{P.polarityScore} AS score, f.{P.polarityMethod} AS method, "
        f"f.{P.lemmas} AS lemmas, f.{P.refersToKind} AS kind, f.{P.refersToDate} AS date, "
        f"f.{P.repeatOfPrevious} AS stated, "
        f"f.{P.paragraphStart} AS paragraph, f.{P.ordinal} AS ordinal, collect(t.{theme.key}) AS themes",
        {"ids": inspections},
    )
    # A claim's id is its document's part of the inspection's id plus its ordinal (finding_id): the
    # sentence before it is the previous claim of the same document and paragraph.
    for row in rows:
        row["document"] = row["id"].rsplit("-", 1)[0]
    rows.sort(key=lambda row: (row["document"], row["ordinal"]))
    claims: dict[str, list[Claim]] = defaultdict(list)
    before: dict[tuple[str, Any], str] = {}
    for row in rows:
        place = (row["document"], row["paragraph"])
        claims[row["event"]].append(
            Claim(
                row["id"],
                row["event"],
                row["polarity"] or "",
                row["score"] or 0.0,
                row["method"] or "",
                row["lemmas"] or "",
                frozenset(t for t in row["themes"] if t),
                row["kind"],
                row["date"],
                bool(row["stated"]),
                before.get(place, ""),
            )
        )
        before[place] = row["lemmas"] or ""
    return claims


def compute_previous(events: list[Event]) -> set[tuple[str, str]]:
    return {(later.id, earlier.id) for earlier, later in zip(events, events[1:], strict=False)}


def compute_previous_full(events: list[Event]) -> set[tuple[str, str]]:
    full = [event for event in events if event.framework in FULL_INSPECTIONS]
    return compute_previous(full)


def _existing(
    store: GraphStore, type_: str, source: str, target: str, codes: list[str], names: tuple[str, ...]
) -> dict[tuple[str, str], tuple]:
    """The links of this type from the scope's inspections, or from their claims."""
    authority = node_type(L.Authority)
    path = f"(a:{L.Authority})<-[:{R.OF_AUTHORITY}]-(s:{L.Inspection})"
    if source == L.Finding:
        path = f"(a:{L.Authority})<-[:{R.OF_AUTHORITY}]-(:{L.Inspection})-[:{R.HAS_FINDING}]->(s:{L.Finding})"
    extra = "".join(f", r.{name} AS {name}" for name in names)
    _, rows = store.read(
        f"MATCH {path} WHERE a.{authority.key} IN $codes MATCH (s)-[r:{type_}]->(b:{target}) "
        f"RETURN s.{node_type(source).key} AS source, b.{node_type(target).key} AS target{extra}",
        {"codes": codes},
    )
    return {(row[0], row[1]): tuple(row[2:]) for row in rows}


def _delete(type_: str, source: str, target: str, pairs: Iterable[tuple[str, str]]) -> Statement:
    source_key, target_key = node_type(source).key, node_type(target).key
    return (
        f"UNWIND $rows AS row MATCH (a:{source} {{{source_key}: row.source}})-[r:{type_}]->(b:{target}) "
        f"WHERE b.{target_key} = row.target DELETE r",
        {"rows": [{"source": s, "target": t} for s, t in sorted(pairs)]},
    )


def _merge(
    type_: str, source: str, target: str, rows: list[dict[str, Any]], names: tuple[str, ...]
) -> Statement:
    assignments = ", ".join(f"r.{name} = row.{name}" for name in names)
    return (
        # Two MATCH clauses: LadybugDB plans `MATCH (a ...), (b ...)` as a scan of the label's table.
        f"UNWIND $rows AS row MATCH (a:{source} {{{node_type(source).key}: row.source}}) "
        f"MATCH (b:{target} {{{node_type(target).key}: row.target}}) MERGE (a)-[r:{type_}]->(b)"
        + (f" SET {assignments}" if assignments else ""),
        {"rows": rows},
    )


def _sync(
    store: GraphStore,
    type_: str,
    source: str,
    target: str,
    codes: list[str],
    wanted: dict[tuple[str, str], tuple],
    names: tuple[str, ...] = (),
) -> tuple[list[Statement], int]:
    """Statements that bring the scope's links of this type to `wanted`, and how many they change."""
    held = _existing(store, type_, source, target, codes, names)
    stale = set(held) - set(wanted)
    changed = {pair: value for pair, value in wanted.items() if held.get(pair) != value}
    statements: list[Statement] = []
    if stale:
        statements.append(_delete(type_, source, target, stale))
    if changed:
        rows = [
            {"source": s, "target": t, **dict(zip(names, value, strict=True))}
            for (s, t), value in sorted(changed.items())
        ]
        statements.append(_merge(type_, source, target, rows, names))
    return statements, len(stale) + len(changed)


# Authorities whose events and claims are read and compared at a time, here and by every step that
# recomputes derived data per authority: bounds one read's rows and the memory of a step when every
# authority is recomputed, whatever the size of the graph.
AUTHORITIES_PER_STEP = 8
Links = dict[tuple[str, str], tuple]


def _entries(
    repeats: Iterable[Repeat], claim_of: dict[str, Claim], when: dict[str, date]
) -> Iterator[RepeatEntry]:
    """The links as the repeat tallies take them: with the later claim's event, date and themes."""
    for r in repeats:
        later = claim_of[r.later]
        yield RepeatEntry(
            r.later,
            r.earlier,
            r.method,
            r.similarity,
            r.gap_years,
            later.event,
            when[later.event],
            later.themes,
        )


def _authority_links(
    store: GraphStore, codes: list[str], threshold: float
) -> tuple[tuple[Links, ...], list[dict[str, Any]], list[dict[str, Any]]]:
    """PREVIOUS, PREVIOUS_FULL, REFERS_TO and REPEATS from these authorities' events and claims, and
    the rows of their persistent areas (graph.persistent_areas) and repeat tallies
    (graph.repeat_tallies)."""
    events = _events(store, sorted(_related(codes, "predecessors")))
    claims = _claims(store, sorted(e.id for found in events.values() for e in found))
    previous: Links = {}
    previous_full: Links = {}
    references: Links = {}
    repeats: Links = {}
    areas: list[dict[str, Any]] = []
    tallies: list[dict[str, Any]] = []
    claim_of = {claim.id: claim for found in claims.values() for claim in found}
    when = {event.id: event.when for found in events.values() for event in found}
    for code in codes:
        own_events = events.get(code, [])
        previous.update(dict.fromkeys(compute_previous(own_events), ()))
        own_full = compute_previous_full(own_events)
        previous_full.update(dict.fromkeys(own_full, ()))
        group = sorted(
            (e for member in _related([code], "predecessors") for e in events.get(member, [])),
            key=lambda e: (e.when, e.id),
        )
        own = [e.id for e in own_events]
        references.update(dict.fromkeys(authority_references(own, group, claims), ()))
        own_repeats = authority_repeats(own, group, claims, threshold)
        repeats.update(
            ((r.later, r.earlier), (r.method, r.similarity, r.gap_years, r.gap_inspections))
            for r in own_repeats
        )
        areas += area_rows(code, own_full, claims, ((r.later, r.earlier) for r in own_repeats))
        tallies += tally_rows(code, _entries(own_repeats, claim_of, when))
    return (previous, previous_full, references, repeats), areas, tallies


KINDS = (
    (R.PREVIOUS, L.Inspection, L.Inspection, ()),
    (R.PREVIOUS_FULL, L.Inspection, L.Inspection, ()),
    (R.REFERS_TO, L.Finding, L.Inspection, ()),
    (R.REPEATS, L.Finding, L.Finding, REPEAT_PROPS),
)


def _relink(store: GraphStore, codes: list[str], threshold: float) -> tuple[int, int, int, int]:
    """Recomputes and writes these authorities' persistent areas and repeat tallies, then their links,
    clearing their marks with the links (a run that dies between the two leaves them marked for the
    next); returns how many PREVIOUS, REFERS_TO and REPEATS they have, and how many links changed."""
    links, areas, tallies = _authority_links(store, codes, threshold)
    derived = GraphRows()
    for row in areas:
        derived.add_node(L.PersistentArea, row)
    for row in tallies:
        derived.add_node(L.RepeatTally, row)
    store.replace_derived(
        [
            (label, f"n.{P.authority} IN $codes", {"codes": codes})
            for label in (L.PersistentArea, L.RepeatTally)
        ],
        derived,
    )
    statements: list[Statement] = []
    written = 0
    for (type_, source, target, names), wanted in zip(KINDS, links, strict=True):
        more, changed = _sync(store, type_, source, target, codes, wanted, names)
        statements += more
        written += changed
    authority = node_type(L.Authority)
    statements.append(
        (
            f"MATCH (a:{L.Authority}) WHERE a.{authority.key} IN $codes AND a.{P.linksPending} = true "
            f"SET a.{P.linksPending} = false",
            {"codes": codes},
        )
    )
    store.write(statements)
    previous, _, references, repeats = links
    return len(previous), len(references), len(repeats), written


def recompute_links(
    store: GraphStore, everything: bool = False, threshold: float = SIMILARITY_THRESHOLD
) -> LinkCounts:
    """Brings the links of the pending authorities (every authority with `everything`) in line with
    their inspections and claims, AUTHORITIES_PER_STEP authorities at a time."""
    codes = _scope(store, everything)
    totals = [0, 0, 0, 0]
    for i in range(0, len(codes), AUTHORITIES_PER_STEP):
        counts = _relink(store, codes[i : i + AUTHORITIES_PER_STEP], threshold)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
    return LinkCounts(len(codes), *totals)
