"""Validation of an RDF export against the SHACL shapes of ontology/shapes.ttl.

The ontology is mixed into the data as pyshacl's ont_graph, so that `sh:class` accepts instances of
subclasses (a Finding where an oa:Annotation is expected). No inference is run: the export states
every type and link the shapes test, and RDFS inference would both cost several times the time and
hide a missing type behind one inferred from a property's domain or range.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

import pyshacl
from rdflib import RDF, SH, Graph
from rdflib.term import Node

from ontology.vocabulary import ontology_file

Inference = Literal["none", "rdfs"]


class Violation(NamedTuple):
    focus_node: Node
    path: Node | None  # None for a constraint on the node itself (sh:class of a node shape)
    message: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation]
    text: str  # pyshacl's report, for a reader


def validate(data: Graph, inference: Inference = "none", inplace: bool = False) -> ValidationReport:
    """Validates `data` against shapes.ttl, with the ontology for class hierarchy. `data` is left
    unchanged unless `inplace` (which saves copying a graph the caller will not use again)."""
    conforms, results, text = pyshacl.validate(
        data,
        shacl_graph=ontology_file("shapes.ttl"),
        ont_graph=ontology_file("inspection.ttl"),
        inference=inference,
        inplace=inplace,
    )
    violations = sorted(
        (
            Violation(
                results.value(result, SH.focusNode),
                results.value(result, SH.resultPath),
                str(results.value(result, SH.resultMessage)),
            )
            for result in results.subjects(RDF.type, SH.ValidationResult)
        ),
        key=lambda v: (str(v.focus_node), str(v.path), v.message),
    )
    return ValidationReport(bool(conforms), violations, str(text))
