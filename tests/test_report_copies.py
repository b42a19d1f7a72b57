"""Several copies of one report count once: loading a re-encoded, re-wrapped or pdftotext copy of
reports changes no canned query's rows, every copy is linked to the claims it says, and replacing or
deleting a copy -- the canonical one too -- keeps the inspection whole. On both stores."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest
from test_queries_both_stores import EXAMPLES, _ordered, _same

import queries
from api import answers
from graph.copies import fold
from graph.store import GraphStore, UnknownDocument
from ingest.pipeline import delete_documents, load_extractions
from loaders.extract import extract_file
from loaders.records import DocumentExtraction

PDFS = ["solihull-2018-03-09-focused-visit.pdf", "birmingham-2020-03-13-focused-visit.pdf"]
# Columns that list or count the copies themselves: checked for the copies, not for sameness.
COPY_COLUMNS = {"inspection-summary": {"copies"}, "inspections-by-framework-year": {"copies"}}
Documents = dict[str, list[DocumentExtraction]]
FOCUSED_VISIT = "E08000029-ilacs-focused-visit-2018-02-14"


def _rewrapped(text: str, width: int) -> str:
    """The text's paragraphs wrapped to another width, with Windows line ends."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\r\n\r\n".join(textwrap.fill(p, width) for p in paragraphs if p)


@pytest.fixture(scope="module")
def documents(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[DocumentExtraction]]:
    """The originals (the seeds and two PDFs) and three kinds of copy of some of them."""
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed: scripts/setup installs it"
    copies = tmp_path_factory.mktemp("copies")
    originals = sorted((corpus / "seeds").glob("*.txt")) + [corpus / "pdf" / name for name in PDFS]
    made = []
    for name in PDFS:
        out = copies / name.replace(".pdf", "-pdftotext.txt")
        subprocess.run(["pdftotext", str(corpus / "pdf" / name), str(out)], check=True)
        made.append(out)
    letter = (corpus / "seeds" / "sefton-2010-11-17-letter.txt").read_text(encoding="utf-8")
    rewrapped = copies / "sefton-2010-11-17-letter-rewrapped.txt"
    rewrapped.write_bytes(_rewrapped(letter, 52).encode("utf-8"))
    utf16 = copies / "solihull-2011-05-18-letter-utf16.txt"
    utf16.write_bytes(
        (corpus / "seeds" / "solihull-2011-05-18-letter.txt").read_text("utf-8").encode("utf-16")
    )
    made += [rewrapped, utf16]
    return {
        "originals": [extract_file(path) for path in originals],
        "copies": [extract_file(path) for path in made],
        "replacement": [extract_file_named(rewrapped, _rewrapped(letter, 70), copies / "replacement")],
    }


def extract_file_named(like: Path, text: str, folder: Path) -> DocumentExtraction:
    """A changed version of a copy under the same file name: what replaces it on load."""
    folder.mkdir(exist_ok=True)
    path = folder / like.name
    path.write_text(text, encoding="utf-8")
    return extract_file(path)


@pytest.fixture
def store(store: GraphStore) -> GraphStore:
    """An empty store of each kind, with the reference data (authorities and themes)."""
    store.load_reference_data()
    return store


