"""Hostile Cypher against a real `ikg serve`: what the corpus gets, how canned routes fare meanwhile,
and what one slow client costs the others. Prints Markdown tables (docs/reliability.md).

    python bench/hostile.py --store PATH|bolt://... [--clients 4] [--seconds 20]

The server runs as its own process on a free loopback port with a 2 s Cypher time limit; every
ratio is measured in the same run. The corpus is tests/data/hostile_cypher.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import IKG, _free_port, _tree_rss, percentile, table  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "hostile_cypher.jsonl"
CANNED = "/queries/themes"
FAST = {"query": "MATCH (a:Authority) RETURN count(a) AS n"}
SLOW = {"query": "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN sum(x * y) AS s"}


@contextmanager
def server(store: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = _free_port()
    env = {**os.environ, "IKG_STORE": store, "IKG_CYPHER_TIMEOUT": "2"}
    process = subprocess.Popen(
        [*IKG, "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.post(f"{url}/cypher", json=FAST, timeout=5).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            raise SystemExit(f"ikg serve did not start on {url}")
        time.sleep(0.3)
    try:
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=30)


class Probe:
    """Times GET CANNED every 0.2 s in a thread."""

    def __init__(self, url: str) -> None:
        self.url, self.latencies, self._stop = url, [], threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self._stop.wait(0.2):
                started = time.monotonic()
                client.get(CANNED).raise_for_status()
                self.latencies.append(time.monotonic() - started)

    def __enter__(self) -> Probe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)


def _outcome(status: int, detail: str) -> str:
    if status == 200:
        return "answered"
    if status == 400 and detail.startswith("refused: "):
        return "refused"
    if status == 408:
        return "stopped at the time limit"
    if status == 422:
        return "stopped at the memory or answer limit"
    if status == 400 and "worker process" in detail:
        return "ended its worker (replaced)"
    if status == 400:
        return "engine error (400)"
    return f"other ({status})"


def run_corpus(url: str, process: subprocess.Popen[bytes]) -> tuple[Counter[str], list[float], list[float]]:
    entries = [json.loads(line) for line in CORPUS.read_text().splitlines()]
    outcomes: Counter[str] = Counter()
    with Probe(url) as idle:
        time.sleep(5)
    with Probe(url) as busy, httpx.Client(base_url=url, timeout=60) as client:
        for entry in entries:
            body = json.dumps({"query": entry["query"], "params": entry.get("params") or {}})
            response = client.post("/cypher", content=body, headers={"content-type": "application/json"})
            detail = response.json().get("detail", "") if response.status_code != 200 else ""
            outcomes[_outcome(response.status_code, str(detail))] += 1
            if process.poll() is not None:
                outcomes["server crashed"] += 1
                break
    outcomes.setdefault("server crashed", 0)
    return outcomes, idle.latencies, busy.latencies


def _throughput(url: str, clients: int, seconds: float, slow: bool) -> float:
    stop = time.monotonic() + seconds
    done = [0] * clients

    def client(i: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as http:
            while time.monotonic() < stop:
                if http.post("/cypher", json=FAST).status_code == 200:
                    done[i] += 1

    def slow_client() -> None:
        with httpx.Client(base_url=url, timeout=30) as http:
            while time.monotonic() < stop:
                http.post("/cypher", json=SLOW)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    if slow:
        threads.append(threading.Thread(target=slow_client))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds


def _parallel_exports(url: str, pid: int, parallel: int) -> list[object]:
    """Seconds for `parallel` simultaneous GET /export.ttl, the server's resident MB before and at
    its peak, and the size of the Turtle."""
    before = peak = _tree_rss(pid)
    done = threading.Event()
    sizes: list[int] = []

    def watch() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, _tree_rss(pid))

    def fetch() -> None:
        sizes.append(len(httpx.get(f"{url}/export.ttl", timeout=300).content))

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.monotonic()
    threads = [threading.Thread(target=fetch) for _ in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    done.set()
    watcher.join()
    return [parallel, elapsed, before / 2**20, peak / 2**20, max(sizes) / 2**20]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args(argv)
    with server(args.store) as (url, process):
        outcomes, idle, busy = run_corpus(url, process)
        tried = sum(outcomes.values()) - outcomes["server crashed"]
        table(
            f"Hostile corpus against POST /cypher ({tried} queries)",
            ["outcome", "queries"],
            sorted(outcomes.items(), key=lambda item: -item[1]),
        )
        table(
            f"GET {CANNED} while the corpus runs (one request every 0.2 s)",
            ["", "requests", "p50 ms", "p95 ms", "max ms"],
            [
                [name, len(values), 1000 * statistics.median(values), 1000 * percentile(values, 95),
                 1000 * max(values)]
                for name, values in (("idle server", idle), ("during the hostile corpus", busy))
            ],
        )  # fmt: skip
        alone = _throughput(url, args.clients, args.seconds, slow=False)
        shared = _throughput(url, args.clients, args.seconds, slow=True)
        table(
            f"{args.clients} clients sending a fast query for {args.seconds:g} s, with and without one "
            "client looping a query that runs to the time limit",
            ["", "fast queries per second", "ratio"],
            [["alone", alone, 1.0], ["beside the slow client", shared, shared / alone]],
        )
        table(
            "GET /export.ttl, simultaneous calls",
            ["", "calls", "seconds for all", "server MB before", "server MB at peak", "Turtle MB"],
            [
                ["first (builds it once)", *_parallel_exports(url, process.pid, 4)],
                ["again (streamed from the file)", *_parallel_exports(url, process.pid, 4)],
            ],
        )
        alive = process.poll() is None
    print(f"\nserver alive at the end: {alive}")
    return 0 if alive and outcomes["server crashed"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
