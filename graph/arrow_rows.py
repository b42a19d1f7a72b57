"""Rows as Arrow columns typed by the ontology: what LadybugDB's LOAD FROM and COPY FROM read.

Handing the engine one typed column instead of a Python list of maps saves the binding walking and
typing every value (at 1,000 documents, most of the write step's time).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timezone
from typing import Any

import pyarrow as pa

from ontology.vocabulary import PropertyDef

_BASE_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "datetime": pa.timestamp("us"),
}


def arrow_type(prop: PropertyDef) -> pa.DataType:
    base = _BASE_TYPES[prop.value_type]
    return pa.list_(base) if prop.many else base


def arrow_value(prop: PropertyDef, value: Any) -> Any:
    if value is not None and prop.value_type == "datetime":
        return value.astimezone(timezone.utc).replace(tzinfo=None)  # TIMESTAMP holds UTC without a zone
    return value


def row_column(
    rows: Sequence[Mapping[str, Any]], keys: Sequence[str], properties: Sequence[PropertyDef]
) -> pa.Table:
    """A table of one column, `row`, each value a struct of the row's `keys` (strings) and, when there
    are `properties`, `props`: a struct of them. `LOAD FROM` binds it to `row`, so a statement reads
    `row.key` and `row.props.name` as it would from `UNWIND $rows AS row`."""
    # Built column by column: Arrow converts a typed list of values faster than a list of dicts.
    arrays = [pa.array([row[key] for row in rows], type=pa.string()) for key in keys]
    names = list(keys)
    if properties:
        props = [row["props"] for row in rows]
        arrays.append(
            pa.StructArray.from_arrays(
                [
                    pa.array([arrow_value(p, values.get(p.name)) for values in props], type=arrow_type(p))
                    for p in properties
                ],
                fields=[pa.field(p.name, arrow_type(p)) for p in properties],
            )
        )
        names.append("props")
    return pa.table({"row": pa.StructArray.from_arrays(arrays, names=names)})