def _answers(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for name in sorted(queries.catalog()):
        rows = answers.canned(store, name, EXAMPLES.get(name, {}))["rows"]
        if not _ordered(queries.get(name).cypher):
            rows = sorted(rows, key=repr)
        out[name] = rows
    return out


def _without(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    drop = COPY_COLUMNS.get(name, set())
    return [{k: v for k, v in row.items() if k not in drop} for row in rows]


def _claims(store: GraphStore, inspection: str) -> list[tuple[str, str]]:
    _, rows = store.read(
        "MATCH (i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:IN_DOCUMENT]->(d:Document) WHERE i.id = $i "
        "RETURN f.text, d.fileName ORDER BY f.text",
        {"i": inspection},
    )
    return [(text, file) for text, file in rows]


def test_copies_change_no_canned_answer(
    store: GraphStore, documents: dict[str, list[DocumentExtraction]]
) -> None:
    load_extractions(store, documents["originals"])
    before = _answers(store)
    load_extractions(store, documents["copies"])
    after = _answers(store)
    for name in before:
        assert _same(_without(name, after[name]), _without(name, before[name])), f"{name} changed"
    holdings = after["inspections-by-framework-year"]
    assert sum(row["copies"] for row in holdings) == len(documents["copies"])
    # Every copy names the claims it says: nearly all of the canonical copy's.
    _, rows = store.read(
        "MATCH (f:Finding)-[a:ALSO_IN]->(d:Document) RETURN d.fileName, count(f), "
        "min(a.charEnd - a.charStart) > 0"
    )
    linked = {file: (count, positive) for file, count, positive in rows}
    for copy in documents["copies"]:
        claims = next(
            len(e.findings) for e in documents["originals"] if e.inspection.id == copy.inspection.id
        )
        count, positive = linked[copy.document.file_name]
        assert positive and count >= 0.9 * claims, (copy.document.file_name, count, claims)


def test_a_copy_quotes_its_own_text(
    store: GraphStore, documents: dict[str, list[DocumentExtraction]]
) -> None:
    load_extractions(store, documents["originals"] + documents["copies"])
    _, rows = store.read(
        "MATCH (f:Finding)-[a:ALSO_IN]->(d:Document) RETURN f.text, a.charStart, a.charEnd, d.text LIMIT 200"
    )
    assert rows
    for claim, start, end, text in rows:
        assert fold(text[start:end]).letters == fold(claim).letters


def test_deleting_the_canonical_copy_keeps_the_inspection(
    store: GraphStore, documents: dict[str, list[DocumentExtraction]]
) -> None:
    load_extractions(store, documents["originals"] + documents["copies"])
    claims = _claims(store, FOCUSED_VISIT)
    assert {file for _, file in claims} == {"solihull-2018-03-09-focused-visit.pdf"}
    params = {"inspection": FOCUSED_VISIT}
    team = answers.canned(store, "inspection-team", params)["rows"]
    judgements = answers.canned(store, "inspection-judgements", params)["rows"]
    assert team
    delete_documents(store, ["solihull-2018-03-09-focused-visit.pdf"])
    kept = _claims(store, FOCUSED_VISIT)
    assert {file for _, file in kept} == {"solihull-2018-03-09-focused-visit-pdftotext.txt"}
    assert len(kept) >= 0.9 * len(claims) and {t for t, _ in kept} <= {t for t, _ in claims}
    summary = answers.canned(store, "inspection-summary", {"inspection": FOCUSED_VISIT})["rows"]
    assert [(row["fileName"], row["copies"]) for row in summary] == [
        ("solihull-2018-03-09-focused-visit-pdftotext.txt", [])
    ]
    # The team and judgements were read from the report, whichever copy: the inspection keeps them.
    assert answers.canned(store, "inspection-team", params)["rows"] == team
    assert answers.canned(store, "inspection-judgements", params)["rows"] == judgements
    delete_documents(store, ["solihull-2018-03-09-focused-visit-pdftotext.txt"])
    assert answers.canned(store, "inspection-summary", {"inspection": FOCUSED_VISIT})["rows"] == []
    with pytest.raises(UnknownDocument, match="nothing.pdf: no document"):
        delete_documents(store, ["nothing.pdf"])


def test_replacing_a_copy_keeps_the_inspection(
    store: GraphStore, documents: dict[str, list[DocumentExtraction]]
) -> None:
    load_extractions(store, documents["originals"] + documents["copies"])
    before = _answers(store)
    load_extractions(store, documents["replacement"])
    after = _answers(store)
    for name in before:
        assert _same(after[name], before[name]), f"{name} changed"
    _, rows = store.read(
        "MATCH (d:Document) WHERE d.fileName = 'sefton-2010-11-17-letter-rewrapped.txt' "
        "RETURN d.sha256, d.canonical"
    )
    assert rows == [[documents["replacement"][0].document.sha256, False]]


def test_a_better_copy_loaded_later_becomes_canonical(
    store: GraphStore, documents: dict[str, list[DocumentExtraction]]
) -> None:
    """Text first, then its PDF: the PDF's claims replace the text's, and the text stays as a copy."""
    pdf = next(e for e in documents["originals"] if e.document.file_name == PDFS[0])
    text = next(e for e in documents["copies"] if e.inspection.id == pdf.inspection.id)
    load_extractions(store, [text])
    load_extractions(store, [pdf])
    claims = _claims(store, FOCUSED_VISIT)
    assert {file for _, file in claims} == {PDFS[0]} and len(claims) == len(pdf.findings)
    summary = answers.canned(store, "inspection-summary", {"inspection": FOCUSED_VISIT})["rows"]
    assert [(row["fileName"], row["copies"]) for row in summary] == [(PDFS[0], [text.document.file_name])]
