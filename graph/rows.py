"""A document extraction (or the reference data) as store-independent rows.

Nodes are dicts keyed by ontology property names with values of the ontology's types (dates as
`datetime.date`, date-times as UTC-aware `datetime`); relationships are (source key, target key,
properties). Both stores write the same rows, which is what makes their graphs comparable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timezone
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.alias_generators import to_camel

from graph.names import P, node_type, rel_type
from loaders.authorities import AuthorityRef, all_authorities
from loaders.records import DocumentExtraction
from loaders.version import extractor_version
from ontology import L, R, vocabulary
from ontology.vocabulary import NodeType, PropertyDef, ThemeConcept

Props = dict[str, Any]


@dataclasses.dataclass(frozen=True)
class RelRow:
    source: Any  # the source node's key
    target: Any  # the target node's key
    props: Props


@dataclasses.dataclass
class GraphRows:
    """Rows to upsert: every label's nodes by key, every type's relationships by (source, target)."""

    nodes: dict[str, dict[Any, Props]] = dataclasses.field(default_factory=dict)
    relationships: dict[str, dict[tuple[Any, Any], RelRow]] = dataclasses.field(default_factory=dict)

    def add_node(self, label: str, props: Props) -> None:
        """Adds a node, or merges into the one with the same key already added (later values win)."""
        self.nodes.setdefault(label, {}).setdefault(props[node_type(label).key], {}).update(props)

    def add_rel(self, type_: str, source: Any, target: Any, props: Props | None = None) -> None:
        # One relationship of a type between two nodes, as MERGE makes it: the first one added stays.
        self.relationships.setdefault(type_, {}).setdefault(
            (source, target), RelRow(source, target, typed_props(rel_type(type_).properties, props or {}))
        )

    def node(self, label: str, key: Any) -> Props | None:
        return self.nodes.get(label, {}).get(key)

    def count(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.relationships.values()))


def typed(prop: PropertyDef, value: Any) -> Any:
    """A value converted to the property's ontology type, so both stores receive identical values."""
    if value is None:
        return None
    if prop.many:
        return [_scalar(prop.value_type, item) for item in value]
    return _scalar(prop.value_type, value)


def _scalar(value_type: str, value: Any) -> Any:
    if value_type == "string":
        return str(value)
    if value_type == "integer":
        if isinstance(value, bool):
            raise TypeError(f"a boolean is not an integer: {value!r}")
        return int(value)
    if value_type == "double":
        return float(value)
    if value_type == "boolean":
        return bool(value)
    if value_type == "date":
        if isinstance(value, datetime):
            return value.date()
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    if value_type == "datetime":
        when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        # LadybugDB stores TIMESTAMP in UTC without a zone: give both stores the UTC instant.
        return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    raise ValueError(f"unknown value type {value_type!r}")


@cache
def _by_name(properties: tuple[PropertyDef, ...]) -> dict[str, PropertyDef]:
    return {prop.name: prop for prop in properties}


def typed_props(properties: Iterable[PropertyDef], values: Mapping[str, Any]) -> Props:
    """The values named by the given properties, typed; names not among them are an error."""
    by_name = _by_name(tuple(properties))
    unknown = values.keys() - by_name.keys()
    if unknown:
        raise KeyError(f"not properties of the ontology here: {sorted(unknown)}")
    return {name: typed(by_name[name], value) for name, value in values.items()}


_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, str], ...]:
    """A record type's field names, each with its camelCase name (the ontology's spelling of it);
    worked out once per type, as every node of every document is read through it."""
    if cls not in _FIELDS:
        _FIELDS[cls] = _field_names(cls)
    return _FIELDS[cls]


def _field_names(cls: type) -> tuple[tuple[str, str], ...]:
    if issubclass(cls, BaseModel):
        names: Iterable[str] = cls.model_fields
    elif dataclasses.is_dataclass(cls):
        names = (f.name for f in dataclasses.fields(cls))
    else:
        raise TypeError(f"cannot read fields of {cls.__name__}")
    return tuple((name, to_camel(name)) for name in names)


def _attributes(obj: Any) -> dict[str, Any]:
    """An object's fields under their camelCase names."""
    return {camel: getattr(obj, name) for name, camel in _fields(type(obj))}


def grade_id(wording: str | None) -> str | None:
    """The grade of the one grade vocabulary that a framework's wording names."""
    grade = vocabulary().grade(wording) if wording else None
    return grade.id if grade else None


def record_props(node: NodeType, obj: Any, **extra: Any) -> Props:
    """The node's properties that `obj` has a field for, plus `extra` (ontology names), typed.

    Properties the object has no field for are left out rather than set to null, so writing a node
    from a partial source (an authority as a report states it) keeps what fuller sources set.
    """
    fields = _attributes(obj)
    values = {prop.name: fields[prop.name] for prop in node.properties if prop.name in fields}
    values.update(extra)
    return typed_props(node.properties, values)


