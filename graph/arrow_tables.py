"""Rows as the Arrow tables LadybugDB's COPY FROM takes: one per node label (its columns in the table's
order) and one per relationship type (`from`, `to`, then its properties)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timezone
from typing import Any

import pyarrow as pa

from graph.names import node_type, rel_type
from graph.rows import GraphRows
from ontology.vocabulary import PropertyDef

_BASE = {
    "string": pa.string(),
    "integer": pa.int64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "datetime": pa.timestamp("us"),
}


def _arrow_type(prop: PropertyDef) -> pa.DataType:
    base = _BASE[prop.value_type]
    return pa.list_(base) if prop.many else base


def _arrow_value(prop: PropertyDef, value: Any) -> Any:
    if value is not None and prop.value_type == "datetime":
        return value.astimezone(timezone.utc).replace(tzinfo=None)  # TIMESTAMP holds UTC without a zone
    return value


def _key_type(label: str) -> pa.DataType:
    node = node_type(label)
    return _arrow_type(node.property(node.key))


def _column(prop: PropertyDef, values: Iterator[Any]) -> pa.Array:
    return pa.array([_arrow_value(prop, value) for value in values], type=_arrow_type(prop))


def node_tables(rows: GraphRows) -> Iterator[tuple[str, pa.Table]]:
    """(label, table) for every label with nodes; a property a row leaves out is null."""
    for label, nodes in rows.nodes.items():
        if nodes:
            properties = node_type(label).properties
            yield (
                label,
                pa.table({p.name: _column(p, (n.get(p.name) for n in nodes.values())) for p in properties}),
            )


def relationship_tables(rows: GraphRows) -> Iterator[tuple[str, pa.Table]]:
    """(type, table) for every relationship type with relationships."""
    for type_, rels in rows.relationships.items():
        if rels:
            rel = rel_type(type_)
            columns = {
                "from": pa.array([r.source for r in rels.values()], type=_key_type(rel.source)),
                "to": pa.array([r.target for r in rels.values()], type=_key_type(rel.target)),
            }
            for prop in rel.properties:
                columns[prop.name] = _column(prop, (r.props.get(prop.name) for r in rels.values()))
            yield type_, pa.table(columns)
