"""Store schemas generated from the ontology: Neo4j constraints and indexes, LadybugDB DDL."""

from __future__ import annotations

from collections.abc import Mapping

from graph.names import P, node_property
from ontology import L, vocabulary
from ontology.vocabulary import PropertyDef

# Ontology value types to LadybugDB column types; a list-valued property is a list of its type.
LADYBUG_TYPES = {
    "string": "STRING",
    "integer": "INT64",
    "double": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMP",
}

# Lookups that canned queries, the API and the loader make by something other than a node's key.
RANGE_INDEXES: tuple[tuple[str, str], ...] = (
    (L.Authority, P.name),
    (L.Authority, P.dfeCode),
    (L.Authority, P.region),
    (L.Inspection, P.year),
    (L.Inspection, P.framework),
    (L.Inspection, P.startDate),
    (L.Document, P.fileName),
    (L.Finding, P.polarity),
    (L.Finding, P.section),
    (L.Inspector, P.name),
    (L.Judgement, P.area),
    (L.Theme, P.label),
    (L.ThemeTally, P.theme),
    (L.ThemeTally, P.authority),
    (L.PersistentArea, P.authority),
    (L.WeaknessTally, P.theme),
    (L.WeaknessTally, P.authority),
    (L.RecurringWeakness, P.theme),
    (L.ThemeTotal, P.polarity),
    (L.DevelopmentThemes, P.authority),
    (L.PairTally, P.authority),
    (L.PairTotal, P.polarity),
    (L.RepeatTally, P.authority),
    (L.RepeatTally, P.theme),
    (L.InspectorTally, P.inspections),
    (L.ColleaguePair, P.shared),
)
# Substring search over finding text (CONTAINS, in users' Cypher) is served by a text index in Neo4j.
TEXT_INDEXES: tuple[tuple[str, str], ...] = ((L.Finding, P.text),)
# The word search of claims (graph.claim_words) on Neo4j: a full-text index whose tokens are runs of
# letters (Lucene's simple analyzer), which holds every claim a search's words match.
CLAIM_WORDS_INDEX = "finding_text_words"


def ladybug_type(prop: PropertyDef) -> str:
    base = LADYBUG_TYPES[prop.value_type]
    return f"{base}[]" if prop.many else base


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def neo4j_schema() -> list[str]:
    """Named constraints and indexes, each `IF NOT EXISTS` so that applying them again changes nothing."""
    statements = []
    for node in vocabulary().nodes.values():
        statements.append(
            f"CREATE CONSTRAINT {_snake(node.label)}_{_snake(node.key)}_key IF NOT EXISTS "
            f"FOR (n:{node.label}) REQUIRE n.{node.key} IS UNIQUE"
        )
    for label, name in RANGE_INDEXES:
        node_property(label, name)  # fail on an index over a property the label does not have
        statements.append(
            f"CREATE INDEX {_snake(label)}_{_snake(name)} IF NOT EXISTS FOR (n:{label}) ON (n.{name})"
        )
    for label, name in TEXT_INDEXES:
        node_property(label, name)
        statements.append(
            f"CREATE TEXT INDEX {_snake(label)}_{_snake(name)}_substring IF NOT EXISTS "
            f"FOR (n:{label}) ON (n.{name})"
        )
    statements.append(
        f"CREATE FULLTEXT INDEX {CLAIM_WORDS_INDEX} IF NOT EXISTS FOR (n:{L.Finding}) ON EACH [n.{P.text}] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'simple'}}"
    )
    return statements


def ladybug_schema() -> list[str]:
    """A node table per label with every property typed, then a rel table per relationship type.

    Node tables come first because a rel table names its endpoint tables.
    """
    statements = []
    for node in vocabulary().nodes.values():
        columns = ", ".join(f"{prop.name} {ladybug_type(prop)}" for prop in node.properties)
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {node.label}({columns}, PRIMARY KEY({node.key}))")
    for rel in vocabulary().relationships.values():
        columns = "".join(f", {prop.name} {ladybug_type(prop)}" for prop in rel.properties)
        statements.append(
            f"CREATE REL TABLE IF NOT EXISTS {rel.type}(FROM {rel.source} TO {rel.target}{columns})"
        )
    return statements


def ladybug_added_columns(existing: Mapping[str, set[str]]) -> list[str]:
    """The statements that give a store an earlier version made (`existing`: each table's columns)
    the properties the ontology has since gained, so that a new property does not make it unwritable.
    Such a column is empty on the rows already there."""
    tables = [(node.label, node.properties) for node in vocabulary().nodes.values()]
    tables += [(rel.type, rel.properties) for rel in vocabulary().relationships.values()]
    return [
        f"ALTER TABLE {table} ADD IF NOT EXISTS {prop.name} {ladybug_type(prop)}"
        for table, properties in tables
        for prop in properties
        if prop.name not in existing.get(table, set())
    ]
