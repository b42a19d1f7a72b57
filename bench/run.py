"""Benchmarks of extraction, loading, canned queries and the API; each prints Markdown tables.

    python bench/run.py extract --corpus DIR [--sample N] [--workers 1 2]
    python bench/run.py load    --corpus DIR --store PATH|bolt://... [--workers N]
    python bench/run.py bulk    --corpus DIR --store PATH|bolt://...
    python bench/run.py links   --corpus DIR --store PATH|bolt://... [--add 10] [--workers N]
    python bench/run.py queries --store PATH|bolt://... [--repeat N]
    python bench/run.py api     --store PATH|bolt://... [--clients N] [--requests N]
    python bench/run.py soak    --store PATH|bolt://... [--clients 50] [--seconds 60] [--read-connections N]

Every ratio in a table is measured within the same run. A Neo4j store given to `load` and `bulk` is
emptied first; an embedded store folder must not exist yet.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.startup_heap import freeze_startup_heap  # noqa: E402
from graph.links import recompute_links  # noqa: E402
from graph.open_store import open_store  # noqa: E402
from graph.store import GraphStore  # noqa: E402
from ingest.extraction_pool import extract_or_explain, worker_pool  # noqa: E402
from ingest.pipeline import DOCUMENTS_PER_TRANSACTION, document_files, load_paths, write_batch  # noqa: E402
from loaders.read import read_document, read_file  # noqa: E402
from loaders.records import DocumentExtraction  # noqa: E402

IKG = [sys.executable, "-m", "api"]


def table(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    print(f"\n**{title}**\n")
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join(" ---: " if i else " --- " for i in range(len(headers))) + "|")
    for row in rows:
        print("| " + " | ".join(_cell(value) for value in row) + " |")
    sys.stdout.flush()


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def sample(files: list[Path], count: int | None) -> list[Path]:
    """Every k-th file, so a sample spreads over authorities and formats, deterministically."""
    if not count or count >= len(files):
        return files
    step = len(files) / count
    return [files[int(i * step)] for i in range(count)]


def corpus_files(corpus: Path) -> list[Path]:
    files, _ = document_files([corpus])
    return files


# --- extraction ---------------------------------------------------------------------------------


def _floor(path: Path) -> int:
    """The work no extractor can skip: read and decode the document, and tokenise its text with the
    theme tagger's spaCy pipeline. Returns the words read."""
    from loaders.themes import tagger

    raw = read_document(read_file(path), path.name)
    tagger().nlp(raw.text)
    return len(raw.text.split())


def _extract(path: Path) -> int:
    extraction = extract_or_explain(path, read_file(path))  # as a worker of `ikg load` extracts
    if isinstance(extraction, str):
        raise SystemExit(f"{path}: {extraction}")
    return len(extraction.document.text.split())


