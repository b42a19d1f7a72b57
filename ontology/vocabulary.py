"""The graph's vocabulary, read from the OWL ontology and the SKOS theme scheme.

Everything else takes node labels, relationship types, keys, property types and the theme list
from here, so that the Turtle files stay the one source of truth.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

IKG = Namespace("https://w3id.org/inspection-kg/ontology#")
THEME = Namespace("https://w3id.org/inspection-kg/theme/")
IKG_ROLE = Namespace("https://w3id.org/inspection-kg/role/")
DATA = Namespace("https://w3id.org/inspection-kg/id/")

ONTOLOGY_FILES = ("inspection.ttl", "themes.ttl", "grades.ttl", "roles.ttl", "shapes.ttl")

# XSD ranges mapped to the small set of value types the stores need to know.
_VALUE_TYPES = {
    XSD.string: "string",
    XSD.integer: "integer",
    XSD.double: "double",
    XSD.boolean: "boolean",
    XSD.date: "date",
    XSD.dateTime: "datetime",
}


@dataclass(frozen=True)
class PropertyDef:
    name: str
    iri: URIRef
    value_type: str  # string, integer, double, boolean, date or datetime
    many: bool  # a list of values
    exported: bool = True  # in the RDF export (ikg:graphOnly marks the properties left out)


@dataclass(frozen=True)
class NodeType:
    label: str
    iri: URIRef
    key: str
    properties: tuple[PropertyDef, ...]

    def property(self, name: str) -> PropertyDef:
        for prop in self.properties:
            if prop.name == name:
                return prop
        raise KeyError(f"{self.label} has no property {name!r}")


@dataclass(frozen=True)
class RelType:
    type: str
    iri: URIRef
    source: str  # node label
    target: str  # node label
    properties: tuple[PropertyDef, ...]


@dataclass(frozen=True)
class ThemeConcept:
    id: str
    iri: URIRef
    label: str
    definition: str
    broader: str | None
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    extension: bool = False  # added by this project to the shared taxonomy


@dataclass(frozen=True)
class GradeConcept:
    id: str
    iri: URIRef
    label: str
    alt_labels: tuple[str, ...]
    rank: int

    @property
    def wordings(self) -> tuple[str, ...]:
        return (self.label, *self.alt_labels)


@dataclass(frozen=True)
class RoleConcept:
    id: str
    label: str  # the role as INSPECTED records it
    alt_labels: tuple[str, ...]
    inspects: bool  # under role:inspector, not role:team-support


class Names:
    """Attribute access to a fixed set of names: `L.Authority` is "Authority", a typo raises."""

    def __init__(self, kind: str, names: tuple[str, ...]) -> None:
        self._kind = kind
        self._names = frozenset(names)

    def __getattr__(self, name: str) -> str:
        if name.startswith("_") or name not in self._names:
            raise AttributeError(f"the ontology defines no {self._kind} {name!r}")
        return name

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._names))


@dataclass(frozen=True)
class Vocabulary:
    graph: Graph
    nodes: dict[str, NodeType]
    relationships: dict[str, RelType]
    themes: tuple[ThemeConcept, ...]
    grades: tuple[GradeConcept, ...]
    roles: tuple[RoleConcept, ...]

    def role(self, label: str) -> RoleConcept | None:
        """The team role a recorded role names (any case)."""
        wanted = " ".join(label.split()).lower()
        return next((r for r in self.roles if wanted in (w.lower() for w in (r.label, *r.alt_labels))), None)

    def grade(self, wording: str) -> GradeConcept | None:
        """The grade a framework's wording names ("Requires improvement", any case and spacing)."""
        wanted = " ".join(wording.split()).lower()
        return next((g for g in self.grades if wanted in (w.lower() for w in g.wordings)), None)

    def node_for_iri(self, iri: URIRef) -> NodeType:
        for node in self.nodes.values():
            if node.iri == iri:
                return node
        raise KeyError(iri)

    def rel_for_iri(self, iri: URIRef) -> RelType:
        for rel in self.relationships.values():
            if rel.iri == iri:
                return rel
        raise KeyError(iri)


@cache
def ontology_file(name: str) -> Graph:
    """One of the ontology's Turtle files, parsed once. Shared: callers read it, never change it."""
    return Graph().parse(data=(files("ontology") / name).read_text(encoding="utf-8"), format="turtle")


def ontology_graph() -> Graph:
    """The files in one new graph (the caller's to change)."""
    graph = Graph()
    for name in ONTOLOGY_FILES:
        graph += ontology_file(name)
    return graph


def _iris(nodes: Iterable[Node]) -> list[URIRef]:
    """The IRIs among RDF terms, sorted (blank nodes and literals are not ontology terms)."""
    return sorted(node for node in nodes if isinstance(node, URIRef))


