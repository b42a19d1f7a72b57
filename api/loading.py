"""`ikg load`: files and folders into a store, document by document, with a summary.

Each document is written in one transaction, so a failure or an interruption never leaves half a
document; an unchanged file (same SHA-256) is skipped before it is even extracted, and the
cross-document links are recomputed at the end of every run, so a run after an interrupted one
completes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.links import recompute_links
from graph.store import GraphStore, StoreUnavailable
from loaders.errors import ExtractionError
from loaders.extract import extract_bytes
from loaders.read import DEFAULT_MAX_FILE_BYTES, read_file

DOCUMENT_SUFFIXES = frozenset({".txt", ".pdf", ".html", ".htm"})


@dataclass(frozen=True)
class Outcome:
    path: Path
    status: str  # loaded, unchanged or failed
    detail: str = ""


@dataclass
class LoadSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    before: dict[str, int] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]


def document_files(paths: Iterable[Path]) -> tuple[list[Path], list[Outcome]]:
    """The documents named, or found in folders (recursively, by name); missing paths as failures."""
    files: list[Path] = []
    missing: list[Outcome] = []
    for path in paths:
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
            files.extend(sorted(found))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(Outcome(path, "failed", f"{path}: no such file or folder"))
    return files, missing


def load_file(store: GraphStore, path: Path, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Outcome:
    try:
        data = read_file(path, max_file_bytes)
    except ExtractionError as error:
        return Outcome(path, "failed", f"{path}: {error.problem}")
    if store.document_loaded(hashlib.sha256(data).hexdigest()):
        return Outcome(path, "unchanged")
    try:
        extraction = extract_bytes(data, path.name)
    except ExtractionError as error:
        return Outcome(path, "failed", f"{path}: {error.problem}")
    except Exception as error:  # a fault of the extractor on this file: the others still load
        return Outcome(path, "failed", f"{path}: could not be extracted ({type(error).__name__}: {error})")
    try:
        written = store.replace_document(extraction)
    except StoreUnavailable:
        raise
    except Exception as error:  # the store refused this document's records: the others still load
        return Outcome(path, "failed", f"{path}: the store refused it: {error}")
    return Outcome(path, "loaded", f"{written} nodes and relationships written")


def load_paths(
    store: GraphStore,
    paths: Iterable[Path],
    on_file: Callable[[Outcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> LoadSummary:
    """Loads every document found; `on_start` hears how many files there are, `on_file` each outcome.
    A file over `max_file_bytes` fails without being read."""
    files, missing = document_files(paths)
    if on_start is not None:
        on_start(len(files))
    store.ensure_schema()
    summary = LoadSummary(outcomes=list(missing), before=store.counts())
    store.load_reference_data()
    for path in files:
        outcome = load_file(store, path, max_file_bytes)
        summary.outcomes.append(outcome)
        if on_file is not None:
            on_file(outcome)
    recompute_links(store)
    summary.after = store.counts()
    return summary