def _timed(work: Callable[[Path], int], files: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    words = sum(work(path) for path in files)
    return time.perf_counter() - start, words


# The steps of `loaders.extract.extract_bytes` that take most of its time, as the module names them.
_STEPS = (
    "read_document",
    "clean_text",
    "document_claims",
    "find_inspectors",
    "claim_polarities",
    "tag_findings",
    "content_lemmas",
)


@contextmanager
def _step_timers(totals: dict[str, float]) -> Iterator[None]:
    """Adds each step's seconds to `totals` while the block runs, by wrapping the functions
    `loaders.extract` calls (a few calls per document, so the wrapping costs nothing measurable)."""
    import loaders.extract as extract

    originals = {name: getattr(extract, name) for name in _STEPS}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                totals[name] = totals.get(name, 0.0) + time.perf_counter() - start

        return run

    for name, function in originals.items():
        setattr(extract, name, timed(name, function))
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(extract, name, function)


def _timed_pool(files: list[Path], workers: int) -> float:
    """Seconds to extract the files on `workers` processes as `ikg load` does, pipelines already built."""
    with worker_pool(workers) as pool:
        list(pool.map(_warm_worker_task, range(workers)))
        start = time.perf_counter()
        results = list(pool.map(extract_or_explain, files, (read_file(path) for path in files), chunksize=4))
        elapsed = time.perf_counter() - start
    failed = [r for r in results if isinstance(r, str)]
    if failed:
        print(f"{len(failed)} documents failed, e.g. {failed[0]}", file=sys.stderr)
    return elapsed


def _warm_worker_task(_: int) -> None:
    time.sleep(0.5)  # holds the worker so that each worker gets one: all have built their pipeline


def cmd_extract(args: argparse.Namespace) -> None:
    files = sample(corpus_files(args.corpus), args.sample)
    from loaders.themes import tagger

    tagger()  # built before timing, as a worker builds it before its first document
    floor_s, words = _timed(_floor, files)
    steps: dict[str, float] = {}
    with _step_timers(steps):
        extract_s, _ = _timed(_extract, files)
    rows = [
        ["floor: read + spaCy tokenise (1 process)", len(files) / floor_s, words / floor_s, 1.0],
        ["loaders/ extraction (1 process)", len(files) / extract_s, words / extract_s, floor_s / extract_s],
    ]
    table(
        f"Extraction of {len(files)} documents ({words:,} words) from {args.corpus.name}",
        ["work", "documents/s", "words/s", "speed vs floor"],
        rows,
    )
    rest = extract_s - sum(steps.values())
    table(
        "Where one process's extraction time goes",
        ["step (`loaders/extract.py`)", "seconds", "share"],
        [
            *(
                [f"`{name}`", steps[name], f"{steps[name] / extract_s:.1%}"]
                for name in sorted(steps, key=steps.get, reverse=True)
            ),
            ["the rest (dates, authority, judgements, links, records)", rest, f"{rest / extract_s:.1%}"],
        ],
    )
    scaling = []
    first = None  # the speed-up is against the first worker count given (1 by default)
    for workers in args.workers:
        elapsed = _timed_pool(files, workers)
        first = first or elapsed
        scaling.append([workers, len(files) / elapsed, words / elapsed, first / elapsed])
    table(
        "Parallel extraction (worker processes as in `ikg load --workers N`)",
        ["workers", "documents/s", "words/s", "speed-up"],
        scaling,
    )


# --- loading ------------------------------------------------------------------------------------


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry.name)] = int(line.split()[1]) * 1024
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def _empty(store_setting: str) -> None:
    """An empty target: a Neo4j database is cleared; an embedded folder must not exist."""
    if "://" not in store_setting:
        if Path(store_setting).exists():
            sys.exit(f"{store_setting} exists: give a new folder for the embedded store")
        return
    with open_store(store_setting, read_only=False) as store:
        # In batches of its own transactions (CALL ... IN TRANSACTIONS needs an implicit transaction,
        # which the store's writes are not), relationships first: a theme node alone can hold 100,000.
        for count, delete in (
            ("MATCH ()-[r]->() RETURN count(r)", "MATCH ()-[r]->() WITH r LIMIT 10000 DELETE r"),
            ("MATCH (n) RETURN count(n)", "MATCH (n) WITH n LIMIT 10000 DELETE n"),
        ):
            while store.read(count)[1][0][0]:
                store.write([(delete, {})])


def _count(store_setting: str) -> int:
    with open_store(store_setting, read_only=True) as store:
        return sum(store.counts().values())


def cmd_load(args: argparse.Namespace) -> None:
    _empty(args.store)
    files = corpus_files(args.corpus)
    command = [*IKG, "load", str(args.corpus), "--store", args.store, "--workers", str(args.workers)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.2)
    elapsed = time.perf_counter() - start
    if process.returncode:
        print(process.stderr.read() if process.stderr else "", file=sys.stderr)
        sys.exit(f"ikg load failed ({process.returncode})")
    written = _count(args.store)
    table(
        f"`ikg load --workers {args.workers}` of {len(files):,} documents into {_kind(args.store)}",
        ["documents", "seconds", "documents/s", "nodes + relationships", "per second", "peak RSS (MB)"],
        [[len(files), elapsed, len(files) / elapsed, written, written / elapsed, peak / 2**20]],
    )


def _kind(store_setting: str) -> str:
    return "Neo4j" if "://" in store_setting else "the embedded store"


def extract_all(files: list[Path], workers: int) -> list[DocumentExtraction]:
    with worker_pool(workers) as pool:
        results = pool.map(extract_or_explain, files, (read_file(path) for path in files), chunksize=4)
        return [r for r in results if not isinstance(r, str)]


def _load_step(store: GraphStore, extractions: list[DocumentExtraction]) -> tuple[float, float]:
    """Seconds of the write step of `ikg load` (batched transactions), and of the links after it."""
    store.ensure_schema()
    start = time.perf_counter()
    store.load_reference_data()
    for i in range(0, len(extractions), DOCUMENTS_PER_TRANSACTION):
        batch = [(Path(e.document.file_name), e) for e in extractions[i : i + DOCUMENTS_PER_TRANSACTION]]
        failed = [o for o in write_batch(store, batch) if o.status != "loaded"]
        if failed:
            sys.exit(failed[0].detail)
    written = time.perf_counter()
    recompute_links(store)
    return written - start, time.perf_counter() - written


