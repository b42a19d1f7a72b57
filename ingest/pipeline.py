"""Documents into a store, each load or delete followed by the cross-document links and the people:
files and folders (`ikg load`), documents already extracted, or deletions (`ikg delete`).

`load_paths` extracts files in parallel in worker processes and writes them several to a transaction;
a transaction commits all of its documents or none, and when the store refuses one the documents of
that transaction are written again one per transaction, so a bad document fails alone and a failure
or an interruption never leaves half a document. An unchanged file (same SHA-256, read by this
version of the extractor: `loaders.version`) is skipped before it is even extracted, and the
cross-document links are recomputed at the end of every run, so a run after an interrupted one
completes it.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph.inspector_tallies import recompute_inspector_tallies
from graph.links import LinkCounts, recompute_links
from graph.names import P, node_type
from graph.people_resolution import resolve_people
from graph.recurring_weaknesses import recompute_recurring_weaknesses
from graph.store import GraphStore, StoreUnavailable, TransactionTooLarge
from graph.theme_pairs import recompute_pairs
from graph.theme_tallies import recompute_tallies
from ingest.extraction_pool import Extracted, InProcess, extract_or_explain, extraction_pool
from loaders.errors import ExtractionError
from loaders.read import DEFAULT_MAX_FILE_BYTES, mislabelled, read_file
from loaders.records import DocumentExtraction
from loaders.version import extractor_version
from ontology import L

DOCUMENT_SUFFIXES = frozenset({".txt", ".pdf", ".html", ".htm"})
# Documents per write transaction: enough to turn a few hundred small statements per document into a
# few large ones per batch (see docs/benchmarks.md), few enough that a retry after a refusal is cheap.
DOCUMENTS_PER_TRANSACTION = 32
# Documents handed to the workers ahead of the writer: keeps every worker busy, bounds memory.
QUEUED_PER_WORKER = 8


@dataclass(frozen=True)
class Outcome:
    path: Path
    status: str  # loaded, unchanged or failed
    detail: str = ""
    note: str = ""  # a file read other than its name says (see loaders.read.mislabelled)


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

    @property
    def notes(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.note]


@dataclass(frozen=True)
class LoadResult:
    loaded: int  # documents written
    skipped: int  # documents already in the store with the same content
    written: int  # nodes + relationships written for the loaded documents
    links: LinkCounts


def default_workers() -> int:
    return os.cpu_count() or 1


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


def loaded_documents(store: GraphStore) -> set[str]:
    """The SHA-256 of every document in the store that this version of the extractor read, in one
    read: another version's are read again."""
    key = node_type(L.Document).key
    _, rows = store.read(
        f"MATCH (d:{L.Document}) WHERE d.{P.extractor} = $version RETURN d.{key} AS sha",
        {"version": extractor_version()},
    )
    return {row[0] for row in rows}


# What a file becomes before its extraction is back: an outcome already, or its content's SHA-256 with
# the pending extraction (None for a second copy of a content met earlier in this run).
Pending = Outcome | tuple[str, "Future[Extracted] | None"]


def _extracted(
    files: list[Path], store: GraphStore, workers: int, max_file_bytes: int, notes: dict[Path, str]
) -> Iterator[tuple[Path, DocumentExtraction | Outcome]]:
    """Each file's extraction, or its outcome when it is unchanged or fails, in file order. A file
    whose name says another format than its content has it said in `notes`."""
    known = loaded_documents(store)
    # Each content's problem, or None once extracted: a later copy shares the first copy's fate. Only
    # that is kept, not the extraction, which would hold every document of the run in memory.
    fates: dict[str, str | None] = {}

    def submit(pool: ProcessPoolExecutor | InProcess, path: Path) -> Pending:
        try:
            data = read_file(path, max_file_bytes)
        except ExtractionError as error:
            return Outcome(path, "failed", f"{path}: {error.problem}")
        misnamed = mislabelled(data, path.name)
        if misnamed:
            notes[path] = f"{path}: {misnamed}; read by its content"
        sha = hashlib.sha256(data).hexdigest()
        if sha in known:
            return Outcome(path, "unchanged")
        if sha in fates:
            return (sha, None)
        fates[sha] = None
        return (sha, pool.submit(extract_or_explain, path, data))

    def settle(path: Path, pending: Pending) -> tuple[Path, DocumentExtraction | Outcome]:
        if isinstance(pending, Outcome):
            return path, pending
        sha, future = pending
        if future is None:  # the first copy is ahead in the queue: its fate is settled
            problem = fates[sha]
            return path, Outcome(path, "unchanged") if problem is None else Outcome(
                path, "failed", f"{path}: {problem}"
            )
        result = future.result()
        if isinstance(result, str):
            fates[sha] = result
            return path, Outcome(path, "failed", f"{path}: {result}")
        return path, result

    with extraction_pool(workers) as pool:
        queue: deque[tuple[Path, Pending]] = deque()
        for path in files:
            queue.append((path, submit(pool, path)))
            while len(queue) > workers * QUEUED_PER_WORKER:
                yield settle(*queue.popleft())
        while queue:
            yield settle(*queue.popleft())


