"""Extraction in worker processes: a pool whose workers build the spaCy pipelines once and exit when
the process that started them is gone; one worker means this process, with no pool to start."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from api.parent_watch import watch_parent
from api.startup_heap import freeze_startup_heap
from loaders.errors import ExtractionError
from loaders.extract import extract_bytes
from loaders.records import DocumentExtraction


def extract_or_explain(path: Path, data: bytes) -> DocumentExtraction | str:
    """The document's extraction, or what is wrong with it (run in a worker process)."""
    try:
        extraction = extract_bytes(data, path.name)
    except ExtractionError as error:
        return error.problem
    except Exception as error:  # a fault of the extractor on this file: the others still load
        return f"could not be extracted ({type(error).__name__}: {error})"
    if extraction.findings:
        _models_loaded()
    return extraction


_models_frozen = False


def _models_loaded() -> None:
    """The extractor loads its models as the first document with claims needs them: once it has, they
    are frozen (`api.startup_heap`), so that the process's later collections do not walk them."""
    global _models_frozen
    if not _models_frozen:
        freeze_startup_heap()
        _models_frozen = True


def start_worker(parent: int) -> None:
    """A worker's start: it watches its parent, and builds the theme tagger's spaCy pipeline once,
    before its first document."""
    from loaders.themes import tagger

    watch_parent(parent)
    tagger()


def worker_pool(workers: int) -> ProcessPoolExecutor:
    # Spawned, not forked: the parent holds an open store whose threads and locks a fork would copy.
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_worker,
        initargs=(os.getpid(),),
    )


Extracted = DocumentExtraction | str


class InProcess:
    """The pool's interface, extracting in this process (one worker: no process to start)."""

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def submit(self, work: Callable[[Path, bytes], Extracted], path: Path, data: bytes) -> Future[Extracted]:
        done: Future[Extracted] = Future()
        done.set_result(work(path, data))
        return done


def extraction_pool(workers: int) -> ProcessPoolExecutor | InProcess:
    return worker_pool(workers) if workers > 1 else InProcess()