def cmd_bulk(args: argparse.Namespace) -> None:
    from graph.bulk_load import bulk_load

    files = corpus_files(args.corpus)
    extractions = extract_all(files, args.workers)
    _empty(args.store)
    with open_store(args.store, read_only=False) as store:
        load_s, links_s = _load_step(store, extractions)
        written = sum(store.counts().values())
    bulk_store = args.store if "://" in args.store else args.store + "-bulk"
    _empty(bulk_store)
    with open_store(bulk_store, read_only=False) as store:
        store.ensure_schema()
        start = time.perf_counter()
        bulk_load(store, extractions)
        bulk_s = time.perf_counter() - start
        bulk_written = sum(store.counts().values())
    table(
        f"Writing the same {len(extractions):,} extracted documents into {_kind(args.store)}",
        ["path", "seconds", "nodes + relationships", "per second", "speed vs bulk path"],
        [
            [
                "`ikg load` write step (batched transactions)",
                load_s,
                written,
                written / load_s,
                bulk_s / load_s,
            ],
            ["`ikg load` links (PREVIOUS, REPEATS)", links_s, "", "", ""],
            [_bulk_name(args.store), bulk_s, bulk_written, bulk_written / bulk_s, 1.0],
        ],
    )


def _links_step(store: GraphStore, everything: bool = False) -> int:
    return recompute_links(store, everything).authorities


def _inspector_step(store: GraphStore, everything: bool = False) -> int:
    """The inspector tallies (for the whole graph once any authority is pending); returns, as the other
    steps do, how many authorities that is."""
    from graph.inspector_tallies import recompute_inspector_tallies
    from graph.links import pending_authorities

    authorities = len(pending_authorities(store, everything))
    recompute_inspector_tallies(store, everything)
    return authorities


def cmd_derived(args: argparse.Namespace) -> None:
    """The data a load keeps for whole-graph questions (theme tallies and pairs, recurring weaknesses,
    the links step's links, persistent areas and repeat tallies, the inspector tallies), computed for
    every authority (a graph that had none) and then for the authority with the most inspections
    alone (a load of one of its reports), on a loaded store. Leaves the store as it found it."""
    from graph.recurring_weaknesses import recompute_recurring_weaknesses
    from graph.theme_pairs import recompute_pairs
    from graph.theme_tallies import recompute_tallies

    steps: tuple[tuple[str, Callable[..., int]], ...] = (
        ("theme tallies", recompute_tallies),
        ("theme pairs", recompute_pairs),
        ("recurring weaknesses", recompute_recurring_weaknesses),
        ("links, persistent areas and repeat tallies", _links_step),
        ("inspector tallies", _inspector_step),
    )
    with open_store(args.store, read_only=False) as store:
        store.ensure_schema()
        _, rows = store.read(
            "MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection) "
            "RETURN a.code AS code, count(i) AS n ORDER BY n DESC, code LIMIT 1"
        )
        code, inspections = rows[0]
        mark = "MATCH (a:Authority {code: $code}) SET a.linksPending = $pending"
        results = []
        for name, recompute in steps:
            start = time.perf_counter()
            authorities = recompute(store, everything=True)
            every_s = time.perf_counter() - start
            store.write([(mark, {"code": code, "pending": True})])
            start = time.perf_counter()
            recompute(store)
            one_s = time.perf_counter() - start
            store.write([(mark, {"code": code, "pending": False})])
            results.append([name, authorities, every_s, one_s, every_s / one_s])
        documents = store.counts().get("Document", 0)
    table(
        f"Data kept for whole-graph questions, recomputed on {documents:,} documents in {_kind(args.store)} "
        f"(one authority: the one with the most inspections, {inspections})",
        ["kept data", "authorities", "every authority s", "one authority s", "ratio"],
        results,
    )


