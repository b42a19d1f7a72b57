"""The load's people step: inspector nodes that are one person (`graph.same_person`) become one node,
which keeps every spelling as an alias; alike names without the evidence are linked POSSIBLY_SAME.

It runs over every inspector after each load or delete: a document written since may have brought a
spelling back as a node of its own. On an unchanged graph it writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.names import P, node_type
from graph.same_person import Person, Verdict, candidate_pairs, judge
from graph.store import GraphStore, Statement
from ontology import L, R


@dataclass(frozen=True)
class PeopleCounts:
    merged: int  # inspector nodes folded into another
    candidates: int  # POSSIBLY_SAME links now in the graph


def people(store: GraphStore) -> list[Person]:
    key = node_type(L.Inspector).key
    inspection_key = node_type(L.Inspection).key
    _, rows = store.read(
        f"MATCH (p:{L.Inspector})-[:{R.INSPECTED}]->(i:{L.Inspection}) "
        f"RETURN p.{key}, p.{P.name}, p.{P.aliases}, i.{inspection_key}, i.{P.year}"
    )
    names: dict[str, tuple[str, list[str]]] = {}
    inspections: dict[str, set[str]] = {}
    years: dict[str, set[int]] = {}
    teams: dict[str, set[str]] = {}
    for person, name, aliases, inspection, year in rows:
        names[person] = (name, aliases or [name])
        inspections.setdefault(person, set()).add(inspection)
        if year is not None:
            years.setdefault(person, set()).add(year)
        teams.setdefault(inspection, set()).add(person)
    return [
        Person(
            id=person,
            name=names[person][0],
            inspections=frozenset(inspections[person]),
            years=frozenset(years.get(person, set())),
            co_inspectors=frozenset().union(*(teams[i] for i in inspections[person])) - {person},
            aliases=frozenset(names[person][1]),
        )
        for person in sorted(names)
    ]


def verdicts(persons: list[Person]) -> list[Verdict]:
    """The verdict on every pair of alike names among the people."""
    found = (judge(a, b) for a, b in candidate_pairs(persons))
    return [verdict for verdict in found if verdict is not None]


def _clusters(persons: list[Person], same: list[Verdict]) -> dict[str, str]:
    """Each merged person's id -> the id of the node that keeps them: of each group of one person's
    nodes, the one with the most inspections (then the first id)."""
    parent = {p.id: p.id for p in persons}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for verdict in same:
        parent[root(verdict.a)] = root(verdict.b)
    groups: dict[str, list[Person]] = {}
    for person in persons:
        groups.setdefault(root(person.id), []).append(person)
    keeper: dict[str, str] = {}
    for group in groups.values():
        kept = min(group, key=lambda p: (-len(p.inspections), p.id))
        keeper.update({p.id: kept.id for p in group if p.id != kept.id})
    return keeper


def resolve_people(store: GraphStore) -> PeopleCounts:
    persons = people(store)
    found = verdicts(persons)
    keeper = _clusters(persons, [v for v in found if v.same_person])
    weak = {
        (min(a, b), max(a, b))
        for a, b in ((keeper.get(v.a, v.a), keeper.get(v.b, v.b)) for v in found if not v.same_person)
        if a != b
    }
    key = node_type(L.Inspector).key
    inspector = f"{L.Inspector} {{{key}: $%s}}"
    _, rows = store.read(
        f"MATCH (a:{L.Inspector})-[:{R.POSSIBLY_SAME}]->(b:{L.Inspector}) RETURN a.{key}, b.{key}"
    )
    existing = {(a, b) for a, b in rows}
    by_id = {p.id: p for p in persons}
    statements: list[Statement] = []
    kept: dict[str, set[str]] = {}
    for drop, keep in sorted(keeper.items()):
        kept.setdefault(keep, set(by_id[keep].aliases)).update(by_id[drop].aliases)
        statements.append(
            (
                f"MATCH (d:{inspector % 'drop'})-[r:{R.INSPECTED}]->(i:{L.Inspection}) "
                f"MATCH (k:{inspector % 'keep'}) MERGE (k)-[m:{R.INSPECTED}]->(i) "
                f"SET m.{P.role} = r.{P.role}, m.{P.inspects} = r.{P.inspects}",
                {"drop": drop, "keep": keep},
            )
        )
        statements.append((f"MATCH (d:{inspector % 'drop'}) DETACH DELETE d", {"drop": drop}))
    for keep, aliases in sorted(kept.items()):
        statements.append(
            (
                f"MATCH (k:{inspector % 'keep'}) SET k.{P.aliases} = $aliases",
                {"keep": keep, "aliases": sorted(aliases)},
            )
        )
    for a, b in sorted(existing - weak):
        statements.append(
            (
                f"MATCH (a:{inspector % 'a'})-[r:{R.POSSIBLY_SAME}]->(b:{inspector % 'b'}) DELETE r",
                {"a": a, "b": b},
            )
        )
    for a, b in sorted(weak - existing):
        statements.append(
            (
                f"MATCH (a:{inspector % 'a'}) MATCH (b:{inspector % 'b'}) "
                f"MERGE (a)-[:{R.POSSIBLY_SAME}]->(b)",
                {"a": a, "b": b},
            )
        )
    if statements:
        store.write(statements)
    return PeopleCounts(len(keeper), len(weak))
