"""The five seed documents extract exactly as the gold file says."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from loaders.extract import extract_file
from loaders.records import DocumentExtraction, FindingRecord


@pytest.fixture(scope="module")
def gold(corpus: Path) -> dict[str, dict]:
    documents = json.loads((corpus / "gold" / "seeds.json").read_text())["documents"]
    return {doc["file"]: doc for doc in documents}


@pytest.fixture(scope="module")
def extracted(corpus: Path, gold: dict[str, dict]) -> dict[str, DocumentExtraction]:
    return {name: extract_file(corpus / "seeds" / name) for name in gold}


def _six(text: str) -> str:
    return " ".join(text.split()[:6])


def test_every_seed_is_in_gold(corpus: Path, gold: dict[str, dict]) -> None:
    assert sorted(p.name for p in (corpus / "seeds").iterdir()) == sorted(gold)


def test_fields(gold: dict[str, dict], extracted: dict[str, DocumentExtraction]) -> None:
    for name, expected in gold.items():
        got = extracted[name]
        assert got.inspection.framework == expected["inspection_type"], name
        assert got.authority.stated == expected["authority"]["stated"], name
        assert got.authority.code == expected["authority"]["gss_code"], name
        assert got.authority.dfe_code == expected["authority"]["dfe_code"], name
        assert got.authority.name == expected["authority"]["name"], name
        assert got.inspection.start_date == date.fromisoformat(expected["start_date"]), name
        assert got.inspection.end_date == date.fromisoformat(expected["end_date"]), name
        assert got.inspection.published_date == date.fromisoformat(expected["published"]), name
        assert [(i.name, i.role) for i in got.inspectors] == [
            (i["name"], i["role"]) for i in expected["inspectors"]
        ], name
        named = {i.name for i in got.inspectors}
        assert not named & set(expected["not_inspectors"]), name
        assert [(j.area, j.grade) for j in got.judgements] == [
            (j["area"], j["grade"]) for j in expected["judgements"]
        ], name


# The gold predates claims: its findings are the letters' paragraphs and bullets (a claim's paragraph),
# what meets statutory guidance is a strength, and an area for development a weakness.
_GOLD_POLARITY = {"strength": "strength", "meets": "strength", "development": "weakness"}


def _paragraph_openings(got: DocumentExtraction) -> list[tuple[str, str]]:
    """The first six words and the polarity of each finding paragraph, from its first claim."""
    first: dict[int, FindingRecord] = {}
    for claim in got.findings:
        first.setdefault(claim.paragraph_ordinal, claim)
    return [(_six(claim.text), claim.polarity) for claim in first.values()]


def test_letter_findings(gold: dict[str, dict], extracted: dict[str, DocumentExtraction]) -> None:
    for name, expected in gold.items():
        if expected["kind"] != "letter":
            continue
        got = extracted[name]
        wanted: dict[str, list[str]] = {}
        for polarity, openings in expected["findings"].items():
            wanted.setdefault(_GOLD_POLARITY[polarity], []).extend(_six(o) for o in openings)
        paragraphs = _paragraph_openings(got)
        for polarity, openings in wanted.items():
            assert [six for six, p in paragraphs if p == polarity] == openings, (name, polarity)
        assert len(paragraphs) == sum(len(v) for v in expected["findings"].values()), name


def test_report_numbered_paragraphs(gold: dict[str, dict], extracted: dict[str, DocumentExtraction]) -> None:
    for name, expected in gold.items():
        if expected["kind"] != "report":
            continue
        got = extracted[name]
        first = {f.paragraph_ordinal: f for f in reversed(got.findings)}  # each paragraph's first claim
        paragraphs = sorted(first.values(), key=lambda f: f.ordinal)
        listed = [f.polarity_method == "section" and f.polarity == "recommendation" for f in paragraphs]
        recommendations = [f.paragraph for f, item in zip(paragraphs, listed, strict=True) if item]
        others = [f.paragraph for f, item in zip(paragraphs, listed, strict=True) if not item]
        assert recommendations == expected["numbered_paragraphs"]["recommendations"]
        assert others == expected["numbered_paragraphs"]["findings"]
        assert len(got.judgements) == len(expected["judgements"])


def test_recommendation_references(extracted: dict[str, DocumentExtraction]) -> None:
    report = extracted["solihull-2016-07-07-sif-report.txt"]
    by_id = {f.id: f for f in report.findings}
    citing = [f for f in report.findings if "(Recommendation" in f.text]
    assert len(citing) == 20
    for finding in citing:
        assert finding.supports, finding.paragraph
        assert all(by_id[target].polarity == "recommendation" for target in finding.supports)
    para17 = next(f for f in citing if f.paragraph == 17)  # the sentence that cites them
    assert [by_id[t].paragraph for t in para17.supports] == [2, 3]


def test_offsets(extracted: dict[str, DocumentExtraction]) -> None:
    for name, got in extracted.items():
        for finding in got.findings:
            assert got.document.text[finding.char_start : finding.char_end] == finding.text, (
                name,
                finding.ordinal,
            )


def test_repeat_of_previous(extracted: dict[str, DocumentExtraction]) -> None:
    letter = extracted["solihull-2011-05-18-letter.txt"]
    repeated = [f for f in letter.findings if f.repeat_of_previous]
    assert [_six(f.text) for f in repeated] == ["A lack of timeliness in allocating"]


def test_same_person_one_id(extracted: dict[str, DocumentExtraction]) -> None:
    letter = extracted["solihull-2011-05-18-letter.txt"].inspectors[0]
    report = extracted["solihull-2016-07-07-sif-report.txt"].inspectors[-1]
    assert letter.id == report.id == "lynn-radley"
