"""Precision and recall of the theme tagger against hand-labelled findings.

Two sets, labelled from the definitions in themes.tsv before the tagger was run on them:
tests/data/themes_gold.jsonl, the set the cues were tuned on, and tests/data/themes_heldout.jsonl,
findings from other reports that no cue or weight was tuned on, an estimate for unseen text.

Each finding is tagged as the loader tags it: the claim with its words in its source document, read
in its paragraph, each claim with its context (its heading, or what a visit looked at:
`loaders.claim_context`); a finding whose words are not one claim there is tagged from its words
alone.

Scoring rule: per finding, the set of assigned theme ids is compared with the set of gold ids, exact
ids only. A broader concept earns no credit for a narrower gold theme (nor the reverse), because the
tagger is meant to name the most specific theme. Counts are pooled over all findings (micro average)
and also reported per theme.

    python -m accuracy.themes [FILE ...] [--benchmark N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from accuracy.precision_recall import PrecisionRecall, markdown_table
from loaders.themes import tag_findings
from training.label_context import quoted_claims, tag_quoted

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
GOLD = DATA / "themes_gold.jsonl"
HELD_OUT = DATA / "themes_heldout.jsonl"


@dataclass(frozen=True)
class GoldItem:
    source: str
    text: str
    themes: frozenset[str]


@dataclass(frozen=True)
class Report:
    items: int
    untagged: int  # findings given no theme at all
    micro: PrecisionRecall
    per_theme: dict[str, PrecisionRecall]


def load_gold(path: Path = GOLD) -> list[GoldItem]:
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [GoldItem(row["source"], row["text"], frozenset(row["themes"])) for row in rows]


def evaluate(gold: Sequence[GoldItem]) -> Report:
    predictions = tag_quoted(quoted_claims((item.source, item.text) for item in gold))
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for item, assigned in zip(gold, predictions, strict=True):
        predicted = {a.theme for a in assigned}
        tp.update(predicted & item.themes)
        fp.update(predicted - item.themes)
        fn.update(item.themes - predicted)
    themes = sorted(set(tp) | set(fp) | set(fn))
    return Report(
        items=len(gold),
        untagged=sum(1 for assigned in predictions if not assigned),
        micro=PrecisionRecall(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        per_theme={t: PrecisionRecall(tp[t], fp[t], fn[t]) for t in themes},
    )


def format_report(report: Report) -> str:
    m = report.micro
    lines = [
        f"Findings: {report.items}; without a theme: {report.untagged}",
        "",
        f"Micro precision {m.precision:.3f}, recall {m.recall:.3f}, F1 {m.f1:.3f} "
        f"(TP {m.tp}, FP {m.fp}, FN {m.fn}; exact theme ids)",
        "",
    ]
    per_theme = sorted(report.per_theme.items(), key=lambda kv: (kv[1].f1, kv[0]))
    rows = [
        [theme, c.tp + c.fn, c.tp, c.fp, c.fn, f"{c.precision:.2f}", f"{c.recall:.2f}", f"{c.f1:.2f}"]
        for theme, c in per_theme
    ]
    header = ["Theme id", "Gold", "TP", "FP", "FN", "Precision", "Recall", "F1"]
    return "\n".join(lines) + "\n" + markdown_table(header, rows)


def benchmark(texts: Sequence[str], count: int) -> float:
    """Texts per second tagging `count` texts cycled from `texts`, after the pipeline is built."""
    batch = [texts[i % len(texts)] for i in range(count)]
    tag_findings(batch[:1])
    start = time.perf_counter()
    tag_findings(batch)
    return count / (time.perf_counter() - start)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[GOLD, HELD_OUT], help="labelled JSON Lines")
    parser.add_argument("--benchmark", type=int, metavar="N", help="also time tagging N of the findings")
    args = parser.parse_args(argv)
    texts: list[str] = []
    for index, path in enumerate(args.files):
        gold = load_gold(path)
        texts += [item.text for item in gold]
        print(("\n" if index else "") + f"### {path.name}\n")
        print(format_report(evaluate(gold)))
    if args.benchmark:
        rate = benchmark(texts, args.benchmark)
        print(f"\nSpeed: {rate:,.0f} texts/s tagging {args.benchmark:,} findings in one batch")


if __name__ == "__main__":
    main()
