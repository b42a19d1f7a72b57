"""Several documents' rows as one set of rows, written as if the documents were written in turn.

Writing documents one after another MERGEs each node and SETs its properties, so a later document's
values win, and an inspector keeps the first name it was written under with every alias seen since
(`GraphStore._with_known_aliases`). Combining the rows first, by the same rules, lets a batch of
documents be written with one statement per label and relationship type instead of one per document.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.names import P
from graph.rows import GraphRows
from ontology import L


def combined_rows(documents: Iterable[GraphRows]) -> GraphRows:
    combined = GraphRows()
    for rows in documents:
        for label, nodes in rows.nodes.items():
            into = combined.nodes.setdefault(label, {})
            for key, props in nodes.items():
                seen = into.get(key)
                if seen is None:
                    into[key] = dict(props)
                elif label == L.Inspector:
                    aliases = sorted({*(seen.get(P.aliases) or []), *(props.get(P.aliases) or [])})
                    into[key] = {**props, P.name: seen[P.name], P.aliases: aliases}
                else:
                    seen.update(props)
        for type_, rels in rows.relationships.items():
            combined.relationships.setdefault(type_, {}).update(rels)
    return combined