# The nodes that one document alone contributes (their keys hold the document's hash): a document not
# yet in the store has none of them there, nor any relationship from or to them.
DOCUMENT_OWNED = frozenset({L.Finding, L.Document})


@cache
def _themes() -> dict[str, ThemeConcept]:
    return {theme.id: theme for theme in vocabulary().themes}


@cache
def authority_table() -> Mapping[str, AuthorityRef]:
    """The reference authorities by code."""
    return {ref.code: ref for ref in all_authorities()}


def reference_rows(authorities: Iterable[AuthorityRef]) -> GraphRows:
    """Every reference authority, every theme and the theme hierarchy."""
    rows = GraphRows()
    for ref in authorities:
        rows.add_node(L.Authority, record_props(node_type(L.Authority), ref))
    for theme in _themes().values():
        rows.add_node(L.Theme, record_props(node_type(L.Theme), theme))
        if theme.broader is not None:
            rows.add_rel(R.BROADER, theme.id, theme.broader)
    return rows


def document_rows(
    extraction: DocumentExtraction,
    authorities: Mapping[str, AuthorityRef] | None = None,
    loaded_at: datetime | None = None,
) -> GraphRows:
    """The nodes and relationships one document contributes.

    `authorities` maps codes to reference entries; the authority's node takes its properties from
    there when the code is known, else from what the document states.
    """
    rows = GraphRows()
    doc = extraction.document
    inspection = extraction.inspection
    inspection_id = inspection.id

    reference = (authorities or {}).get(extraction.authority.code)
    # The document changes the authority's history: its links are recomputed after the load.
    authority = record_props(
        node_type(L.Authority), reference or extraction.authority, **{P.linksPending: True}
    )
    rows.add_node(L.Authority, authority)
    rows.add_node(
        L.Document,
        record_props(
            node_type(L.Document),
            doc,
            **{
                P.loadedAt: loaded_at or datetime.now(timezone.utc),
                P.canonical: True,
                P.extractor: extractor_version(),
            },
        ),
    )
    rows.add_node(
        L.Inspection,
        record_props(
            node_type(L.Inspection),
            inspection,
            **{P.year: inspection.year, P.overallGradeId: grade_id(inspection.overall_grade)},
        ),
    )
    rows.add_rel(R.OF_AUTHORITY, inspection_id, extraction.authority.code)
    rows.add_rel(R.REPORTED_IN, inspection_id, doc.sha256)

    inspector_node = node_type(L.Inspector)
    for inspector in extraction.inspectors:
        seen = rows.node(L.Inspector, inspector.id)
        aliases = sorted({*(seen[P.aliases] if seen else []), inspector.name})
        name = seen[P.name] if seen else inspector.name
        rows.add_node(
            L.Inspector,
            typed_props(
                inspector_node.properties,
                {inspector_node.key: inspector.id, P.name: name, P.aliases: aliases},
            ),
        )
        role = vocabulary().role(inspector.role)
        rows.add_rel(
            R.INSPECTED,
            inspector.id,
            inspection_id,
            {P.role: inspector.role, P.inspects: role.inspects if role else None},
        )

    for judgement in extraction.judgements:
        rows.add_node(
            L.Judgement,
            record_props(node_type(L.Judgement), judgement, **{P.gradeId: grade_id(judgement.grade)}),
        )
        rows.add_rel(R.HAS_JUDGEMENT, inspection_id, judgement.id)

    finding_ids = {finding.id for finding in extraction.findings}
    for finding in extraction.findings:
        rows.add_node(L.Finding, record_props(node_type(L.Finding), finding))
        rows.add_rel(R.HAS_FINDING, inspection_id, finding.id)
        rows.add_rel(R.IN_DOCUMENT, finding.id, doc.sha256)
        assignments = {a.theme: {P.score: a.score, P.method: a.method} for a in finding.theme_assignments}
        for theme_id in [*assignments, *(t for t in finding.themes if t not in assignments)]:
            theme = _themes().get(theme_id)
            if theme is None:
                raise ValueError(f"finding {finding.id}: theme {theme_id!r} is not in the theme scheme")
            # The theme node travels with the document so that ABOUT always finds its target.
            rows.add_node(L.Theme, record_props(node_type(L.Theme), theme))
            rows.add_rel(R.ABOUT, finding.id, theme_id, assignments.get(theme_id))
        for target in finding.supports:
            if target in finding_ids:  # a citation of a recommendation the document does not have is noise
                rows.add_rel(R.SUPPORTS, finding.id, target)
    return rows
