"""Every published PDF of the corpus extracts, with the authority and dates index.tsv records."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from loaders import framework as fw
from loaders.authorities import resolve
from loaders.dates import date_in_file_name
from loaders.extract import extract_bytes, extract_file
from loaders.records import DocumentExtraction

# Reports print their publication date only up to 2018 (single inspection framework); letters are
# dated. Later reports take it from the file name.
_DATED_FRAMEWORKS = {fw.SIF, fw.LSCB_REVIEW, fw.ILACS_FOCUSED_VISIT, fw.UNANNOUNCED}


@pytest.fixture(scope="session")
def index(corpus: Path) -> list[dict[str, str]]:
    with open(corpus / "pdf" / "index.tsv", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture(scope="session")
def pdfs(corpus: Path, index: list[dict[str, str]]) -> dict[str, DocumentExtraction]:
    started = time.perf_counter()
    out = {row["file"]: extract_file(corpus / "pdf" / row["file"]) for row in index}
    elapsed = time.perf_counter() - started
    print(f"\nextracted {len(out)} PDFs in {elapsed:.2f} s ({elapsed / len(out) * 1000:.0f} ms each)")
    return out


def test_all_pdfs_listed(corpus: Path, index: list[dict[str, str]]) -> None:
    assert sorted(row["file"] for row in index) == sorted(p.name for p in (corpus / "pdf").glob("*.pdf"))


def test_authority(index: list[dict[str, str]], pdfs: dict[str, DocumentExtraction]) -> None:
    for row in index:
        folder_name = row["authority_folder"].split("_", 1)[1]
        expected = resolve(folder_name)
        assert expected is not None, folder_name
        assert pdfs[row["file"]].authority.code == expected.code, row["file"]


def test_dates(index: list[dict[str, str]], pdfs: dict[str, DocumentExtraction]) -> None:
    for row in index:
        got = pdfs[row["file"]].inspection
        assert got.start_date and got.end_date and got.start_date <= got.end_date, row["file"]
        assert got.published_date is not None and got.published_date.isoformat() == row["published"], row[
            "file"
        ]
        assert got.end_date.isoformat() <= row["published"], row["file"]


def test_framework_and_lead(index: list[dict[str, str]], pdfs: dict[str, DocumentExtraction]) -> None:
    for row in index:
        got = pdfs[row["file"]]
        visit = "focused-visit" in row["file"]
        assert got.inspection.framework == (fw.ILACS_FOCUSED_VISIT if visit else got.inspection.framework)
        assert visit or got.inspection.framework != fw.ILACS_FOCUSED_VISIT, row["file"]
        leads = [i for i in got.inspectors if i.role == "lead inspector"]
        assert len(leads) == 1, (row["file"], got.inspectors)


def test_judgements(index: list[dict[str, str]], pdfs: dict[str, DocumentExtraction]) -> None:
    for row in index:
        got = pdfs[row["file"]]
        if "focused-visit" in row["file"]:
            assert got.judgements == [], row["file"]
            continue
        areas = {j.area for j in got.judgements}
        assert "Overall effectiveness" in areas and len(areas) >= 4, (row["file"], areas)
        assert all(j.grade_rank in (1, 2, 3, 4) for j in got.judgements), row["file"]
        assert got.inspection.overall_grade is not None


def test_findings(index: list[dict[str, str]], pdfs: dict[str, DocumentExtraction]) -> None:
    for row in index:
        got = pdfs[row["file"]]
        polarities = {f.polarity for f in got.findings}
        assert len(got.findings) >= 10, row["file"]
        assert "recommendation" in polarities, row["file"]
        for finding in got.findings:
            assert got.document.text[finding.char_start : finding.char_end] == finding.text, (
                row["file"],
                finding.ordinal,
            )
            assert finding.text.strip() == finding.text and finding.text, (row["file"], finding.ordinal)


def test_numbered_paragraphs_in_order(
    index: list[dict[str, str]], pdfs: dict[str, DocumentExtraction]
) -> None:
    # Published reports occasionally restart a number (Birmingham 2023 has a second paragraph 25), so
    # the test asks for numbering that almost always goes up by one, not for a perfect sequence.
    for row in index:
        first = {f.paragraph_ordinal: f.paragraph for f in reversed(pdfs[row["file"]].findings)}
        numbers = [n for _, n in sorted(first.items()) if n is not None]  # one per paragraph
        steps = [b - a for a, b in zip(numbers, numbers[1:], strict=False)]
        if steps:
            assert sum(step == 1 for step in steps) / len(steps) >= 0.9, (row["file"], numbers)


def test_a_stated_publication_date_needs_no_file_name(
    corpus: Path, index: list[dict[str, str]], pdfs: dict[str, DocumentExtraction]
) -> None:
    dated = [row for row in index if pdfs[row["file"]].inspection.framework in _DATED_FRAMEWORKS]
    assert dated
    for row in dated:
        renamed = extract_bytes((corpus / "pdf" / row["file"]).read_bytes(), "report.pdf")
        assert renamed.inspection.published_date is not None, row["file"]
        assert renamed.inspection.published_date.isoformat() == row["published"], row["file"]


def test_dates_in_file_names() -> None:
    assert date_in_file_name("birmingham-2019-01-17-inspection.pdf").isoformat() == "2019-01-17"  # type: ignore[union-attr]
    assert (
        date_in_file_name("children's services inspection - 17 january 2019.pdf").isoformat() == "2019-01-17"
    )  # type: ignore[union-attr]
    assert date_in_file_name("report-2019-13-45.pdf") is None
    assert date_in_file_name("report.pdf") is None