def _classes_of(graph: Graph, domain: Node) -> list[URIRef]:
    """A domain is a class or an owl:unionOf list of classes."""
    union = graph.value(domain, OWL.unionOf)
    if union is None:
        return _iris([domain])
    return [URIRef(str(member)) for member in Collection(graph, union)]


def _property_def(graph: Graph, prop: URIRef) -> PropertyDef:
    value_range = graph.value(prop, RDFS.range)
    if not isinstance(value_range, URIRef) or value_range not in _VALUE_TYPES:
        raise ValueError(f"ontology: {prop} has range {value_range}, not one the stores know")
    return PropertyDef(
        name=str(graph.value(prop, IKG.graphName)),
        iri=prop,
        value_type=_VALUE_TYPES[value_range],
        many=str(graph.value(prop, IKG.cardinality) or "") == "many",
        exported=not bool(graph.value(prop, IKG.graphOnly)),
    )


def _build(graph: Graph) -> Vocabulary:
    node_props: dict[URIRef, list[PropertyDef]] = {}
    rel_props: dict[URIRef, list[PropertyDef]] = {}
    for prop in _iris(graph.subjects(RDF.type, OWL.DatatypeProperty)):
        if graph.value(prop, IKG.graphName) is None:
            continue
        definition = _property_def(graph, prop)
        for rel in _iris(graph.objects(prop, IKG.onRelationship)):
            rel_props.setdefault(rel, []).append(definition)
        domain = graph.value(prop, RDFS.domain)
        if domain is not None:
            for cls in _classes_of(graph, domain):
                node_props.setdefault(cls, []).append(definition)

    nodes: dict[str, NodeType] = {}
    for cls in _iris(graph.subjects(IKG.graphLabel, None)):
        label = str(graph.value(cls, IKG.graphLabel))
        key_prop = graph.value(cls, IKG.key)
        props = tuple(node_props.get(cls, []))
        key = next((p.name for p in props if p.iri == key_prop), None)
        if key is None:
            raise ValueError(f"ontology: class {label} has no key property among its properties")
        # The key first, then the others by name: a stable column order for the stores.
        ordered = sorted(props, key=lambda p: (p.name != key, p.name))
        nodes[label] = NodeType(label, cls, key, tuple(ordered))

    relationships: dict[str, RelType] = {}
    for prop in _iris(graph.subjects(IKG.graphType, None)):
        rel_type = str(graph.value(prop, IKG.graphType))
        source = graph.value(graph.value(prop, RDFS.domain), IKG.graphLabel)
        target = graph.value(graph.value(prop, RDFS.range), IKG.graphLabel)
        if source is None or target is None:
            raise ValueError(f"ontology: relationship {rel_type} needs a labelled domain and range")
        props = tuple(sorted(rel_props.get(prop, []), key=lambda p: p.name))
        relationships[rel_type] = RelType(rel_type, prop, str(source), str(target), props)

    themes = []
    for concept in _iris(graph.subjects(SKOS.inScheme, IKG.themes)):
        broader = graph.value(concept, SKOS.broader)
        themes.append(
            ThemeConcept(
                id=str(graph.value(concept, SKOS.notation)),
                iri=concept,
                label=str(graph.value(concept, SKOS.prefLabel)),
                definition=str(graph.value(concept, SKOS.definition)),
                broader=str(graph.value(broader, SKOS.notation)) if broader is not None else None,
                alt_labels=tuple(sorted(str(v) for v in graph.objects(concept, SKOS.altLabel))),
                hidden_labels=tuple(sorted(str(v) for v in graph.objects(concept, SKOS.hiddenLabel))),
                extension=bool(graph.value(concept, IKG.extension)),
            )
        )
    grades = [
        GradeConcept(
            id=str(graph.value(concept, SKOS.notation)),
            iri=concept,
            label=str(graph.value(concept, SKOS.prefLabel)),
            alt_labels=tuple(sorted(str(v) for v in graph.objects(concept, SKOS.altLabel))),
            rank=int(str(graph.value(concept, IKG.rank))),
        )
        for concept in _iris(graph.subjects(SKOS.inScheme, IKG.grades))
    ]
    grades.sort(key=lambda g: (g.rank, g.id))
    inspector = IKG_ROLE.inspector
    roles = tuple(
        RoleConcept(
            id=str(graph.value(concept, SKOS.notation)),
            label=str(graph.value(concept, SKOS.prefLabel)),
            alt_labels=tuple(sorted(str(v) for v in graph.objects(concept, SKOS.altLabel))),
            inspects=concept == inspector or inspector in graph.transitive_objects(concept, SKOS.broader),
        )
        for concept in _iris(graph.subjects(SKOS.inScheme, IKG.roles))
    )
    return Vocabulary(graph, nodes, relationships, tuple(themes), tuple(grades), roles)


@cache
def vocabulary() -> Vocabulary:
    return _build(ontology_graph())
