"""Each store's own bulk path for a set of extracted documents, the yardstick of `ikg load`'s write step.

It writes the same nodes and relationships as loading the documents (reference data included, the
cross-document links not), into an empty store, with none of the loader's guarantees: no replacement
of earlier versions, no per-document atomicity, no canonical copy among several documents of one
inspection (each is written whole). LadybugDB copies Arrow tables (COPY FROM); Neo4j gets
one UNWIND ... CREATE per label and relationship type, in large transactions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from graph.document_batch import combined_rows
from graph.names import node_type, rel_type
from graph.rows import GraphRows, authority_table, document_rows, reference_rows
from graph.store import GraphStore
from loaders.records import DocumentExtraction
from ontology import vocabulary
from ontology.vocabulary import PropertyDef

ROWS_PER_TRANSACTION = 20_000  # Neo4j: large enough to be a bulk write, small enough for a 512 MB heap


def all_rows(extractions: Sequence[DocumentExtraction], loaded_at: datetime | None = None) -> GraphRows:
    reference = reference_rows(authority_table().values())
    documents = (document_rows(e, authority_table(), loaded_at) for e in extractions)
    return combined_rows([reference, *documents])


def bulk_load(
    store: GraphStore, extractions: Sequence[DocumentExtraction], loaded_at: datetime | None = None
) -> int:
    """Writes the documents' graph into an empty store; returns the nodes + relationships written."""
    rows = all_rows(extractions, loaded_at)
    if store.kind == "embedded":
        _copy_into_ladybug(store, rows)
    else:
        _unwind_into_neo4j(store, rows)
    return rows.count()


def _arrow_type(prop: PropertyDef) -> Any:
    import pyarrow as pa

    base = {
        "string": pa.string(),
        "integer": pa.int64(),
        "double": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "datetime": pa.timestamp("us"),
    }[prop.value_type]
    return pa.list_(base) if prop.many else base


def _arrow_value(prop: PropertyDef, value: Any) -> Any:
    if value is not None and prop.value_type == "datetime":
        return value.astimezone(timezone.utc).replace(tzinfo=None)  # TIMESTAMP holds UTC without a zone
    return value


def _copy_into_ladybug(store: Any, rows: GraphRows) -> None:
    import pyarrow as pa

    def copy(name: str, columns: dict[str, list[Any]], types: dict[str, Any]) -> None:
        arrays = {column: pa.array(values, type=types[column]) for column, values in columns.items()}
        with store._lock:  # the store's own connection: the database admits one writer
            store._connection.execute(f"COPY {name} FROM $rows", {"rows": pa.table(arrays)})

    for label, nodes in rows.nodes.items():
        if not nodes:
            continue
        properties = node_type(label).properties  # the table's column order
        copy(
            label,
            {p.name: [_arrow_value(p, n.get(p.name)) for n in nodes.values()] for p in properties},
            {p.name: _arrow_type(p) for p in properties},
        )
    for type_, rels in rows.relationships.items():
        if not rels:
            continue
        rel = rel_type(type_)
        key_type = pa.string()
        columns: dict[str, list[Any]] = {
            "from": [r.source for r in rels.values()],
            "to": [r.target for r in rels.values()],
        }
        types = {"from": key_type, "to": key_type}
        for prop in rel.properties:
            columns[prop.name] = [_arrow_value(prop, r.props.get(prop.name)) for r in rels.values()]
            types[prop.name] = _arrow_type(prop)
        copy(type_, columns, types)


def _unwind_into_neo4j(store: GraphStore, rows: GraphRows) -> None:
    for label in vocabulary().nodes:
        nodes = list(rows.nodes.get(label, {}).values())
        for i in range(0, len(nodes), ROWS_PER_TRANSACTION):
            chunk = [
                {k: v for k, v in n.items() if v is not None} for n in nodes[i : i + ROWS_PER_TRANSACTION]
            ]
            store.write([(f"UNWIND $rows AS row CREATE (n:{label}) SET n = row", {"rows": chunk})])
    for type_ in vocabulary().relationships:
        rel = rel_type(type_)
        source, target = node_type(rel.source).key, node_type(rel.target).key
        rels = list(rows.relationships.get(type_, {}).values())
        cypher = (
            f"UNWIND $rows AS row MATCH (a:{rel.source} {{{source}: row.s}}) "
            f"MATCH (b:{rel.target} {{{target}: row.t}}) CREATE (a)-[r:{type_}]->(b) SET r = row.p"
        )
        for i in range(0, len(rels), ROWS_PER_TRANSACTION):
            chunk = [
                {"s": r.source, "t": r.target, "p": {k: v for k, v in r.props.items() if v is not None}}
                for r in rels[i : i + ROWS_PER_TRANSACTION]
            ]
            store.write([(cypher, {"rows": chunk})])
