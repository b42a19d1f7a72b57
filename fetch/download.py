"""Downloads the files of a manifest into a folder: a few at a time, resumable, retrying with
backoff, each file checked (SHA-256 where the manifest knows it, else a whole PDF) before it takes its
name.

A file is written to `<name>.part` and renamed only once checked, so a folder never holds a file that
was cut short or is not what the manifest says; a rerun resumes a `.part` with an HTTP range request.
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

from fetch.manifest import Entry
from loaders.read import pdf_problem

# Polite to the publisher: a handful of connections, never more.
DEFAULT_WORKERS = 4
MAX_WORKERS = 8
DEFAULT_ATTEMPTS = 5
_BACKOFF_FIRST_S = 0.5
_BACKOFF_MAX_S = 30.0
_CHUNK = 64 * 1024
# Statuses worth asking again for; any other error status is the answer.
_TRANSIENT = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Fetched:
    entry: Entry
    status: str  # downloaded, present or failed
    detail: str = ""
    size: int = 0


@dataclass
class FetchSummary:
    results: list[Fetched] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failures(self) -> list[Fetched]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def downloaded_bytes(self) -> int:
        return sum(r.size for r in self.results if r.status == "downloaded")


class _Permanent(Exception):
    """An answer asking again will not change (404, wrong content)."""


class _Transient(Exception):
    """A failure worth another attempt (reset, timeout, 5xx, a body cut short)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Policy:
    attempts: int = DEFAULT_ATTEMPTS
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 60.0
    backoff_first_s: float = _BACKOFF_FIRST_S
    backoff_max_s: float = _BACKOFF_MAX_S


def fetch_all(
    entries: Sequence[Entry],
    folder: Path,
    workers: int = DEFAULT_WORKERS,
    policy: Policy = Policy(),
    on_done: Callable[[Fetched], None] | None = None,
) -> FetchSummary:
    """Every entry's file in `folder`: the ones there already (and checked) are left, the others
    fetched. Never raises for one file: each failure is a result."""
    folder.mkdir(parents=True, exist_ok=True)
    summary = FetchSummary()
    lock = threading.Lock()
    parallel = min(workers, MAX_WORKERS)
    timeout = httpx.Timeout(policy.read_timeout_s, connect=policy.connect_timeout_s)
    limits = httpx.Limits(max_connections=parallel)
    with httpx.Client(timeout=timeout, limits=limits, follow_redirects=True) as client:

        def one(entry: Entry) -> None:
            result = _fetch_one(client, entry, folder, policy)
            with lock:
                summary.results.append(result)
            if on_done is not None:
                on_done(result)

        with ThreadPoolExecutor(max_workers=parallel) as pool:
            list(pool.map(one, entries))
    order = {e.file: n for n, e in enumerate(entries)}
    summary.results.sort(key=lambda r: order[r.entry.file])
    return summary


def check(entry: Entry, data: bytes) -> str | None:
    """What is wrong with these bytes as the entry's file, or None."""
    if entry.sha256:
        got = hashlib.sha256(data).hexdigest()
        return (
            None
            if got == entry.sha256
            else f"checksum mismatch (SHA-256 {got[:12]}..., want {entry.sha256[:12]}...)"
        )
    return pdf_problem(data)


def _fetch_one(client: httpx.Client, entry: Entry, folder: Path, policy: Policy) -> Fetched:
    target = folder / entry.file
    if target.exists() and check(entry, target.read_bytes()) is None:
        return Fetched(entry, "present", size=target.stat().st_size)
    part = target.with_name(target.name + ".part")
    problem = ""
    for attempt in range(policy.attempts):
        try:
            data = _download(client, entry.url, part)
        except _Permanent as error:
            return Fetched(entry, "failed", f"{entry.url}: {error}")
        except _Transient as error:
            problem = str(error)
            if attempt + 1 < policy.attempts:
                time.sleep(_backoff(policy, attempt, error.retry_after))
            continue
        wrong = check(entry, data)
        if wrong:
            part.unlink(missing_ok=True)  # resuming bad bytes would only make them worse
            return Fetched(entry, "failed", f"{entry.url}: {wrong}")
        part.replace(target)
        return Fetched(entry, "downloaded", size=len(data))
    return Fetched(entry, "failed", f"{entry.url}: {problem} (after {policy.attempts} attempts)")


def _download(client: httpx.Client, url: str, part: Path) -> bytes:
    """The whole body at `url`, resuming from what `part` holds; raises _Transient or _Permanent."""
    have = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 416:  # the part is not a prefix of the file any more
                part.unlink(missing_ok=True)
                raise _Transient("the partial file did not match; starting again")
            if response.status_code in _TRANSIENT:
                raise _Transient(f"HTTP {response.status_code}", _retry_after(response))
            if response.status_code >= 400:
                raise _Permanent(f"HTTP {response.status_code}")
            resumed = response.status_code == 206
            expected = response.headers.get("content-length")
            received = 0
            with part.open("ab" if resumed else "wb") as out:
                for chunk in response.iter_bytes(_CHUNK):
                    out.write(chunk)
                    received += len(chunk)
            if expected is not None and received < int(expected):
                raise _Transient(f"the body was cut short ({received} of {expected} bytes)")
    except httpx.TimeoutException as error:
        raise _Transient(f"timed out ({type(error).__name__})") from error
    except httpx.TransportError as error:  # resets, refused connections, bodies cut short
        raise _Transient(f"connection failed ({type(error).__name__}: {error})") from error
    return part.read_bytes()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _backoff(policy: Policy, attempt: int, retry_after: float | None) -> float:
    if retry_after is not None:
        return min(retry_after, policy.backoff_max_s)
    # Exponential with jitter, so that parallel workers do not retry in step.
    return min(policy.backoff_first_s * 2**attempt, policy.backoff_max_s) * (0.5 + random.random() / 2)
