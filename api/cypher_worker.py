"""One worker process of user Cypher: it opens the store read-only, and answers one query at a time
sent over a pipe, as the finished JSON body of the answer.

Everything that a query can make expensive or fatal happens here, not in the server: parsing and
planning by the engine, running, converting values, and encoding the answer. A crash, an overrun or
a runaway allocation costs this process, which the pool kills and replaces (api.cypher_workers).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from api.answers import plain_row
from api.parent_watch import watch_parent
from api.settings import Settings
from api.startup_heap import freeze_startup_heap
from graph.store import (
    GraphStore,
    StoreUnavailable,
    UntrustedFailed,
    UntrustedMemory,
    UntrustedRefused,
    UntrustedTimeout,
)


@dataclass(frozen=True)
class Request:
    cypher: str
    params: dict[str, Any]
    max_rows: int
    max_bytes: int
    timeout_s: float


class AnswerTooLarge(Exception):
    """One row of the answer alone is over the byte cap."""


def serve(connection: Connection, settings: Settings, parent: int) -> None:
    """The worker's life: open the store, say so, then answer requests until the pipe closes."""
    watch_parent(parent)
    try:
        # The embedded engine's own memory (its buffer pool) is half the worker's limit: a query that
        # needs more fails in the engine with a clear error before the worker is killed. A worker
        # answers one query at a time, so one connection for reads is enough.
        pool = settings.cypher_memory_bytes // 2
        store = settings.with_overrides(buffer_pool_bytes=pool, read_connections=1).open_store(read_only=True)
    except (StoreUnavailable, ValueError) as error:
        connection.send(("unavailable", str(error)))
        return
    freeze_startup_heap()
    connection.send(("ready", os.getpid()))
    while True:
        try:
            request: Request = connection.recv()
        except (EOFError, OSError):
            break
        connection.send(answer(store, request))
    store.close()


def answer(store: GraphStore, request: Request) -> tuple[str, Any]:
    """("ok", JSON bytes) or (kind of failure, message)."""
    try:
        body = store.read_untrusted(
            request.cypher,
            request.params,
            request.timeout_s,
            lambda columns, rows: _encode(columns, rows, request),
        )
    except UntrustedRefused as error:
        return ("refused", str(error))
    except UntrustedTimeout as error:
        return ("timeout", str(error))
    except UntrustedMemory as error:
        return ("memory", str(error))
    except UntrustedFailed as error:
        return ("failed", str(error))
    except AnswerTooLarge as error:
        return ("too_large", str(error))
    except StoreUnavailable as error:
        return ("unavailable", str(error))
    except Exception as error:  # a fault of the engine or its driver on this query: say which
        return ("failed", f"{type(error).__name__}: {error}")
    return ("ok", body)


def _encode(columns: list[str], rows: Iterator[list[Any]], request: Request) -> bytes:
    """The answer's JSON, rows stopping at the row cap or the byte cap, whichever comes first."""
    encoded: list[bytes] = []
    size = 0
    truncated_by: str | None = None
    for row in rows:
        if len(encoded) == request.max_rows:
            truncated_by = "rows"
            break
        _check_size(row, request.max_bytes)
        text = json.dumps(plain_row(columns, row), ensure_ascii=False, allow_nan=False).encode()
        if size + len(text) > request.max_bytes:
            if not encoded:
                raise AnswerTooLarge(f"one row of the answer is larger than {request.max_bytes:,} bytes")
            truncated_by = "bytes"
            break
        encoded.append(text)
        size += len(text) + 1
    head = json.dumps(
        {
            "columns": columns,
            "truncated": truncated_by is not None,
            "truncatedBy": truncated_by,
            "cypher": request.cypher,
        },
        ensure_ascii=False,
    )
    return b"".join([head[:-1].encode(), b', "rows": [', b",".join(encoded), b"]}"])


def _check_size(value: Any, budget: int) -> None:
    """AnswerTooLarge if the row is plainly larger than `budget` bytes, found before encoding it (an
    answer of one 100 MB string would otherwise be copied several times on its way out)."""
    stack = [value]
    size = 0
    while stack:
        item = stack.pop()
        if isinstance(item, str | bytes):
            size += len(item)
        elif isinstance(item, list | tuple):
            stack.extend(item)
            size += len(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
            size += sum(len(str(k)) for k in item)
        else:
            size += 8
        if size > budget:
            raise AnswerTooLarge(f"one row of the answer is larger than {budget:,} bytes")