def cmd_links(args: argparse.Namespace) -> None:
    """The links step after a load of a few documents, against recomputing every authority's links
    (what each load did before links were kept incremental), on a graph of the corpus. An embedded
    store that exists already is taken as this corpus loaded by an earlier run: the last documents
    are written again, which marks their authorities as a load does."""
    files = corpus_files(args.corpus)
    base, added = files[: -args.add], files[-args.add :]
    reuse = "://" not in args.store and Path(args.store).exists()
    if not reuse:
        _empty(args.store)
    with open_store(args.store, read_only=False) as store:
        start = time.perf_counter()
        if not reuse:
            load_paths(store, base, workers=args.workers)
        load_s = time.perf_counter() - start
        start = time.perf_counter()
        everything = recompute_links(store, everything=True)
        everything_s = time.perf_counter() - start
        everything_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        extractions = extract_all(added, args.workers)
        for i in range(0, len(extractions), DOCUMENTS_PER_TRANSACTION):
            store.replace_documents(extractions[i : i + DOCUMENTS_PER_TRANSACTION])
        start = time.perf_counter()
        incremental = recompute_links(store)
        incremental_s = time.perf_counter() - start
        documents = store.counts().get("Document", 0)
    loaded = (
        "loaded by an earlier run" if reuse else f"the load of the first {len(base):,} took {load_s:,.0f} s"
    )
    table(
        f"The links step (PREVIOUS, PREVIOUS_FULL, REFERS_TO, REPEATS) on {documents:,} documents in "
        f"{_kind(args.store)} ({loaded}; peak RSS after recomputing every authority "
        f"{everything_rss:,.0f} MB)",
        ["links recomputed for", "authorities", "REPEATS", "seconds", "vs every authority"],
        [
            [
                "every authority (each load, before)",
                everything.authorities,
                everything.repeats,
                everything_s,
                1.0,
            ],
            [
                f"the authorities of {len(extractions)} documents just loaded",
                incremental.authorities,
                incremental.repeats,
                incremental_s,
                incremental_s / everything_s,
            ],
        ],
    )


def _bulk_name(store_setting: str) -> str:
    return "bulk: one UNWIND ... CREATE per label and type" if "://" in store_setting else "bulk: COPY FROM"


# --- canned queries -----------------------------------------------------------------------------


def query_parameters(store: GraphStore) -> dict[str, Any]:
    """Parameter values that exist in the graph: the defaults' authority, and its latest inspection."""
    from queries import get

    default_authority = next(p for p in get("authority-profile").parameters if p.name == "authority").default
    _, rows = store.read(
        "MATCH (i:Inspection)-[:OF_AUTHORITY]->(a:Authority {code: $code}), (i)-[:HAS_FINDING]->(f:Finding) "
        "RETURN i.id AS id, count(f) AS n ORDER BY n DESC, id LIMIT 1",
        {"code": default_authority},
    )
    return {"inspection": rows[0][0]} if rows else {}


def _time_calls(call: Callable[[], Any], repeat: int) -> list[float]:
    call()  # the first call plans and warms caches; it is not counted
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


# The heaviest parameters a user would pass: every row a query may return (the integer bound), and
# where a value decides how much is read, the one that reads most (a word in nearly every claim, the
# theme with the most narrower themes, the polarity most claims have).
HEAVIEST: dict[str, dict[str, Any]] = {
    "finding-search": {"text": "children"},
    "recommendations-by-theme": {"theme": "help-and-protection"},
    "theme-trend-by-year": {"theme": "help-and-protection", "polarity": "strength"},
    "themes-recurring-across-authorities": {"polarity": "strength", "minAuthorities": 1},
    "theme-co-occurrence": {"polarity": "", "minFindings": 1},
    "recurring-weaknesses": {"minAuthorities": 1},
}


def _given(query: Any, given: dict[str, Any]) -> dict[str, Any]:
    """The values of `given` that name parameters of the query."""
    names = {p.name for p in query.parameters}
    return {k: v for k, v in given.items() if k in names}


def _heaviest(query: Any, given: dict[str, Any]) -> dict[str, Any]:
    bounds = {p.name: p.maximum for p in query.parameters if p.name in ("limit", "samples")}
    return _given(query, given) | bounds | HEAVIEST.get(query.name, {})


def _parameters(args: argparse.Namespace, query: Any, given: dict[str, Any]) -> dict[str, Any]:
    """The query's parameters as `--heaviest` asks: the heaviest, or the store's defaults."""
    return _heaviest(query, given) if args.heaviest else _given(query, given)


def _which(args: argparse.Namespace) -> str:
    return "the heaviest parameters" if args.heaviest else "the default parameters"


def cmd_queries(args: argparse.Namespace) -> None:
    from api.answers import run
    from queries import catalog

    unknown = sorted(set(args.only or ()) - set(catalog()))
    if unknown:
        raise SystemExit(f"--only: no canned query named {', '.join(unknown)}")
    with open_store(args.store, read_only=True) as store:
        given = query_parameters(store)
        freeze_startup_heap()  # as the API server does once it has started
        rows = []
        for query in catalog().values():
            if args.only and query.name not in args.only:
                continue
            params = query.bind(_parameters(args, query, given))
            count = len(run(store, query, params)[1])
            times = _time_calls(lambda q=query, p=params: run(store, q, p), args.repeat)
            rows.append([query.name, count, statistics.median(times), percentile(times, 95)])
    which = _which(args)
    table(
        f"Canned queries on {_kind(args.store)}, {which} ({args.repeat} runs each after one warm-up)",
        ["query", "rows", "p50 ms", "p95 ms"],
        rows,
    )


