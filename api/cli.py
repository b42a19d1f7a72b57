"""The `ikg` command line."""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import queries
from api import answers
from api.authority_page import Links, authority_page
from api.cypher_workers import CypherLimit, CypherWorkers
from api.settings import SettingError, Settings
from api.startup_heap import freeze_startup_heap
from fetch.download import DEFAULT_WORKERS, MAX_WORKERS, fetch_all
from fetch.manifest import ManifestError, read_manifest, select
from graph.rdf_export import export_graph, export_to
from graph.shacl_validate import validate as shacl_validate
from graph.store import GraphStore, StoreUnavailable, UnknownDocument
from ingest.pipeline import default_workers, delete_documents, load_paths
from loaders.errors import ExtractionError
from loaders.extract import extract_file
from ontology import vocabulary

app = typer.Typer(
    help="inspection-kg: a knowledge graph of children's services inspections.",
    no_args_is_help=True,
    add_completion=False,
)
# soft_wrap: a message is one line however narrow the terminal or pipe (scripts grep for them)
err = Console(stderr=True, soft_wrap=True)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Embedded store path or Neo4j URI (default: IKG_STORE or ~/.local/share/inspection-kg/graph).",
    ),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
ParamOption = Annotated[
    list[str] | None, typer.Option("--param", "-p", help="A parameter as NAME=VALUE; repeat.")
]


def _env_settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingError as error:
        raise _fail(str(error)) from error


def _settings(store: str | None) -> Settings:
    return _env_settings().with_overrides(store=store)


def _open(store: str | None, read_only: bool) -> GraphStore:
    return _open_settings(_settings(store), read_only)


def _open_settings(settings: Settings, read_only: bool) -> GraphStore:
    try:
        return settings.open_store(read_only)
    except StoreUnavailable as error:
        raise _fail(str(error)) from error


def _params(pairs: list[str] | None) -> dict[str, str]:
    params = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise typer.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        params[name] = value
    return params


def _print(answer: dict[str, Any], output: str) -> None:
    if output == "json":
        sys.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2) + "\n")
    elif output == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=answer["columns"])
        writer.writeheader()
        writer.writerows(answer["rows"])
    elif output == "table" and not sys.stdout.isatty():
        # Piped: plain tab-separated lines, whole, rather than a table cut to 80 columns.
        sys.stdout.write("\t".join(answer["columns"]) + "\n")
        for row in answer["rows"]:
            sys.stdout.write("\t".join(_tsv_cell(row[c]) for c in answer["columns"]) + "\n")
    elif output == "table":
        table = Table(*answer["columns"])
        for row in answer["rows"]:
            table.add_row(*("" if row[c] is None else str(row[c]) for c in answer["columns"]))
        Console().print(table)
    else:
        raise typer.BadParameter(f"{output!r}: use table, json or csv", param_hint="--format")


def _tsv_cell(value: Any) -> str:
    text = "" if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return " ".join(text.split("\t")).replace("\n", " ")


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code=1)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Documents to extract (.txt, .pdf, .html).")],
) -> None:
    """Print what each document yields, one JSON object per line (the extraction contract)."""
    max_file_bytes = _env_settings().max_file_bytes
    failed = 0
    for path in files:
        try:
            record = extract_file(path, max_file_bytes).to_json_dict()
        except ExtractionError as error:
            failed += 1
            record = {"file": str(path), "error": str(error)}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(code=1)


def with_change(count: int, before: int) -> str:
    """A count with its change since before: "155735 (-2713)", "158448 (+0)"."""
    return f"{count} ({count - before:+d})"


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders of documents.")],
    store: StoreOption = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes extracting documents in parallel (default: the CPUs).")
    ] = default_workers(),
) -> None:
    """Load documents into the store: unchanged files are skipped, changed ones replaced, and those
    another version of the extractor read are read again."""
    settings = _settings(store)
    with (
        _open_settings(settings, read_only=False) as graph,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
        ) as progress,
    ):
        task = progress.add_task("loading", total=None)
        freeze_startup_heap()
        try:
            summary = load_paths(
                graph,
                paths,
                on_file=lambda outcome: progress.advance(task),
                on_start=lambda total: progress.update(task, total=total),
                max_file_bytes=settings.max_file_bytes,
                workers=workers,
            )
        except StoreUnavailable as error:
            # A transaction holds whole documents: those committed before stay, the rest wait.
            raise _fail(
                f"{error}\nthe documents loaded before stay; run the same `ikg load` again once the "
                "store can take more"
            ) from error
    table = Table("documents", "loaded", "unchanged", "failed", "nodes", "relationships", title="ikg load")
    labels = vocabulary().nodes
    nodes, nodes_before = (
        sum(v for k, v in c.items() if k in labels) for c in (summary.after, summary.before)
    )
    rels, rels_before = (
        sum(v for k, v in c.items() if k not in labels) for c in (summary.after, summary.before)
    )
    table.add_row(
        str(len(summary.outcomes)),
        str(summary.count("loaded")),
        str(summary.count("unchanged")),
        str(summary.count("failed")),
        with_change(nodes, nodes_before),
        with_change(rels, rels_before),
    )
    err.print(table)
    for noted in summary.notes:
        err.print(f"[yellow]note:[/yellow] {noted.note}", highlight=False, soft_wrap=True)
    for failure in summary.failures:
        err.print(f"[red]failed:[/red] {failure.detail}", highlight=False, soft_wrap=True)
    if summary.failures:
        raise typer.Exit(code=1)


