"""The RDF export of the shared corpus: it conforms to the shapes, states what the graph holds in the
ontology's terms, anchors findings in their documents' text, is the same from both stores, and
survives JSON-LD; a broken finding is reported by the validator."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib import PROV, RDF, RDFS, Graph, Literal, URIRef
from wipe import wipe

from graph.ladybug_store import LadybugStore
from graph.names import P, node_type, rel_type
from graph.neo4j_store import Neo4jStore
from graph.rdf_export import OA, export_graph, export_to, node_iri, theme_scheme
from graph.shacl_validate import validate
from graph.store import GraphStore
from ingest.pipeline import relink
from loaders.extract import extract_file
from loaders.records import DocumentExtraction
from ontology import L, R, vocabulary
from ontology.vocabulary import IKG

SOLIHULL = "E08000029"
RADLEY = "lynn-radley"
LOADED_AT = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def extractions(corpus: Path) -> list[DocumentExtraction]:
    files = sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "pdf").glob("*.pdf"))
    return [extract_file(path) for path in files]


def _load(store: GraphStore, extractions: list[DocumentExtraction]) -> None:
    """The corpus with PREVIOUS and REPEATS, every document loaded at the same instant, so that two
    stores hold the same graph."""
    store.ensure_schema()
    store.load_reference_data()
    for extraction in extractions:
        store.replace_document(extraction, LOADED_AT)
    relink(store)


@pytest.fixture(scope="module")
def store(
    extractions: list[DocumentExtraction], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    """The whole corpus in an embedded store, loaded once for the module."""
    with LadybugStore(tmp_path_factory.mktemp("rdf") / "graph") as loaded:
        _load(loaded, extractions)
        yield loaded


@pytest.fixture(scope="module")
def exported(store: GraphStore) -> Graph:
    return export_graph(store)


def _prop(label: str, name: str) -> URIRef:
    return node_type(label).property(name).iri


def _document_texts(store: GraphStore) -> dict[URIRef, str]:
    key = node_type(L.Document).key
    _, rows = store.read(f"MATCH (d:{L.Document}) RETURN d.{key}, d.{P.text}")
    return {node_iri(L.Document, sha): text for sha, text in rows}


def test_the_export_of_the_corpus_conforms_to_the_shapes(exported: Graph) -> None:
    report = validate(exported)
    assert report.violations == [], report.text
    assert report.conforms


def test_the_authority_and_its_inspections(exported: Graph) -> None:
    authority = node_iri(L.Authority, SOLIHULL)
    assert authority == URIRef(f"https://w3id.org/inspection-kg/id/authority/{SOLIHULL}")
    assert (authority, RDF.type, node_type(L.Authority).iri) in exported
    assert (authority, _prop(L.Authority, P.code), Literal(SOLIHULL)) in exported
    inspections = set(exported.subjects(rel_type(R.OF_AUTHORITY).iri, authority))
    assert len(inspections) >= 5
    for inspection in inspections:
        assert (inspection, RDF.type, node_type(L.Inspection).iri) in exported
        assert (inspection, RDF.type, PROV.Activity) in exported  # the superclass, stated


def test_values_are_literals_of_the_property_range(exported: Graph) -> None:
    # rdflib.XSD, not an imported XSD: pytest probes module attributes, and XSD warns on unknown names.
    graph = vocabulary().graph
    seen: set[URIRef] = set()
    for node in vocabulary().nodes.values():
        for prop in node.properties:
            expected = graph.value(prop.iri, RDFS.range)
            for value in exported.objects(None, prop.iri):
                assert isinstance(value, Literal)
                assert (value.datatype or rdflib.XSD.string) == expected, (prop.iri, value)
                seen.add(expected)
    assert {
        rdflib.XSD.string,
        rdflib.XSD.integer,
        rdflib.XSD.date,
        rdflib.XSD.dateTime,
        rdflib.XSD.boolean,
    } <= seen
    # Relationship properties sit on the qualifying nodes, typed the same way.
    scores = list(exported.objects(None, IKG.score))
    assert scores and all(score.datatype == rdflib.XSD.double for score in scores)


def test_list_valued_properties_are_repeated_triples(exported: Graph) -> None:
    names = set(exported.objects(node_iri(L.Authority, SOLIHULL), _prop(L.Authority, P.altNames)))
    assert Literal("Solihull Metropolitan Borough Council") in names
    assert len(names) > 1


def test_themes_are_the_scheme_concepts(exported: Graph) -> None:
    assert set(theme_scheme()) <= set(exported)
    about = rel_type(R.ABOUT).iri
    themes = set(exported.objects(None, about))
    assert themes <= {theme.iri for theme in vocabulary().themes}
    # Each ABOUT is qualified by an assignment that carries its score and method.
    finding, theme = next(iter(exported.subject_objects(about)))
    (assignment,) = [
        a for a in exported.objects(finding, IKG.qualifiedAbout) if (a, IKG.assignedTheme, theme) in exported
    ]
    assert (assignment, RDF.type, IKG.ThemeAssignment) in exported
    assert 0 <= exported.value(assignment, IKG.score).toPython() <= 1
    assert exported.value(assignment, IKG.method) is not None


def test_repeats_are_qualified_with_method_and_similarity(exported: Graph) -> None:
    pairs = list(exported.subject_objects(rel_type(R.REPEATS).iri))
    assert pairs
    for later, earlier in pairs:
        (repetition,) = exported.objects(later, IKG.qualifiedRepeats)
        assert (repetition, IKG.repeatedFinding, earlier) in exported
        assert exported.value(repetition, IKG.similarity).datatype == rdflib.XSD.double
        assert exported.value(repetition, IKG.method) is not None


def test_findings_are_annotations_of_their_span_of_the_text(exported: Graph, store: GraphStore) -> None:
    texts = _document_texts(store)
    findings = list(exported.subjects(RDF.type, node_type(L.Finding).iri))
    assert len(findings) > 1000
    for finding in findings:
        assert (finding, RDF.type, OA.Annotation) in exported
        (target,) = exported.objects(finding, OA.hasTarget)
        document = exported.value(target, OA.hasSource)
        assert document == exported.value(finding, rel_type(R.IN_DOCUMENT).iri)
        selectors = {exported.value(s, RDF.type): s for s in exported.objects(target, OA.hasSelector)}
        quote, position = selectors[OA.TextQuoteSelector], selectors[OA.TextPositionSelector]
        start, end = (
            exported.value(position, OA.start).toPython(),
            exported.value(position, OA.end).toPython(),
        )
        text = texts[document]
        assert str(exported.value(quote, OA.exact)) == text[start:end]
        assert exported.value(quote, OA.exact) == exported.value(finding, _prop(L.Finding, P.text))
        assert str(exported.value(quote, OA.prefix) or "") == text[max(0, start - 32) : start]
        assert str(exported.value(quote, OA.suffix) or "") == text[end : end + 32]
        # Provenance: the extraction of the document, ended when it was loaded, by the software.
        activity = exported.value(finding, PROV.wasGeneratedBy)
        assert exported.value(activity, PROV.used) == document
        assert exported.value(activity, PROV.endedAtTime) == exported.value(
            document, _prop(L.Document, P.loadedAt)
        )
        assert (exported.value(activity, PROV.wasAssociatedWith), RDF.type, PROV.SoftwareAgent) in exported


def test_the_document_text_is_exported_only_on_request(exported: Graph, store: GraphStore) -> None:
    text = _prop(L.Document, P.text)
    documents = set(exported.subjects(RDF.type, node_type(L.Document).iri))
    assert not any((document, text, None) in exported for document in documents)

    with_text = export_graph(store, include_text=True)
    for document in documents:
        assert str(with_text.value(document, text)) == _document_texts(store)[document]
    assert len(with_text) == len(exported) + len(documents)


def test_inspector_qualified_associations_carry_roles(exported: Graph) -> None:
    inspector = node_iri(L.Inspector, RADLEY)
    roles = set()
    for association in exported.subjects(PROV.agent, inspector):
        assert (association, RDF.type, PROV.Association) in exported
        (inspection,) = exported.subjects(PROV.qualifiedAssociation, association)
        assert (inspection, PROV.wasAssociatedWith, inspector) in exported
        assert (inspector, rel_type(R.INSPECTED).iri, inspection) in exported
        roles.add(str(exported.value(association, IKG.role)))
    assert {"HMI", "quality assurance manager"} <= roles


def test_json_ld_round_trips(store: GraphStore, exported: Graph, tmp_path: Path) -> None:
    path = tmp_path / "graph.jsonld"
    count = export_to(store, path, "jsonld")
    parsed = Graph().parse(path, format="json-ld")
    assert count == len(exported) == len(parsed)
    assert set(parsed) == set(exported)  # no blank nodes: the same triples, not just as many


def test_turtle_export_to_a_text_stream(store: GraphStore, exported: Graph) -> None:
    stream = io.StringIO()
    assert export_to(store, stream, "ttl") == len(exported)
    turtle = stream.getvalue()
    # Each label's IRIs under a prefix of their own: compact, readable Turtle.
    assert "@prefix authority: <https://w3id.org/inspection-kg/id/authority/> ." in turtle
    assert f"\nauthority:{SOLIHULL} a " in turtle


def _description(graph: Graph, start: URIRef, depth: int = 3) -> Graph:
    """The triples of `start` and of the resources it reaches in `depth` steps, with the theme scheme."""
    described = Graph()
    described += theme_scheme()
    frontier, seen = {start}, set()
    for _ in range(depth):
        reached = set()
        for subject in frontier - seen:
            seen.add(subject)
            for triple in graph.triples((subject, None, None)):
                described.add(triple)
                if isinstance(triple[2], URIRef):
                    reached.add(triple[2])
        frontier = reached
    return described


def test_a_broken_finding_is_reported_with_its_focus_node(exported: Graph) -> None:
    # A finding that links to no other finding, so that its description is self-contained.
    finding = next(
        f
        for f in sorted(exported.subjects(RDF.type, node_type(L.Finding).iri))
        if (f, rel_type(R.SUPPORTS).iri, None) not in exported
        and (f, rel_type(R.REPEATS).iri, None) not in exported
    )
    sample = _description(exported, finding)
    assert validate(sample).conforms

    sample.remove((finding, OA.hasTarget, None))
    polarity = _prop(L.Finding, P.polarity)
    sample.set((finding, polarity, Literal("excellent")))
    report = validate(sample)
    assert not report.conforms
    assert {(v.focus_node, v.path) for v in report.violations} == {
        (finding, OA.hasTarget),
        (finding, polarity),
    }


def test_both_stores_export_the_same_graph(
    neo4j_uri: Any, extractions: list[DocumentExtraction], exported: Graph
) -> None:
    server = Neo4jStore(neo4j_uri.uri, neo4j_uri.user, neo4j_uri.password, neo4j_uri.database)
    try:
        wipe(server)
        _load(server, extractions)
        # Small pages, so that the keyset paging crosses many page boundaries (the other export
        # reads each label in one or two pages).
        from_neo4j = export_graph(server, page_size=97)
    finally:
        wipe(server)
        server.close()
    assert len(from_neo4j) == len(exported)
    assert set(from_neo4j) == set(exported)