PREVIOUS = ROOT / "bench" / "previous"


def cmd_previous(args: argparse.Namespace) -> None:
    """Each canned query that now reads data kept at load time against the Cypher the previous design
    answered it with (bench/previous/, which the tests hold the new answers to), with the default
    parameters or the heaviest, in one run on the same store."""
    from api.answers import run
    from queries import get

    with open_store(args.store, read_only=True) as store:
        given = query_parameters(store)
        freeze_startup_heap()  # as the API server does once it has started
        rows = []
        for path in sorted(PREVIOUS.glob("*.cypher")):
            if args.only and path.stem not in args.only:
                continue
            query = get(path.stem)
            params = query.bind(_parameters(args, query, given))
            previous = path.read_text()
            same = run(store, query, params)[1] == store.read(previous, params)[1]
            before = _time_calls(lambda c=previous, p=params: store.read(c, p), args.repeat)
            now = _time_calls(lambda q=query, p=params: run(store, q, p), args.repeat)
            rows.append(
                [
                    query.name,
                    "yes" if same else "NO",
                    percentile(before, 95),
                    percentile(now, 95),
                    percentile(before, 95) / percentile(now, 95),
                ]
            )
    which = _which(args)
    table(
        f"Canned queries reading data kept at load time vs the previous design's Cypher, "
        f"{_kind(args.store)}, {which} ({args.repeat} runs each after one warm-up)",
        ["query", "same rows", "previous p95 ms", "now p95 ms", "speed-up"],
        rows,
    )


def cmd_export(args: argparse.Namespace) -> None:
    """The streamed Turtle export against the previous design (the whole graph in rdflib, then its
    Turtle serializer), and validation, in one run on the same store."""
    import io

    from graph.rdf_export import export_graph, export_to, serialize
    from graph.shacl_validate import validate

    with open_store(args.store, read_only=True) as store:
        start = time.perf_counter()
        count = export_to(store, io.BytesIO(), "ttl")
        streamed = time.perf_counter() - start
        start = time.perf_counter()
        graph = export_graph(store)
        built = time.perf_counter() - start
        start = time.perf_counter()
        serialize(graph, "ttl")
        rdflib_turtle = built + time.perf_counter() - start
        start = time.perf_counter()
        validate(graph, inplace=True)
        shacl = time.perf_counter() - start
    table(
        f"Export and validation of {count:,} triples ({_kind(args.store)})",
        ["step", "seconds", "ratio to the streamed export"],
        [
            ["Turtle, streamed (ikg export)", streamed, 1.0],
            [
                "Turtle, whole graph then rdflib's serializer (previous design)",
                rdflib_turtle,
                rdflib_turtle / streamed,
            ],
            ["the graph in rdflib (ikg validate's first step)", built, built / streamed],
            ["SHACL validation with pyshacl (ikg validate's second step)", shacl, shacl / streamed],
        ],
    )


# --- the API ------------------------------------------------------------------------------------


API_QUERIES = ("authority-profile", "inspection-findings")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(store_setting: str, settings: dict[str, str] | None = None) -> Iterator[tuple[str, int]]:
    """`ikg serve` on a free loopback port, with these settings in its environment: (its base URL, its
    pid) once it answers."""
    import httpx

    port = _free_port()
    env = {**os.environ, **(settings or {}), "IKG_STORE": store_setting}
    process = subprocess.Popen(
        [*IKG, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/queries", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(30)


def _concurrent(call: Callable[[], Any], clients: int, requests: int) -> tuple[float, list[float]]:
    """(requests per second, latencies in ms) of `requests` calls from `clients` threads."""
    latencies: list[float] = []
    lock = threading.Lock()

    def one(_: int) -> None:
        start = time.perf_counter()
        call()
        with lock:
            latencies.append((time.perf_counter() - start) * 1000)

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(requests)))
    return requests / (time.perf_counter() - start), latencies


