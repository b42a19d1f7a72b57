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


def load_extractions(store: GraphStore, extractions: Iterable[DocumentExtraction]) -> LoadResult:
    """Loads each document, then recomputes cross-document links once. Loading the same documents
    again writes nothing."""
    loaded = skipped = written = 0
    for extraction in extractions:
        if store.document_loaded(extraction.document.sha256):
            skipped += 1
            continue
        written += store.replace_document(extraction)
        loaded += 1
    links = recompute_links(store) if loaded else None
    return LoadResult(loaded, skipped, written, links)
