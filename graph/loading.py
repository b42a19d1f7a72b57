"""Loading extracted documents into a store: skip what is loaded, replace what changed, relink."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.links import LinkCounts, recompute_links
from graph.store import GraphStore
from loaders.records import DocumentExtraction


@dataclass(frozen=True)
class LoadResult:
    loaded: int  # documents written
    skipped: int  # documents already in the store with the same content
    written: int  # nodes + relationships written for the loaded documents
    links: LinkCounts | None  # None when nothing was loaded and links were left as they were


def load_extraction(store: GraphStore, extraction: DocumentExtraction) -> int | None:
    """Writes a new or changed document in one transaction: the nodes + relationships written, or
    None when the store already holds this content."""
    if store.document_loaded(extraction.document.sha256):
        return None
    return store.replace_document(extraction)


def load_extractions(store: GraphStore, extractions: Iterable[DocumentExtraction]) -> LoadResult:
    """Loads each document, then recomputes cross-document links once. Loading the same documents
    again writes nothing."""
    loaded = skipped = written = 0
    for extraction in extractions:
        count = load_extraction(store, extraction)
        if count is None:
            skipped += 1
            continue
        written += count
        loaded += 1
    links = recompute_links(store) if loaded else None
    return LoadResult(loaded, skipped, written, links)