def cmd_api(args: argparse.Namespace) -> None:
    import httpx

    from api.answers import run
    from queries import get

    names = args.only or API_QUERIES
    rows = []
    # The embedded store is opened by one process at a time: the direct calls run first, then the API.
    direct: dict[str, tuple[list[float], float, list[float]]] = {}
    with open_store(args.store, read_only=True) as store:
        given = query_parameters(store)
        freeze_startup_heap()  # as the API server does once it has started
        for name in names:
            query = get(name)
            params = query.bind(_parameters(args, query, given))
            call = lambda q=query, p=params: run(store, q, p)  # noqa: E731
            single = _time_calls(call, args.requests)
            rps, latencies = _concurrent(call, args.clients, args.requests)
            direct[name] = (single, rps, latencies)
    with serving(args.store) as (base, _), httpx.Client(base_url=base) as client:
        for name in names:
            query = get(name)
            params = _parameters(args, query, given)

            def call(n: str = name, p: dict[str, Any] = params) -> None:
                client.get(f"/queries/{n}", params=p).raise_for_status()

            single = _time_calls(call, args.requests)
            rps, latencies = _concurrent(call, args.clients, args.requests)
            d_single, d_rps, d_latencies = direct[name]
            rows.append(
                [
                    name,
                    statistics.median(d_single),
                    statistics.median(single),
                    statistics.median(single) - statistics.median(d_single),
                    d_rps,
                    rps,
                    percentile(d_latencies, 95),
                    percentile(latencies, 95),
                ]
            )
    which = _which(args)
    table(
        f"API on loopback vs the store called directly, {_kind(args.store)}, {which} "
        f"({args.requests} requests; concurrent: {args.clients} clients)",
        [
            "query",
            "store p50 ms",
            "API p50 ms",
            "API adds ms",
            "store req/s",
            "API req/s",
            "store p95 ms",
            "API p95 ms",
        ],
        rows,
    )


def _soak_requests(given: dict[str, Any]) -> list[tuple[str, str, dict[str, Any] | None]]:
    """A mix of what users send: canned queries, resources, and their own Cypher."""
    inspection = given.get("inspection", "")
    return [
        ("GET", "/queries/themes-recurring-across-authorities?limit=10", None),
        ("GET", "/queries/authority-theme-findings?authority=Birmingham&theme=supervision", None),
        ("GET", "/queries/theme-trend-by-year", None),
        ("GET", "/queries/finding-search?text=supervision", None),
        ("GET", "/authorities?limit=20", None),
        ("GET", "/authorities/E08000025", None),
        ("GET", f"/inspections/{inspection}", None),
        ("GET", "/themes", None),
        (
            "POST",
            "/cypher",
            {
                "query": "MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection) "
                "RETURN a.name AS name, count(i) AS n ORDER BY n DESC LIMIT 5"
            },
        ),
    ]


def cmd_soak(args: argparse.Namespace) -> None:
    """Clients send requests back to back for a fixed time; the server's memory is sampled each second.
    Once per number of read connections asked for (IKG_READ_CONNECTIONS), or once with the default."""
    with open_store(args.store, read_only=True) as store:
        given = query_parameters(store)
    requests = _soak_requests(given)
    failed = False
    for connections in args.read_connections or [None]:
        settings = {} if connections is None else {"IKG_READ_CONNECTIONS": str(connections)}
        failed |= _soak(args, requests, settings)
    if failed:
        sys.exit(1)


