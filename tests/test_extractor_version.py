"""A document that another version of the extractor read is read again by the next load, so a
retrained model or a fixed reading reaches what was loaded before it; and an embedded store an
earlier version made gains the properties the ontology has since added."""

from __future__ import annotations

from pathlib import Path

import ladybug

from graph.ladybug_store import DATABASE_FILE, LadybugStore
from graph.names import P
from graph.schema import ladybug_schema
from graph.store import GraphStore
from ingest.pipeline import load_paths
from loaders.version import extractor_version
from ontology import L


def _seed(corpus: Path) -> Path:
    return sorted((corpus / "seeds").glob("*.txt"))[0]


def _statuses(store: GraphStore, path: Path) -> list[str]:
    return [outcome.status for outcome in load_paths(store, [path]).outcomes]


def test_a_document_another_extractor_version_read_is_read_again(store: GraphStore, corpus: Path) -> None:
    assert _statuses(store, _seed(corpus)) == ["loaded"]
    assert _statuses(store, _seed(corpus)) == ["unchanged"]
    counts = store.counts()
    store.write([(f"MATCH (d:{L.Document}) SET d.{P.extractor} = 'an earlier reading'", {})])
    assert _statuses(store, _seed(corpus)) == ["loaded"]
    assert store.counts() == counts  # replaced whole: nothing twice, nothing left behind
    _, rows = store.read(f"MATCH (d:{L.Document}) RETURN d.{P.extractor}")
    assert rows == [[extractor_version()]]


def test_the_version_is_a_digest_of_the_loaders_and_the_ontology() -> None:
    assert len(extractor_version()) == 16 and int(extractor_version(), 16) >= 0


def test_an_embedded_store_an_earlier_version_made_gains_the_new_properties(
    tmp_path: Path, corpus: Path
) -> None:
    folder = tmp_path / "graph"
    folder.mkdir()
    database = ladybug.Database(str(folder / DATABASE_FILE))
    connection = ladybug.Connection(database)
    for statement in ladybug_schema():  # the schema as it was before documents recorded their reader
        connection.execute(statement.replace(f", {P.extractor} STRING", ""))
    assert "extractor" not in str(
        connection.execute(f"CALL table_info('{L.Document}') RETURN name").get_all()
    )
    connection.close()
    database.close()
    store = LadybugStore(folder)
    try:
        store.ensure_schema()
        assert _statuses(store, _seed(corpus)) == ["loaded"]
        _, rows = store.read(f"MATCH (d:{L.Document}) RETURN d.{P.extractor}")
        assert rows == [[extractor_version()]]
    finally:
        store.close()
