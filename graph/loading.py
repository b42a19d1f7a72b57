"""Loading extracted documents into a store: skip what is loaded, replace what changed, relink."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.links import LinkCounts, recompute_links
from graph.people_resolution import resolve_people
from graph.store import GraphStore
from loaders.records import DocumentExtraction


@dataclass(frozen=True)
class LoadResult:
    loaded: int  # documents written
    skipped: int  # documents already in the store with the same content
    written: int  # nodes + relationships written for the loaded documents
    links: LinkCounts


def load_extractions(store: GraphStore, extractions: Iterable[DocumentExtraction]) -> LoadResult:
    """Loads each document, then recomputes the links of the authorities whose documents changed (or
    that an interrupted load left pending) and resolves the people. Loading the same documents again
    writes nothing."""
    loaded = skipped = written = 0
    for extraction in extractions:
        if store.document_loaded(extraction.document.sha256):
            skipped += 1
            continue
        written += store.replace_document(extraction)
        loaded += 1
    links = recompute_links(store)
    resolve_people(store)
    return LoadResult(loaded, skipped, written, links)


def delete_documents(store: GraphStore, references: Iterable[str]) -> tuple[list[str], LinkCounts]:
    """Removes the documents named (file names or SHA-256s) in one transaction, then recomputes the
    links of the authorities they belonged to and resolves the people. Returns the SHA-256s removed
    and the link counts."""
    removed = store.delete_documents(list(references))
    links = recompute_links(store)
    resolve_people(store)
    return removed, links