def _soak(args: argparse.Namespace, requests: list[tuple[str, str, Any]], settings: dict[str, str]) -> bool:
    """One soak of a server started with these settings: its tables printed; whether any failed."""
    import httpx

    statuses: dict[int, int] = {}
    errors: list[str] = []
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = {f"{method} {url}": [] for method, url, _ in requests}
    lock = threading.Lock()
    with serving(args.store, settings) as (base, server_pid):
        deadline = time.monotonic() + args.seconds

        def client(number: int) -> None:
            with httpx.Client(base_url=base, timeout=30) as http:
                i = number
                while time.monotonic() < deadline:
                    method, url, body = requests[i % len(requests)]
                    i += 1
                    start = time.perf_counter()
                    try:
                        status = http.request(method, url, json=body).status_code
                    except httpx.HTTPError as error:
                        with lock:
                            errors.append(f"{url}: {type(error).__name__}")
                        continue
                    with lock:
                        latencies.append((time.perf_counter() - start) * 1000)
                        by_kind[f"{method} {url}"].append(latencies[-1])
                        statuses[status] = statuses.get(status, 0) + 1

        memory: list[int] = []
        with ThreadPoolExecutor(args.clients) as pool:
            futures = [pool.submit(client, n) for n in range(args.clients)]
            while time.monotonic() < deadline:
                memory.append(_tree_rss(server_pid))
                time.sleep(1)
            for future in futures:
                future.result()
    total = sum(statuses.values())
    failed = total - statuses.get(200, 0) + len(errors)
    tenth = max(1, len(memory) // 10)
    first, last = statistics.mean(memory[:tenth]), statistics.mean(memory[-tenth:])
    setting = "".join(f", {name}={value}" for name, value in settings.items())
    table(
        f"The API under {args.clients} concurrent clients for {args.seconds} s on loopback, "
        f"{_kind(args.store)}{setting} ({len(requests)} kinds of request in turn)",
        [
            "requests",
            "non-200 or failed",
            "req/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "server RSS first 10% (MB)",
            "last 10% (MB)",
            "peak (MB)",
        ],
        [
            [
                total,
                failed,
                total / args.seconds,
                statistics.median(latencies),
                percentile(latencies, 95),
                percentile(latencies, 99),
                first / 2**20,
                last / 2**20,
                max(memory) / 2**20,
            ]
        ],
    )
    # The server's memory over the run, in tenths: flat, or still growing at the end?
    table(
        "Server RSS (MB) over the run, mean of each tenth",
        [f"{10 * (i + 1)}%" for i in range(10)],
        [[statistics.mean(memory[i * tenth : (i + 1) * tenth] or memory[-1:]) / 2**20 for i in range(10)]],
    )
    # Where the clients' waiting is spent: each kind's latency under the same load.
    table(
        "Each kind of request under the same load",
        ["request", "answered", "p50 ms", "p95 ms", "share of all waiting"],
        [
            [kind, len(times), statistics.median(times), percentile(times, 95), sum(times) / sum(latencies)]
            for kind, times in by_kind.items()
            if times
        ],
    )
    if failed:
        print(f"statuses {statuses}; errors {errors[:5]}", file=sys.stderr)
    return bool(failed)


# User Cypher for the concurrency benchmark: a light read a researcher sends, and a slow one (a cross
# product of claims) that runs until the server's time limit stops it.
LIGHT_CYPHER = (
    "MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection) RETURN a.name AS name, count(i) AS n "
    "ORDER BY n DESC LIMIT 5"
)
SLOW_CYPHER = "MATCH (f:Finding), (g:Finding) WHERE f.text < g.text RETURN count(*) AS n"
CANNED_URL = "/queries/authority-profile?authority=E08000025"


def _for_seconds(call: Callable[[], Any], clients: int, seconds: float) -> tuple[float, list[float]]:
    """(requests per second, latencies in ms) of `clients` threads calling back to back for `seconds`."""
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(_: int) -> None:
        while time.monotonic() < deadline:
            start = time.perf_counter()
            call()
            with lock:
                latencies.append((time.perf_counter() - start) * 1000)

    begin = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return len(latencies) / (time.perf_counter() - begin), latencies


def _tally(statuses: list[int]) -> str:
    return ", ".join(f"{code}: {statuses.count(code)}" for code in sorted(set(statuses)))


def _send_slow_queries(base: str, timeout: float, stop: threading.Event, answers: list[int]) -> None:
    import httpx

    with httpx.Client(base_url=base, timeout=timeout) as http:
        while not stop.is_set():
            answers.append(http.post("/cypher", json={"query": SLOW_CYPHER}).status_code)


def cmd_cypher(args: argparse.Namespace) -> None:
    """User Cypher through `POST /cypher` from 1, 4 and 16 clients, for each number of worker
    processes; then a canned query's latency alone and while one client keeps a worker busy with a
    query that runs to the time limit."""
    import httpx

    rows, interference = [], []
    for workers in args.workers:
        settings = {"IKG_CYPHER_WORKERS": str(workers), "IKG_CYPHER_TIMEOUT": str(args.timeout)}
        with serving(args.store, settings) as (base, _), httpx.Client(base_url=base, timeout=60) as http:

            def light() -> None:
                http.post("/cypher", json={"query": LIGHT_CYPHER}).raise_for_status()

            def canned() -> None:
                http.get(CANNED_URL).raise_for_status()

            light()  # every worker started and warm
            for clients in args.clients:
                rps, latencies = _for_seconds(light, clients, args.seconds)
                rows.append([workers, clients, rps, statistics.median(latencies), percentile(latencies, 95)])
            _, alone = _for_seconds(canned, 1, args.seconds)
            _, light_alone = _for_seconds(light, 1, args.seconds)
            stop = threading.Event()
            slow_answers: list[int] = []

            busy = threading.Thread(
                target=_send_slow_queries, args=(base, args.timeout + 30, stop, slow_answers)
            )
            busy.start()
            time.sleep(1)
            _, during = _for_seconds(canned, 1, args.seconds)
            # With every worker busy, a request waits up to the time limit and is then told to try
            # again (503): counted, as the user meets it.
            light_answers: list[int] = []

            def light_answered(answers: list[int] = light_answers) -> None:
                answers.append(http.post("/cypher", json={"query": LIGHT_CYPHER}).status_code)

            _, light_during = _for_seconds(light_answered, 1, args.seconds)
            stop.set()
            busy.join()
            interference.append(
                [
                    workers,
                    percentile(alone, 95),
                    percentile(during, 95),
                    percentile(during, 95) / percentile(alone, 95),
                    percentile(light_alone, 95),
                    percentile(light_during, 95),
                    _tally(light_answers),
                    _tally(slow_answers),
                ]
            )
    table(
        f"User Cypher through the API, {_kind(args.store)} ({args.seconds} s per row)",
        ["workers", "clients", "req/s", "p50 ms", "p95 ms"],
        rows,
    )
    table(
        f"While one client runs a query to the {args.timeout:g} s limit, {_kind(args.store)}",
        [
            "workers",
            "canned p95 ms alone",
            "canned p95 ms during",
            "ratio",
            "light Cypher p95 ms alone",
            "during",
            "light Cypher answers during",
            "slow query answers",
        ],
        interference,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="extraction vs its floor, and parallel scaling")
    extract.add_argument("--corpus", type=Path, required=True)
    extract.add_argument("--sample", type=int, default=None, help="documents to take (spread evenly)")
    extract.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    load = commands.add_parser("load", help="`ikg load` end to end, with peak memory")
    bulk = commands.add_parser("bulk", help="the write step of `ikg load` vs the store's bulk path")
    links = commands.add_parser("links", help="the links step after a small load vs every authority")
    links.add_argument("--add", type=int, default=10, help="documents loaded after the rest")
    for sub in (load, bulk, links):
        sub.add_argument("--corpus", type=Path, required=True)
        sub.add_argument("--store", required=True)
        sub.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    queries = commands.add_parser("queries", help="p50 and p95 of every canned query")
    queries.add_argument("--store", required=True)
    queries.add_argument("--repeat", type=int, default=30)
    queries.add_argument("--heaviest", action="store_true", help="the heaviest parameters, not the defaults")
    queries.add_argument("--only", nargs="+", metavar="NAME", help="these canned queries, not every one")
    derived = commands.add_parser("derived", help="the data kept for whole-graph questions, recomputed")
    derived.add_argument("--store", required=True)
    previous = commands.add_parser(
        "previous", help="queries on kept aggregates vs the previous design's Cypher"
    )
    previous.add_argument("--store", required=True)
    previous.add_argument("--repeat", type=int, default=5)
    previous.add_argument("--heaviest", action="store_true", help="the heaviest parameters, not the defaults")
    previous.add_argument("--only", nargs="+", metavar="NAME", help="these canned queries, not every one")
    export = commands.add_parser("export", help="the streamed RDF export vs the previous design; validation")
    export.add_argument("--store", required=True)
    api = commands.add_parser("api", help="the API on loopback vs calling the store")
    api.add_argument("--store", required=True)
    api.add_argument("--clients", type=int, default=8)
    api.add_argument("--requests", type=int, default=400)
    api.add_argument(
        "--only", nargs="+", metavar="QUERY", help=f"these canned queries, not {', '.join(API_QUERIES)}"
    )
    api.add_argument("--heaviest", action="store_true", help="the heaviest parameters, not the defaults")
    soak = commands.add_parser("soak", help="the API under concurrent clients for a while: errors, memory")
    soak.add_argument("--store", required=True)
    soak.add_argument("--clients", type=int, default=50)
    soak.add_argument("--seconds", type=int, default=60)
    soak.add_argument(
        "--read-connections",
        type=int,
        nargs="+",
        help="one soak per value of IKG_READ_CONNECTIONS (embedded store)",
    )
    cypher = commands.add_parser("cypher", help="user Cypher from several clients; a slow query's effect")
    cypher.add_argument("--store", required=True)
    cypher.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    cypher.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    cypher.add_argument("--seconds", type=float, default=20)
    cypher.add_argument("--timeout", type=float, default=5)
    args = parser.parse_args(argv)
    commands_run = {
        "extract": cmd_extract,
        "load": cmd_load,
        "bulk": cmd_bulk,
        "links": cmd_links,
        "queries": cmd_queries,
        "previous": cmd_previous,
        "derived": cmd_derived,
        "export": cmd_export,
        "api": cmd_api,
        "soak": cmd_soak,
        "cypher": cmd_cypher,
    }
    commands_run[args.command](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
