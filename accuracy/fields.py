"""Field accuracy of the extractor against hand-labelled gold, per format family.

Three gold sets: the seeds' expected extraction (gold/seeds.json in the shared corpus); the 48
published PDFs' fields (tests/data/fields_gold.json, labelled from each document's text before the
extractor's output was looked at); and the 454 published files of reports/ (tests/data/reports_gold.json,
adjudicated: each document read by hand with the extractor's draft and the index's ref_* reading
beside it, every field decided from the text). The ref_* columns of reports/index.tsv, another
tool's regex reading, are scored against the same gold as a second opinion.

Scoring rules:
- authority (GSS code), framework family, start, end and published dates: exact match per document;
  a document the extractor rejects counts as wrong on every field.
- inspectors: multisets of (name, role) pairs and of names alone, pooled over documents (micro
  average). Names compare after `inspector_id` (honorifics, middle initials, case and punctuation do
  not count), typographic apostrophes read as "'" first (inspector_id drops "’" but splits on "'",
  so "D’Inverno" and "D'Inverno" would otherwise differ); roles after lower-casing and singularising
  ("Team inspectors" = "team inspector").
- judgements: multisets of (area, grade) pairs. Areas compare case-insensitively, ignoring a leading
  "The", with "LSCB" read as "Local Safeguarding Children Board"; "Requires improvement to be good"
  counts as "Requires improvement".

    python -m accuracy.fields [--mismatches] [--pdftotext [--layout | --raw]] [--samples | --reports]

With --pdftotext every PDF is read as the text poppler's pdftotext makes of it, against the same
gold: the fields of a report must not depend on which tool turned it into text.

The corpus is looked for beside the repository (../shared/corpus), or where IKG_CORPUS points.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from accuracy.pdftotext import add_mode_options, text_file
from accuracy.precision_recall import PrecisionRecall, markdown_table
from loaders import framework as fw
from loaders.errors import ExtractionError
from loaders.extract import extract_file
from loaders.identifiers import inspector_id
from loaders.records import DocumentExtraction

ROOT = Path(__file__).resolve().parent.parent
FIELDS_GOLD = ROOT / "tests" / "data" / "fields_gold.json"
REPORTS_GOLD = ROOT / "tests" / "data" / "reports_gold.json"
# The gold's family of a file that is not a report at all (a "Report not found" page): to be refused.
NOT_A_REPORT = "not-a-report"

FAMILIES: dict[str, str] = {
    fw.UNANNOUNCED: "letter",
    fw.SIF: "sif-report",
    fw.LSCB_REVIEW: "lscb-review",
    fw.ILACS_STANDARD: "ilacs-report",
    fw.ILACS_SHORT: "ilacs-report",
    fw.ILACS_2026: "ilacs-report",
    fw.ILACS_FOCUSED_VISIT: "focused-visit",
}
# Table row order; families without documents are left out.
FAMILY_ORDER = ("letter", "sif-report", "lscb-review", "ilacs-report", "focused-visit", "other")
EXACT_FIELDS = ("authority", "family", "start_date", "end_date", "published")


def corpus_dir() -> Path:
    return Path(os.environ.get("IKG_CORPUS", ROOT.parent / "shared" / "corpus"))


def extract_or_none(path: Path) -> DocumentExtraction | None:
    """The document's extraction, or None for a document the extractor refuses."""
    try:
        return extract_file(path)
    except ExtractionError:
        return None


def family_of(framework: str | None) -> str:
    return FAMILIES.get(framework or "", "other")


# --- normalisation -------------------------------------------------------------------------------

_PLURAL_ROLE = re.compile(r"\b(inspector|analyst|manager)s\b")


def norm_role(role: str) -> str:
    role = re.sub(r"\s+", " ", role.strip().lower())
    return _PLURAL_ROLE.sub(r"\1", role)


def norm_area(area: str) -> str:
    area = re.sub(r"\s+", " ", area.strip().lower()).rstrip(".:")
    area = re.sub(r"^the ", "", area)
    return "local safeguarding children board" if area == "lscb" else area


def norm_grade(grade: str) -> str:
    grade = re.sub(r"\s+", " ", grade.strip().lower()).rstrip(".")
    return "requires improvement" if grade == "requires improvement to be good" else grade


