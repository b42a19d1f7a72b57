"""Property names as attributes, derived from the ontology like `L` and `R`: `P.polarity` is "polarity".

A name the ontology does not define raises, so a typo fails at import time of the module using it
instead of silently writing a property the schema does not have.
"""

from __future__ import annotations

from ontology import vocabulary
from ontology.vocabulary import Names, NodeType, PropertyDef, RelType

P = Names(
    "property",
    tuple(
        sorted(
            {prop.name for node in vocabulary().nodes.values() for prop in node.properties}
            | {prop.name for rel in vocabulary().relationships.values() for prop in rel.properties}
        )
    ),
)


def node_type(label: str) -> NodeType:
    return vocabulary().nodes[label]


def rel_type(type_: str) -> RelType:
    return vocabulary().relationships[type_]


def node_property(label: str, name: str) -> PropertyDef:
    """The property `name` of `label`, raising if that label does not carry it."""
    return node_type(label).property(name)
