"""Claim-level accuracy of polarity and themes against the hand labels, per split.

    python -m accuracy.claims [--pdftotext [--layout | --raw]] [FOLDER ...]
                        (default: ../shared/corpus/reports, pdf and seeds, searched in that order)

Each hand label names a document and quotes a claim. The document is extracted as the loader
extracts it, and the label is matched to the claim with the same words (whitespace aside); a label
whose words are no longer one claim (the segmentation changed) is counted as unmatched, and a
labelled junk quote that is still a claim counts against the extractor. Polarity: accuracy and the
confusion matrix over matched labels that are not junk. Themes: micro precision and recall of exact
theme ids over the same claims, a claim with no theme included. The held-out split is the one to
read: nothing was trained or tuned on its documents.

With --pdftotext each labelled PDF is read as the text poppler's pdftotext makes of it (its default
mode, -layout or -raw), as documents reach the graph from other tools; the labels are matched the same way,
so a claim the text cuts otherwise than the PDF counts as unmatched.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from accuracy.pdftotext import add_mode_options, text_file
from accuracy.precision_recall import PrecisionRecall, agreeing, confusion_table
from accuracy.sure_scores import (
    SURE_POLARITY_SCORE,
    SURE_THEME_SCORE,
    ScoredClaim,
    kept_at,
    polarity_table,
    theme_counts,
    theme_table,
)
from accuracy.theme_breakdown import breakdown_table
from loaders.extract import extract_file
from loaders.polarity import POLARITIES, SECTION_METHOD
from loaders.records import FindingRecord
from training.claim_labels import ClaimLabel, claim_labels
from training.label_context import FOLDERS, document_path

SPLITS = ("heldout", "train")


def _words(text: str) -> str:
    return " ".join(text.split())


def _family(file_name: str) -> str:
    """The shared corpus names its reports "...-inspection.pdf" and its letters "...-focused-visit.pdf"."""
    return "focused visit" if "focused-visit" in file_name else "inspection report"


def _share(scored_right: list[int]) -> str:
    scored, right = scored_right
    return f"{right / scored:.3f} ({right}/{scored})" if scored else "-"


@dataclass
class SplitReport:
    labels: int = 0
    documents: int = 0
    unmatched: int = 0
    junk_labels: int = 0
    junk_kept: int = 0  # labelled junk that is still a claim
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)
    # Claims the classifier decided (no heading states their polarity): (scored, right).
    classified: list[int] = field(default_factory=lambda: [0, 0])
    by_family: dict[str, list[int]] = field(default_factory=dict)  # family -> [scored, right]
    themes: PrecisionRecall = field(default_factory=lambda: PrecisionRecall(0, 0, 0))
    by_score: list[ScoredClaim] = field(default_factory=list)  # each scored label, with its claim's score
    # Each scored label's themes: (the claim's themes with their scores, the labelled themes).
    theme_scores: list[tuple[dict[str, float], tuple[str, ...]]] = field(default_factory=list)

    @property
    def scored(self) -> int:
        return sum(self.confusion.values())

    @property
    def polarity_accuracy(self) -> float:
        return agreeing(self.confusion) / self.scored if self.scored else 0.0


def evaluate(
    labels: list[ClaimLabel],
    folders: Sequence[Path] = FOLDERS,
    read_as: Callable[[Path], Path] = lambda path: path,
) -> dict[str, SplitReport]:
    """The reports per split, each labelled document (the first of `folders` that holds it) extracted
    from `read_as` of its file."""
    reports = {split: SplitReport() for split in SPLITS}
    by_file: dict[str, list[ClaimLabel]] = {}
    for label in labels:
        by_file.setdefault(label.file, []).append(label)
    tp: dict[str, int] = Counter()
    fp: dict[str, int] = Counter()
    fn: dict[str, int] = Counter()
    for file_name, mine in sorted(by_file.items()):
        found = extract_file(read_as(document_path(file_name, folders))).findings
        claims: dict[str, FindingRecord] = {_words(f.text): f for f in found}
        report = reports[mine[0].split]
        report.documents += 1
        for label in mine:
            report.labels += 1
            claim = claims.get(_words(label.quote))
            if label.junk:
                report.junk_labels += 1
                report.junk_kept += claim is not None
                continue
            if claim is None:
                report.unmatched += 1
                continue
            report.confusion[(label.polarity, claim.polarity)] += 1
            report.by_score.append(ScoredClaim(claim.polarity_score, label.polarity, claim.polarity))
            right = label.polarity == claim.polarity
            if claim.polarity_method != SECTION_METHOD:
                report.classified[0] += 1
                report.classified[1] += right
            family = report.by_family.setdefault(_family(file_name), [0, 0])
            family[0] += 1
            family[1] += right
            gold, got = set(label.themes), set(claim.themes)
            report.theme_scores.append(({a.theme: a.score for a in claim.theme_assignments}, label.themes))
            tp[label.split] += len(gold & got)
            fp[label.split] += len(got - gold)
            fn[label.split] += len(gold - got)
    for split, report in reports.items():
        report.themes = PrecisionRecall(tp[split], fp[split], fn[split])
    return reports


def format_report(reports: dict[str, SplitReport]) -> str:
    lines = []
    for split in SPLITS:
        r = reports[split]
        t = r.themes
        sure = kept_at(r.by_score, SURE_POLARITY_SCORE)
        by_theme_score = theme_counts(r.theme_scores)
        sure_themes = by_theme_score[SURE_THEME_SCORE]
        lines += [
            f"### {split} ({r.documents} documents, {r.labels} labelled claims)",
            "",
            f"- scored: {r.scored}; not matched to one claim: {r.unmatched}; labelled junk: {r.junk_labels}, "
            f"of which still a claim: {r.junk_kept}",
            f"- polarity accuracy: {r.polarity_accuracy:.3f}; of the claims the classifier decided: "
            f"{_share(r.classified)}; "
            + "; ".join(f"{family}: {_share(r.by_family[family])}" for family in sorted(r.by_family)),
            f"- polarity of the claims scored at least {SURE_POLARITY_SCORE}: accuracy {sure.accuracy:.3f}, "
            f"{sure.share:.3f} of the claims ({sure.claims}); themes scored at least {SURE_THEME_SCORE}: "
            f"precision {sure_themes.precision:.3f}, recall {sure_themes.recall:.3f}",
            f"- themes (micro, exact ids): precision {t.precision:.3f}, recall {t.recall:.3f}, F1 {t.f1:.3f} "
            f"(TP {t.tp}, FP {t.fp}, FN {t.fn})",
            "",
            "Polarity confusion (rows: hand label, columns: extractor):",
            "",
            confusion_table("label", POLARITIES, r.confusion),
            "",
            "Polarity by the score it reaches:",
            "",
            polarity_table(r.by_score),
            "",
            "Themes by the score they reach:",
            "",
            theme_table(by_theme_score),
            "",
            "Each theme:",
            "",
            breakdown_table(r.theme_scores),
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m accuracy.claims", description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=list(FOLDERS))
    parser.add_argument(
        "--pdftotext", action="store_true", help="read each PDF as the text pdftotext makes of it"
    )
    add_mode_options(parser)  # with --pdftotext: its -layout or -raw mode
    args = parser.parse_args(argv)
    if not args.pdftotext:
        print(format_report(evaluate(claim_labels(), args.folders)))
        return
    with tempfile.TemporaryDirectory() as work:
        read_as = partial(text_file, folder=Path(work), mode=args.mode)
        print(format_report(evaluate(claim_labels(), args.folders, read_as)))


if __name__ == "__main__":
    main()
