"""People before and after resolving spelling variants, on the shared corpus.

Loads every document of the corpus into a temporary embedded store (the write path only: the people
step has not run), lists the inspector nodes the reports' own spellings give, every pair of alike
names with the evidence the rule weighed (`graph.same_person`), then runs the people step and counts
again.

    python -m accuracy.people [--workers N]
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from accuracy.fields import corpus_dir, extract_or_none
from accuracy.precision_recall import markdown_table
from graph.ladybug_store import LadybugStore
from graph.people_resolution import people, resolve_people, verdicts
from ingest.pipeline import document_files

BATCH = 25


def _span(years: frozenset[int]) -> str:
    return f"{min(years)}-{max(years)}" if years else "?"


def report(store: LadybugStore, paths: list[Path], workers: int) -> str:
    with ProcessPoolExecutor(workers) as pool:
        extractions = [e for e in pool.map(extract_or_none, paths, chunksize=4) if e is not None]
    for i in range(0, len(extractions), BATCH):
        store.replace_documents(extractions[i : i + BATCH])
    before = people(store)
    by_id = {p.id: p for p in before}
    found = verdicts(before)
    rows = [
        [
            by_id[v.a].name,
            by_id[v.b].name,
            f"{len(by_id[v.a].inspections)} / {len(by_id[v.b].inspections)}",
            f"{_span(by_id[v.a].years)} / {_span(by_id[v.b].years)}",
            v.variant + (" (a changed letter)" if v.changed_letter else ""),
            str(v.co_inspectors),
            "one person" if v.same_person else "kept apart: POSSIBLY_SAME",
        ]
        for v in found
    ]
    counts = resolve_people(store)
    after = people(store)
    header = ["name", "alike name", "inspections", "years", "variant", "co-inspectors in common", "verdict"]
    return (
        f"{len(extractions)} documents; inspector nodes by the reports' spellings: {len(before)}; "
        f"after resolution: {len(after)} ({counts.merged} merged, {counts.candidates} candidate pairs)\n\n"
        + markdown_table(header, rows)
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    paths, _ = document_files([corpus_dir()])
    with tempfile.TemporaryDirectory() as folder:
        store = LadybugStore(Path(folder) / "graph")
        try:
            store.ensure_schema()
            store.load_reference_data()
            print(report(store, paths, args.workers))
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
