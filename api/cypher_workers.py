"""User Cypher in a pool of worker processes, each with the store open read-only.

The server checks a query's tokens (api.cypher_guard), then hands it to an idle worker and waits, with
a wall-clock deadline and a watch on the worker's resident memory. A worker that crashes, overruns or
outgrows its limit is killed and a new one started in the background; the caller is told which limit
it hit and the setting that sets it. Canned queries never pass through here, so they keep answering
while a worker is stuck, and several workers answer in parallel.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from api.cypher_guard import check_params, check_read_only
from api.cypher_worker import Request, serve
from api.settings import Settings
from graph.store import StoreUnavailable

# A worker is given this much longer than the query's time limit, so that the engine's own
# interruption, which leaves the worker alive, comes first.
GRACE_S = 1.0
POLL_S = 0.02
START_TIMEOUT_S = 120.0
_PAGE = os.sysconf("SC_PAGE_SIZE")
CRASHED = (
    "the query ended the worker process that ran it (an engine fault; a new worker is starting, and "
    "nothing was changed)"
)


class CypherLimit(Exception):
    """A query stopped by a limit (or refused, or failed): `status` is the HTTP status to answer."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Refused(CypherLimit):
    pass


class Failed(CypherLimit):
    pass


class TimeLimit(CypherLimit):
    status = 408


class MemoryLimit(CypherLimit):
    status = 422


class AnswerLimit(CypherLimit):
    status = 422


class Crashed(CypherLimit):
    pass


class Busy(CypherLimit):
    status = 503


@dataclass(eq=False)  # hashed by identity: the pool keeps a set of its live workers
class _Worker:
    process: BaseProcess
    connection: Connection


class CypherWorkers:
    """`size` workers over the store of `settings`, started in the background by `start` or by the
    first query that passes the guard (`ikg cypher` starts none for a query it refuses)."""

    def __init__(self, settings: Settings, size: int | None = None) -> None:
        self.settings = settings
        self.size = size or settings.cypher_workers
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._context = multiprocessing.get_context("spawn")  # a fork would copy the open store
        self._closed = False
        self._unavailable: str | None = None
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
        self._started = threading.Event()  # set once the first worker is ready
        self._launched = False

    def start(self) -> CypherWorkers:
        """Starts the workers in the background (else the first query that needs one starts them)."""
        if not self._launched:
            self._launched = True
            for _ in range(self.size):
                self._replace()
        return self

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._live)
        for worker in workers:
            _stop(worker)

    def __enter__(self) -> CypherWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, cypher: str, params: Mapping[str, Any], max_rows: int) -> bytes:
        """The answer's JSON body: {"columns", "truncated", "truncatedBy", "cypher", "rows"};
        CypherLimit if the query is refused, fails, or hits a limit."""
        settings = self.settings
        try:
            text = check_read_only(cypher)
            check_params(params)
        except ValueError as error:
            raise Refused(f"refused: {error}") from error
        worker = self._take()
        request = Request(text, dict(params), max_rows, settings.cypher_max_bytes, settings.cypher_timeout_s)
        try:
            worker.connection.send(request)
            kind, value = self._wait(worker, settings.cypher_timeout_s + GRACE_S)
        except CypherLimit:
            self._discard(worker)
            raise
        except (OSError, EOFError) as error:
            self._discard(worker)
            raise Crashed(CRASHED) from error
        self._idle.put(worker)
        if kind == "ok":
            return value  # type: ignore[no-any-return]
        if kind == "refused":
            raise Refused(f"refused: {value}")
        if kind == "timeout":
            raise TimeLimit(self._time_limit_message())
        if kind == "memory":
            raise MemoryLimit(
                f"the query needed more memory than one query may have (IKG_CYPHER_MEMORY on the "
                f"embedded store, db.memory.transaction.max on Neo4j) and was stopped: {value}"
            )
        if kind == "too_large":
            raise AnswerLimit(f"{value} (IKG_CYPHER_MAX_BYTES): return fewer or smaller values")
        if kind == "unavailable":
            raise StoreUnavailable(value)
        raise Failed(f"the store could not run the query: {value}")

    def _time_limit_message(self) -> str:
        return (
            f"the query ran past the time limit of {self.settings.cypher_timeout_s:g} s "
            "(IKG_CYPHER_TIMEOUT) and was stopped"
        )

    def _wait(self, worker: _Worker, seconds: float) -> tuple[str, Any]:
        deadline = time.monotonic() + seconds
        limit = self.settings.cypher_memory_bytes
        while True:
            if worker.connection.poll(POLL_S):
                return worker.connection.recv()  # type: ignore[no-any-return]
            if not worker.process.is_alive():
                raise Crashed(CRASHED)
            if _resident_bytes(worker.process.pid) > limit:
                raise MemoryLimit(
                    f"the query needed more than {limit / 2**20:,.0f} MB of memory (IKG_CYPHER_MEMORY) "
                    "and was stopped"
                )
            if time.monotonic() > deadline:
                raise TimeLimit(self._time_limit_message())

    def _take(self) -> _Worker:
        self.start()
        if not self._started.wait(START_TIMEOUT_S) and not self._unavailable:
            raise Busy("no Cypher worker has started yet: try again shortly")
        wait = self.settings.cypher_timeout_s
        deadline = time.monotonic() + wait
        while True:
            if self._unavailable:
                raise StoreUnavailable(self._unavailable)
            try:
                return self._idle.get(timeout=min(0.25, max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                if time.monotonic() >= deadline:
                    raise Busy(
                        f"all {self.size} Cypher workers stayed busy for {wait:g} s (IKG_CYPHER_WORKERS): "
                        "try again shortly"
                    ) from None

    def _discard(self, worker: _Worker) -> None:
        self._discard_quietly(worker)
        self._replace()

    def _replace(self) -> None:
        """Starts a worker in the background; it joins the idle queue once its store is open."""
        if not self._closed:
            threading.Thread(target=self._start_one, daemon=True).start()

    def _start_one(self) -> None:
        try:
            worker, kind, value = self._spawn()
        except Exception as error:  # the process could not start at all
            worker, kind, value = None, "unavailable", f"a Cypher worker could not start: {error}"
        if kind != "ready" or self._closed:
            if kind != "ready":
                self._unavailable = str(value)
            if worker is not None:
                self._discard_quietly(worker)
        else:
            assert worker is not None
            self._unavailable = None
            self._idle.put(worker)
        self._started.set()

    def _spawn(self) -> tuple[_Worker, str, Any]:
        mine, theirs = self._context.Pipe()
        process = self._context.Process(
            target=serve, args=(theirs, self.settings, os.getpid()), daemon=True, name="ikg-cypher"
        )
        process.start()
        theirs.close()
        worker = _Worker(process, mine)
        with self._lock:
            self._live.add(worker)
        if not mine.poll(START_TIMEOUT_S):
            return worker, "unavailable", "a Cypher worker did not open the store in time"
        try:
            kind, value = mine.recv()
        except (EOFError, OSError):
            return worker, "unavailable", "a Cypher worker died while opening the store"
        return worker, kind, value

    def _discard_quietly(self, worker: _Worker) -> None:
        _stop(worker)
        with self._lock:
            self._live.discard(worker)


def _stop(worker: _Worker) -> None:
    with contextlib.suppress(OSError):
        worker.connection.close()
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(timeout=5)


def _resident_bytes(pid: int | None) -> int:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0
