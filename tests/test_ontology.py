"""The ontology, the theme scheme and the shapes agree, and the code takes its names from them."""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pyshacl
from conftest import CORPUS, ROOT
from rdflib import OWL, RDF, SKOS, Graph, Namespace

from ontology import L, R
from ontology.diagram import mermaid, with_diagram
from ontology.vocabulary import IKG, ontology_graph, vocabulary

SH = Namespace("http://www.w3.org/ns/shacl#")


def _shapes() -> Graph:
    graph = Graph()
    graph.parse(ROOT / "ontology" / "shapes.ttl")
    return graph


def test_every_class_has_a_shape_and_every_shape_a_class() -> None:
    classes = set(ontology_graph().subjects(RDF.type, OWL.Class))
    shapes = _shapes()
    targets = set(shapes.objects(None, SH.targetClass))
    assert classes == targets


def test_shape_paths_are_ontology_properties_or_standard_terms() -> None:
    graph = ontology_graph()
    declared = set(graph.subjects(RDF.type, OWL.DatatypeProperty)) | set(
        graph.subjects(RDF.type, OWL.ObjectProperty)
    )
    for path in _shapes().objects(None, SH.path):
        if str(path).startswith(str(IKG)):
            assert path in declared, f"shapes.ttl constrains {path}, which the ontology does not declare"


def test_shapes_are_well_formed_shacl() -> None:
    # Validating an empty data graph makes pyshacl parse every shape: a malformed one raises.
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=_shapes())
    assert conforms, text


def test_vocabulary_has_the_designed_labels_and_types() -> None:
    vocab = vocabulary()
    assert set(vocab.nodes) == {
        "Authority",
        "Inspection",
        "Document",
        "Inspector",
        "Finding",
        "Theme",
        "Judgement",
        "ThemeTally",
        "PersistentArea",
        "WeaknessTally",
        "RecurringWeakness",
        "ThemeTotal",
        "DevelopmentThemes",
        "PairTally",
        "PairTotal",
        "RepeatTally",
        "InspectorTally",
        "ColleaguePair",
    }
    assert {
        "OF_AUTHORITY",
        "REPORTED_IN",
        "INSPECTED",
        "HAS_FINDING",
        "HAS_JUDGEMENT",
        "ABOUT",
        "BROADER",
        "SUPPORTS",
        "PREVIOUS",
        "PREVIOUS_FULL",
        "REFERS_TO",
        "REPEATS",
        "IN_DOCUMENT",
        "ALSO_IN",
        "POSSIBLY_SAME",
        "SAMPLE",
    } == set(vocab.relationships)
    assert vocab.nodes["Authority"].key == "code"
    assert vocab.nodes["Document"].key == "sha256"
    inspected = vocab.relationships["INSPECTED"]
    assert (inspected.source, inspected.target) == ("Inspector", "Inspection")
    assert [p.name for p in inspected.properties] == ["inspects", "role"]
    assert vocab.nodes["Authority"].property("altNames").many


def test_names_reject_what_the_ontology_does_not_define() -> None:
    assert L.Finding == "Finding"
    assert R.ABOUT == "ABOUT"
    try:
        _ = L.Findings
    except AttributeError as error:
        assert "Findings" in str(error)
    else:
        raise AssertionError("an unknown label was accepted")


def test_every_theme_of_the_tsv_is_in_the_scheme_and_back() -> None:
    with open(CORPUS.parent / "spec" / "themes.tsv", encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle, delimiter="\t")}
    themes = {theme.id: theme for theme in vocabulary().themes if not theme.extension}
    assert set(rows) == set(themes)
    # The project's extensions sit under a concept of the tsv.
    assert all(t.broader in rows for t in vocabulary().themes if t.extension)
    for theme_id, row in rows.items():
        assert themes[theme_id].broader == (row["broader"] or None)
    # The scheme's top concepts are exactly the themes without a broader one.
    graph = ontology_graph()
    tops = {str(graph.value(c, SKOS.notation)) for c in graph.objects(IKG.themes, SKOS.hasTopConcept)}
    assert tops == {t for t, row in rows.items() if not row["broader"]}


def _string_literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def test_no_label_or_relationship_type_is_spelled_outside_the_ontology() -> None:
    vocab = vocabulary()
    names = set(vocab.nodes) | set(vocab.relationships)
    offenders = []
    for package in ("loaders", "graph", "queries", "api"):
        for path in sorted((ROOT / package).rglob("*.py")):
            spelled = _string_literals(path) & names
            if spelled:
                offenders.append(f"{path.relative_to(ROOT)}: {sorted(spelled)}")
    assert not offenders, "labels/types spelled as literals:\n" + "\n".join(offenders)


def test_readme_model_diagram_is_generated_from_the_ontology() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert with_diagram(readme) == readme, "README's model diagram is out of date: python -m ontology.diagram"
    diagram = mermaid()
    for node in vocabulary().nodes.values():
        assert f"    {node.label} {{" in diagram and f" {node.key} PK" in diagram
    for rel in vocabulary().relationships.values():
        assert f' : "{rel.type}' in diagram