# --- the two sides ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fields:
    """The compared fields of one document, normalised."""

    authority: str | None
    family: str | None
    start_date: str | None
    end_date: str | None
    published: str | None
    people: Counter[tuple[str, str]] = field(default_factory=Counter)
    judgements: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def names(self) -> Counter[str]:
        return Counter(name for (name, _), n in self.people.items() for _ in range(n))


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def norm_name(name: str) -> str:
    return inspector_id(name.translate(_APOSTROPHES))


def _people(pairs: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    return Counter((norm_name(name), norm_role(role)) for name, role in pairs)


def _judgements(pairs: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    return Counter((norm_area(area), norm_grade(grade)) for area, grade in pairs)


def from_extraction(doc: DocumentExtraction) -> Fields:
    def iso(d: date | None) -> str | None:
        return d.isoformat() if d is not None else None

    return Fields(
        authority=doc.authority.code,
        family=family_of(doc.inspection.framework),
        start_date=iso(doc.inspection.start_date),
        end_date=iso(doc.inspection.end_date),
        published=iso(doc.inspection.published_date),
        people=_people((i.name, i.role) for i in doc.inspectors),
        judgements=_judgements((j.area, j.grade) for j in doc.judgements),
    )


@dataclass(frozen=True)
class GoldDoc:
    path: Path
    expected: Fields


def _gold_doc(path: Path, authority: str, family: str, d: dict) -> GoldDoc:
    return GoldDoc(
        path=path,
        expected=Fields(
            authority=authority,
            family=family,
            start_date=d["start_date"],
            end_date=d["end_date"],
            published=d["published"],
            people=_people((p["name"], p["role"]) for p in d["inspectors"]),
            judgements=_judgements((j["area"], j["grade"]) for j in d["judgements"]),
        ),
    )


def seed_gold(corpus: Path) -> list[GoldDoc]:
    data = json.loads((corpus / "gold" / "seeds.json").read_text())
    return [
        _gold_doc(
            corpus / "seeds" / d["file"], d["authority"]["gss_code"], family_of(d["inspection_type"]), d
        )
        for d in data["documents"]
    ]


def pdf_gold(corpus: Path, gold_file: Path = FIELDS_GOLD) -> list[GoldDoc]:
    data = json.loads(gold_file.read_text())
    return [
        _gold_doc(corpus / "pdf" / d["file"], d["authority_gss"], d["format_family"], d)
        for d in data["documents"]
    ]


def reports_gold(corpus: Path, gold_file: Path = REPORTS_GOLD) -> list[GoldDoc]:
    data = json.loads(gold_file.read_text())
    return [
        _gold_doc(corpus / "reports" / d["file"], d["authority_gss"], d["format_family"], d)
        for d in data["documents"]
        if d["format_family"] != NOT_A_REPORT
    ]


def not_reports(corpus: Path, gold_file: Path = REPORTS_GOLD) -> list[Path]:
    data = json.loads(gold_file.read_text())
    return [corpus / "reports" / d["file"] for d in data["documents"] if d["format_family"] == NOT_A_REPORT]


def reports_index(corpus: Path) -> list[dict[str, str]]:
    with open(corpus / "reports" / "index.tsv", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def pdf_index(corpus: Path) -> list[str]:
    with open(corpus / "pdf" / "index.tsv", newline="") as handle:
        return [row["file"] for row in csv.DictReader(handle, delimiter="\t")]


# --- scoring ---------------------------------------------------------------------------------------


@dataclass
class Tally:
    documents: int = 0
    correct: Counter[str] = field(default_factory=Counter)
    people: PrecisionRecall = field(default_factory=PrecisionRecall)
    names: PrecisionRecall = field(default_factory=PrecisionRecall)
    judgements: PrecisionRecall = field(default_factory=PrecisionRecall)

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.documents if self.documents else 1.0


@dataclass(frozen=True)
class Mismatch:
    file: str
    family: str  # the gold's
    field: str
    expected: object
    got: object


@dataclass
class Result:
    by_family: dict[str, Tally]
    total: Tally
    mismatches: list[Mismatch]
    extracted: dict[str, Fields | None] = field(default_factory=dict)  # file name -> what was read


def _pretty(items: Counter) -> list:
    return sorted(items.elements())


def score(golds: Sequence[GoldDoc]) -> Result:
    by_family: dict[str, Tally] = {}
    total = Tally()
    mismatches: list[Mismatch] = []
    extracted: dict[str, Fields | None] = {}
    for gold in golds:
        want = gold.expected
        family = want.family or "other"
        try:
            got: Fields | None = from_extraction(extract_file(gold.path))
        except ExtractionError as error:
            got = None
            mismatches.append(Mismatch(gold.path.name, family, "extraction", "a record", str(error)))
        extracted[gold.path.name] = got
        for tally in (by_family.setdefault(family, Tally()), total):
            tally.documents += 1
            for name in EXACT_FIELDS:
                if got is not None and getattr(got, name) == getattr(want, name):
                    tally.correct[name] += 1
            tally.people.add(got.people if got else Counter(), want.people)
            tally.names.add(got.names if got else Counter(), want.names)
            tally.judgements.add(got.judgements if got else Counter(), want.judgements)
        if got is None:
            continue
        for name in EXACT_FIELDS:
            if getattr(got, name) != getattr(want, name):
                mismatches.append(
                    Mismatch(gold.path.name, family, name, getattr(want, name), getattr(got, name))
                )
        for name in ("people", "judgements"):
            have, expected = getattr(got, name), getattr(want, name)
            if have != expected:
                mismatches.append(
                    Mismatch(
                        gold.path.name,
                        family,
                        name,
                        {"missing": _pretty(expected - have)},
                        {"extra": _pretty(have - expected)},
                    )
                )
    return Result(by_family, total, mismatches, extracted)


# --- report ----------------------------------------------------------------------------------------


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _pr(counts: PrecisionRecall) -> str:
    return f"{counts.precision:.3f} / {counts.recall:.3f}"


def table(result: Result) -> str:
    header = [
        "family", "documents", "authority", "framework family", "start date", "end date",
        "published date", "inspectors name+role P / R", "inspectors name P / R",
        "judgements area+grade P / R",
    ]  # fmt: skip
    families = [f for f in FAMILY_ORDER if f in result.by_family]
    families += sorted(set(result.by_family) - set(families))
    rows = [
        [name, str(tally.documents)]
        + [_pct(tally.accuracy(f)) for f in EXACT_FIELDS]
        + [_pr(tally.people), _pr(tally.names), _pr(tally.judgements)]
        for name, tally in [(f, result.by_family[f]) for f in families] + [("**all**", result.total)]
    ]
    return markdown_table(header, rows)


def as_pdftotext(golds: Sequence[GoldDoc], folder: Path, mode: str = "default") -> list[GoldDoc]:
    """The gold of each PDF, for its text as pdftotext (poppler) makes it, under the same file stem
    (which carries the publication date). The text must give the PDF's fields."""
    out = []
    for gold in golds:
        if gold.path.suffix.lower() != ".pdf":
            out.append(gold)
            continue
        out.append(dataclasses.replace(gold, path=text_file(gold.path, folder, mode)))
    return out


def evaluate(
    corpus: Path | None = None, via_pdftotext: bool = False, mode: str = "default", which: str = "samples"
) -> Result:
    """`which`: "samples" (the seeds and the 48 PDFs) or "reports" (the 453 reports of reports/)."""
    corpus = corpus or corpus_dir()
    golds = seed_gold(corpus) + pdf_gold(corpus) if which == "samples" else reports_gold(corpus)
    if not via_pdftotext:
        return score(golds)
    with tempfile.TemporaryDirectory() as folder:
        return score(as_pdftotext(golds, Path(folder), mode))


# --- the second opinion: reports/index.tsv's ref_* columns against the same gold -------------------

# ref column -> the gold's area it grades (case-insensitive substring of the normalised area)
_REF_AREAS = {
    "ref_overall": "overall effectiveness",
    "ref_impact_of_leaders": "impact of leaders",
    "ref_help_and_protection": "children who need help and protection",
    "ref_in_care": "children in care",
    "ref_care_leavers": "care leavers",
}
_REF_NO_VALUE = {"", "data_unreadable", "inspection_pre_dates_judgement", "not_reported_post_reform"}


def _ref_date(value: str) -> str | None:
    day = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", value.strip())
    return f"{day[3]}-{day[2]}-{day[1]}" if day else None


def _area_grade(judgements: Counter[tuple[str, str]], ref_column: str) -> str | None:
    words = _REF_AREAS[ref_column]
    for area, grade in judgements:
        if words in area and not (
            ref_column == "ref_in_care" and "care leavers" in area and "and care" not in area
        ):
            return grade
    return None


def _lead(people: Counter[tuple[str, str]]) -> set[str]:
    return {name for name, role in people if role == "lead inspector"}


@dataclass
class Agreement:
    compared: int = 0
    ref_right: int = 0
    extractor_right: int = 0


def second_opinion(corpus: Path, result: Result) -> dict[str, Agreement]:
    """Per field, over the reports whose ref_* column has a value: how often that value and the
    extractor's reading (`result`, of evaluate(which="reports")) agree with the adjudicated gold."""
    gold = {g.path.name: g for g in reports_gold(corpus)}
    out: dict[str, Agreement] = {}
    for row in reports_index(corpus):
        want = gold.get(row["file"])
        if want is None:
            continue
        got = result.extracted[row["file"]]
        checks: list[tuple[str, object, object, object]] = []
        for column, name in (("ref_start_date", "start_date"), ("ref_end_date", "end_date")):
            if _ref_date(row[column]):
                expected = getattr(want.expected, name)
                checks.append((name, _ref_date(row[column]), expected, got and getattr(got, name)))
        if row["ref_lead_inspector"]:
            expected_lead = _lead(want.expected.people)
            checks.append(
                (
                    "lead inspector",
                    {norm_name(row["ref_lead_inspector"])},
                    expected_lead,
                    got and _lead(got.people),
                )
            )
        for column in _REF_AREAS:
            if row[column].strip().lower() not in _REF_NO_VALUE:
                expected_grade = _area_grade(want.expected.judgements, column)
                checks.append(
                    (
                        column.removeprefix("ref_").replace("_", " ") + " grade",
                        norm_grade(row[column]),
                        expected_grade,
                        got and _area_grade(got.judgements, column),
                    )
                )
        for name, ref, expected, extracted in checks:
            tally = out.setdefault(name, Agreement())
            tally.compared += 1
            tally.ref_right += ref == expected
            tally.extractor_right += extracted == expected
    return out


def second_opinion_table(agreements: dict[str, Agreement]) -> str:
    rows = [
        [name, str(a.compared), _pct(a.ref_right / a.compared), _pct(a.extractor_right / a.compared)]
        for name, a in agreements.items()
    ]
    return markdown_table(["field", "reports with a ref value", "ref_* right", "extractor right"], rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mismatches", action="store_true", help="list every field that differs")
    parser.add_argument(
        "--pdftotext", action="store_true", help="read each PDF as the text pdftotext makes of it"
    )
    add_mode_options(parser)  # with --pdftotext: its -layout or -raw mode
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--samples", action="store_true", help="only the seeds and the 48 PDFs of pdf/")
    only.add_argument("--reports", action="store_true", help="only the published files of reports/")
    args = parser.parse_args(argv)
    corpus = corpus_dir()
    if not (corpus / "seeds").is_dir():
        parser.error(f"no corpus at {corpus}; set IKG_CORPUS")
    sets = ["samples"] if args.samples else ["reports"] if args.reports else ["samples", "reports"]
    for which in sets:
        result = evaluate(corpus, via_pdftotext=args.pdftotext, mode=args.mode, which=which)
        print(f"\n{'Seeds and pdf/' if which == 'samples' else 'reports/'}:\n")
        print(table(result))
        if which == "reports":
            refused = [p.name for p in not_reports(corpus) if extract_or_none(p) is None]
            print(f"\nFiles that are not reports, refused: {len(refused)} of {len(not_reports(corpus))}")
            if not args.pdftotext:
                print("\nSecond opinion, reports/index.tsv's ref_* columns against the same gold:\n")
                print(second_opinion_table(second_opinion(corpus, result)))
        if args.mismatches and result.mismatches:
            print("\nMismatches (expected / got):")
            for m in result.mismatches:
                print(f"- {m.file} {m.field}: {m.expected} / {m.got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