def write_batch(store: GraphStore, batch: list[tuple[Path, DocumentExtraction]]) -> list[Outcome]:
    """Writes the documents in one transaction; if the store refuses it, one transaction each, and if
    it is too large for the store's memory, each half in turn (a document is never split)."""
    try:
        written = store.replace_documents([extraction for _, extraction in batch])
    except TransactionTooLarge:
        if len(batch) == 1:
            raise
        half = len(batch) // 2
        return write_batch(store, batch[:half]) + write_batch(store, batch[half:])
    except StoreUnavailable:
        raise
    except Exception as error:  # the store refused a document's records: find it, the others still load
        if len(batch) == 1:
            return [Outcome(batch[0][0], "failed", f"{batch[0][0]}: the store refused it: {error}")]
        return [outcome for one in batch for outcome in write_batch(store, [one])]
    return [
        Outcome(path, "loaded", f"{n} nodes and relationships written")
        for (path, _), n in zip(batch, written, strict=True)
    ]


def relink(store: GraphStore) -> LinkCounts:
    """The step after every write or delete: recomputes the theme tallies, the theme pairs and the
    recurring weaknesses of the authorities whose documents changed (or that an interrupted load left
    pending), resolves the people, tallies what each inspector inspected when anything changed (the
    people step may fold an inspector anywhere), and recomputes the links of those authorities last,
    since the links step clears their marks: a run that dies before then is done again in full."""
    recompute_tallies(store)
    recompute_pairs(store)
    recompute_recurring_weaknesses(store)
    people = resolve_people(store)
    recompute_inspector_tallies(store, everything=people.merged > 0)
    return recompute_links(store)


def load_paths(
    store: GraphStore,
    paths: Iterable[Path],
    on_file: Callable[[Outcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    workers: int = 1,
    documents_per_transaction: int = DOCUMENTS_PER_TRANSACTION,
) -> LoadSummary:
    """Loads every document found; `on_start` hears how many files there are, `on_file` each outcome.
    A file over `max_file_bytes` fails without being read; `workers` processes extract (1: this one)."""
    files, missing = document_files(paths)
    if on_start is not None:
        on_start(len(files))
    store.ensure_schema()
    summary = LoadSummary(outcomes=list(missing), before=store.counts())
    store.load_reference_data()

    notes: dict[Path, str] = {}

    def report(outcomes: Iterable[Outcome]) -> None:
        for outcome in outcomes:
            outcome = replace(outcome, note=notes.pop(outcome.path, ""))
            summary.outcomes.append(outcome)
            if on_file is not None:
                on_file(outcome)

    batch: list[tuple[Path, DocumentExtraction]] = []
    for path, result in _extracted(files, store, workers, max_file_bytes, notes):
        if isinstance(result, Outcome):
            report([result])
            continue
        batch.append((path, result))
        if len(batch) >= documents_per_transaction:
            report(write_batch(store, batch))
            batch = []
    if batch:
        report(write_batch(store, batch))
    relink(store)
    summary.after = store.counts()
    return summary


def load_extractions(store: GraphStore, extractions: Iterable[DocumentExtraction]) -> LoadResult:
    """Loads each extracted document, one per transaction, then relinks. Loading the same documents
    again writes nothing."""
    loaded = skipped = written = 0
    for extraction in extractions:
        if store.document_loaded(extraction.document.sha256):
            skipped += 1
            continue
        written += store.replace_document(extraction)
        loaded += 1
    return LoadResult(loaded, skipped, written, relink(store))


def delete_documents(store: GraphStore, references: Iterable[str]) -> tuple[list[str], LinkCounts]:
    """Removes the documents named (file names or SHA-256s) in one transaction, then relinks. Returns
    the SHA-256s removed and the link counts."""
    removed = store.delete_documents(list(references))
    return removed, relink(store)
