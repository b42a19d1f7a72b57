"""Spelling variants of one inspector become one node that keeps every spelling; alike names of
different people stay apart, linked POSSIBLY_SAME where the names alone would allow one person."""

from __future__ import annotations

from datetime import date

import pytest
from test_graph_stores import make_extraction

from api import answers
from graph.same_person import Person, judge, name_variant
from graph.store import GraphStore
from ingest.pipeline import load_extractions
from loaders.identifiers import inspector_id
from loaders.records import DocumentExtraction, InspectorRecord

# The spellings that split people in the shared corpus (each pair: the usual one, then the other).
VARIANTS = [
    ("Fiona Millns", "Fiona Milnns"),
    ("Janet Fraser", "Janet Frazer"),
    ("Andrew Waugh", "Andy Waugh"),
    ("Clare Atkinson", "Claire Atkinson"),
    ("Matthew Reed", "Matt Reed"),
    ("Stella Elliott", "Stella Elliot"),
    ("Christine Williams", "Chris Williams"),
]
# Names of different people that no evidence could make one: not alike at all.
UNLIKE = [("John Smith", "Joan Smith"), ("Sarah Hill", "Sarah Hall"), ("Ann Jones", "Anna Johns")]


@pytest.mark.parametrize(("usual", "other"), VARIANTS)
def test_the_corpus_spellings_are_alike(usual: str, other: str) -> None:
    assert name_variant(usual, other) is not None


@pytest.mark.parametrize(("a", "b"), UNLIKE)
def test_names_of_different_people_are_not_alike(a: str, b: str) -> None:
    assert name_variant(a, b) is None


def _person(name: str, inspections: set[str], years: set[int], co: set[str]) -> Person:
    return Person(inspector_id(name), name, frozenset(inspections), frozenset(years), frozenset(co))


def test_evidence_decides_between_alike_names() -> None:
    # A letter added, dropped or swapped needs one co-inspector in common; a changed one, two.
    stella = _person("Stella Elliott", {"a", "b"}, {2017, 2018}, {"x", "y"})
    assert judge(stella, _person("Stella Elliot", {"c"}, {2016}, {"x"})).same_person  # type: ignore[union-attr]
    fraser = _person("Janet Fraser", {"a", "b", "c"}, {2014, 2016}, {"x", "y"})
    assert judge(fraser, _person("Janet Frazer", {"d"}, {2014}, {"x", "y"})).same_person  # type: ignore[union-attr]
    assert not judge(fraser, _person("Janet Frazer", {"d"}, {2014}, {"x"})).same_person  # type: ignore[union-attr]
    # Alike names years apart, or on one team, are two people.
    jane = _person("Jane Smith", {"a"}, {2010}, {"x"})
    assert not judge(jane, _person("Janet Smith", {"b"}, {2020}, {"x"})).same_person  # type: ignore[union-attr]
    assert not judge(jane, _person("Janet Smith", {"a"}, {2010}, {"x"})).same_person  # type: ignore[union-attr]
    # A one-off spelling beside a usual one, where no co-inspector is known: a slip of the pen.
    often = _person("Kathryn Grindrod", {"a", "b", "c"}, {2023}, set())
    assert judge(often, _person("Kathryn Grindod", {"d"}, {2023}, set())).same_person  # type: ignore[union-attr]


def _with_team(extraction: DocumentExtraction, team: list[tuple[str, str]]) -> DocumentExtraction:
    return extraction.model_copy(
        update={"inspectors": [InspectorRecord(id=inspector_id(n), name=n, role=r) for n, r in team]}
    )


def _reports() -> list[DocumentExtraction]:
    """Inspections of 2014-2018 whose teams spell people both ways, with colleagues in common; and a
    Jane Smith of 2012 and a Janet Smith of 2018 who never worked with the same people."""
    reports = []
    for n, (usual, other) in enumerate(VARIANTS):
        colleagues = [(f"Colleague{n} Person", "team inspector"), ("Pat Common", "team inspector")]
        for k, name in enumerate([usual, usual, other]):
            base = make_extraction(n % 3, date(2014 + k, 3, 1 + n), findings=2, version=10 * n + k)
            reports.append(_with_team(base, [(name, "team inspector"), *colleagues]))
    reports.append(
        _with_team(make_extraction(0, date(2012, 5, 7), findings=1), [("Jane Smith", "lead inspector")])
    )
    reports.append(
        _with_team(make_extraction(1, date(2018, 9, 3), findings=1), [("Janet Smith", "lead inspector")])
    )
    return reports


def test_spelling_variants_are_one_inspector_on_both_stores(store: GraphStore) -> None:
    store.load_reference_data()
    load_extractions(store, _reports())
    _, rows = store.read(
        "MATCH (p:Inspector)-[:INSPECTED]->(i:Inspection) RETURN p.name, p.aliases, count(i)"
    )
    people = {name: (sorted(aliases), n) for name, aliases, n in rows}
    for usual, other in VARIANTS:
        assert people[usual] == (sorted([usual, other]), 3), usual
        assert other not in people
    _, rows = store.read("MATCH (a:Inspector)-[:POSSIBLY_SAME]->(b:Inspector) RETURN a.name, b.name")
    assert rows == [["Jane Smith", "Janet Smith"]]
    workload = answers.canned(store, "inspector-workload", {"limit": 100})["rows"]
    assert {row["name"] for row in workload} >= {usual for usual, _ in VARIANTS}
    assert not {row["name"] for row in workload} & {other for _, other in VARIANTS}
    # Loading the same documents again, or a variant's document once more, changes nothing.
    before = store.counts()
    load_extractions(store, _reports())
    assert store.counts() == before