@app.command()
def delete(
    documents: Annotated[list[str], typer.Argument(help="File names or SHA-256s of loaded documents.")],
    store: StoreOption = None,
) -> None:
    """Remove documents from the store, all or none. An inspection with another copy of its report
    loaded stays whole: its claims are then cited in that copy."""
    with _open(store, read_only=False) as graph:
        try:
            removed, _ = delete_documents(graph, documents)
        except (UnknownDocument, StoreUnavailable) as error:
            raise _fail(str(error)) from error
    err.print(f"removed {len(removed)} document{'s' if len(removed) != 1 else ''}")


@app.command()
def fetch(
    folder: Annotated[Path, typer.Argument(help="Folder the reports are saved in (created if need be).")],
    authority: Annotated[
        list[str] | None,
        typer.Option("--authority", "-a", help="Only this authority (name or ONS code); repeat."),
    ] = None,
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Only reports published on or after this date."),
    ] = None,
    manifest: Annotated[
        str | None, typer.Option(help="A newer manifest, by path or http(s) URL (default: the one shipped).")
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=MAX_WORKERS, help="Downloads at a time (a polite few).")
    ] = DEFAULT_WORKERS,
    then_load: Annotated[
        bool, typer.Option("--then-load", help="Load the folder into the store afterwards.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Download the published reports the manifest lists that the folder lacks: resumable, retried,
    each file checked against its SHA-256 (or as a whole PDF) before it is kept."""
    try:
        entries = select(read_manifest(manifest), authority or (), since.date() if since else None)
    except ManifestError as error:
        raise _fail(str(error)) from error
    if not entries:
        raise _fail("the manifest lists no report for that choice of --authority and --since")
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as progress:
        task = progress.add_task("fetching", total=len(entries))
        summary = fetch_all(entries, folder, workers, on_done=lambda _: progress.advance(task))
    table = Table("reports", "downloaded", "already there", "failed", "MB downloaded", title="ikg fetch")
    table.add_row(
        str(len(entries)),
        str(summary.count("downloaded")),
        str(summary.count("present")),
        str(len(summary.failures)),
        f"{summary.downloaded_bytes / 1e6:.1f}",
    )
    err.print(table)
    err.print(f"in {folder.resolve()}", highlight=False)
    for failure in summary.failures:
        err.print(f"[red]failed:[/red] {failure.entry.file}: {failure.detail}", highlight=False)
    if summary.failures:
        err.print("run the same `ikg fetch` again to retry what failed", highlight=False)
    if then_load:
        load([folder], store=store, workers=default_workers())
    if summary.failures:
        raise typer.Exit(code=1)


@app.command(name="queries")
def list_queries(output: FormatOption = "table") -> None:
    """List the canned queries with their parameters."""
    rows = [
        {
            "name": q.name,
            "parameters": ", ".join(f"{p.name}:{p.type}={p.default!r}" for p in q.parameters),
            "description": q.description,
        }
        for q in queries.catalog().values()
    ]
    _print({"columns": ["name", "parameters", "description"], "rows": rows}, output)


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="Canned query name (see `ikg queries`).")],
    param: ParamOption = None,
    output: FormatOption = "table",
    store: StoreOption = None,
) -> None:
    """Run a canned query."""
    with _open(store, read_only=True) as graph:
        try:
            answer = answers.canned(graph, name, _params(param))
        except queries.QueryError as error:
            raise _fail(str(error)) from error
    _print(answer, output)


@app.command()
def cypher(
    text: Annotated[str, typer.Argument(help="Read-only Cypher.")],
    param: ParamOption = None,
    output: FormatOption = "table",
    store: StoreOption = None,
) -> None:
    """Run read-only Cypher, with the same checks, limits and worker process as POST /cypher."""
    settings = _settings(store)
    _open_settings(settings, read_only=True).close()  # a clear error now if there is no store
    with CypherWorkers(settings, size=1) as workers:
        try:
            answer = json.loads(workers.run(text, _params(param), settings.cypher_max_rows))
        except CypherLimit as error:
            raise _fail(error.message) from error
        except StoreUnavailable as error:
            raise _fail(str(error)) from error
    _print(answer, output)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.", min=1, max=65535)] = 8000,
    store: StoreOption = None,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) on the store, read-only."""
    import uvicorn

    from api.app import create_app
    from api.cypher_access import is_loopback

    settings = _settings(store)
    _open_settings(settings, read_only=True).close()  # one line, not a traceback, if it cannot be served
    exposed = not is_loopback(host)
    if exposed and not settings.api_key:
        err.print(f"[yellow]{host} is beyond loopback and IKG_API_KEY is not set: POST /cypher is refused[/]")
    uvicorn.run(create_app(settings, exposed=exposed), host=host, port=port)


@contextmanager
def _triples_progress(doing: str) -> Iterator[Callable[[int], None]]:
    """A line on stderr counting triples as they go (how many there will be is not known ahead)."""
    with Progress(
        TextColumn(f"{doing} {{task.completed:,.0f}} triples"), TimeElapsedColumn(), console=err
    ) as progress:
        task = progress.add_task(doing, total=None)
        yield lambda n: progress.advance(task, n)


@app.command()
def export(
    output: Annotated[str, typer.Option("--format", "-f", help="ttl or jsonld.")] = "ttl",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (default: standard output).")
    ] = None,
    with_text: Annotated[bool, typer.Option(help="Include each document's cleaned text.")] = False,
    store: StoreOption = None,
) -> None:
    """Write the graph as RDF (Turtle or JSON-LD) in the ontology's vocabulary."""
    if output not in ("ttl", "jsonld"):
        raise typer.BadParameter(f"{output!r}: use ttl or jsonld", param_hint="--format")
    try:
        with _open(store, read_only=True) as graph, _triples_progress("exporting") as written:
            count = export_to(graph, out or sys.stdout.buffer, output, with_text, written)  # type: ignore[arg-type]
    except OSError as error:
        raise _fail(f"cannot write {out or 'to standard output'}: {error.strerror or error}") from error
    err.print(f"{count} triples")


@app.command()
def report(
    authority: Annotated[str, typer.Argument(help="ONS code or name of the authority.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")],
    base_url: Annotated[
        str | None,
        typer.Option(
            help="Address of a running `ikg serve` (e.g. http://127.0.0.1:8000) for the quotes to link "
            "to; without it the file links nowhere and each quote cites its file name, SHA-256 and offsets."
        ),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Write an authority's page at a glance (the page of GET /authorities/{code}/page) as one HTML
    file that opens anywhere, offline: its charts' plotly.js is inside it."""
    with _open(store, read_only=True) as graph:
        try:
            html = authority_page(graph, authority, Links(base_url), inline_plotly=True)
        except queries.QueryError as error:
            raise _fail(str(error)) from error
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as error:
        raise _fail(f"cannot write {out}: {error.strerror or error}") from error
    err.print(f"wrote {out}", highlight=False)


@app.command()
def validate(store: StoreOption = None) -> None:
    """Check the graph's RDF export against the SHACL shapes; print each violation."""
    with _open(store, read_only=True) as graph, _triples_progress("reading the graph") as read:
        data = export_graph(graph, on_triples=read)
    with Progress(
        TextColumn("validating {task.fields[triples]:,} triples with pyshacl"),
        TimeElapsedColumn(),
        console=err,
    ) as progress:
        progress.add_task("validating", total=None, triples=len(data))
        report = shacl_validate(data, inplace=True)
    for violation in report.violations:
        err.print(f"{violation.focus_node} {violation.path or ''}: {violation.message}", highlight=False)
    if not report.conforms:
        raise _fail(f"{len(report.violations)} SHACL violations")
    err.print("conforms: 0 violations")


@app.command()
def stats(output: FormatOption = "table", store: StoreOption = None) -> None:
    """Nodes per label and relationships per type; inspections, documents and findings per framework
    and year. With --format json: one object with both answers."""
    with _open(store, read_only=True) as graph:
        counts = graph.counts()
        holdings = answers.canned(graph, "inspections-by-framework-year", {})
    rows = [{"name": name, "count": count} for name, count in counts.items()]
    totals = {"columns": ["name", "count"], "rows": rows}
    by_year = {"columns": holdings["columns"], "rows": holdings["rows"]}
    if output == "json":
        sys.stdout.write(json.dumps({"counts": totals, "byFrameworkAndYear": by_year}, indent=2) + "\n")
        return
    _print(totals, output)
    if output == "csv":
        sys.stdout.write("\n")
    _print(by_year, output)


def main() -> None:
    # The Neo4j driver logs each retry of a transaction as a warning, which Python would print to the
    # user's terminal for want of a handler; what finally fails is reported below, in one line.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    try:
        app()
    except StoreUnavailable as error:  # raised by any command that reads or writes the store
        raise SystemExit(_fail(str(error)).exit_code) from None
