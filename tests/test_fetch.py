"""`ikg fetch` against a file server on 127.0.0.1 that misbehaves: resets, slow answers, 404, 500 and
503, wrong content, bodies cut short. Every good file arrives intact, every failure is reported, a
rerun completes; nothing is sent anywhere but 127.0.0.1."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from pathlib import Path

import pytest
from faulty_file_server import serve_files
from typer.testing import CliRunner

from api.cli import app
from fetch.download import Policy, fetch_all
from fetch.manifest import Entry, ManifestError, parse, read_manifest, select, write

# Quick to give up on a slow answer, quick to retry: the faults cost the test seconds, not minutes.
FAST = Policy(attempts=4, connect_timeout_s=2.0, read_timeout_s=1.0, backoff_first_s=0.01)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy named in the environment must not carry the test's requests off the machine.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def _pdfs(corpus: Path, n: int) -> list[Path]:
    return sorted((corpus / "pdf").glob("*.pdf"), key=lambda p: p.stat().st_size)[:n]


def _entries(base: str, pdfs: list[Path], with_sha: bool = True) -> list[Entry]:
    return [
        Entry(
            url=f"{base}/v1/file/{n}",
            authority="Birmingham",
            code="E08000025",
            kind="inspection",
            published="2020-01-01",
            file=pdf.name,
            sha256=hashlib.sha256(pdf.read_bytes()).hexdigest() if with_sha else "",
        )
        for n, pdf in enumerate(pdfs)
    ]


def test_every_good_file_arrives_intact_every_failure_is_reported_and_a_rerun_completes(
    corpus: Path, tmp_path: Path
) -> None:
    pdfs = _pdfs(corpus, 8)
    served = {f"/v1/file/{n}": pdf for n, pdf in enumerate(pdfs)}
    with serve_files(served, slow_s=2.0) as (base, server):
        entries = _entries(base, pdfs)
        unknown = Entry(**{**entries[7].__dict__, "sha256": ""})  # checked as a whole PDF instead
        entries[7] = unknown
        server.cue("/v1/file/1", "reset")
        server.cue("/v1/file/2", "slow")
        server.cue("/v1/file/3", "500", "503")
        server.cue("/v1/file/4", "truncate")  # resumed with a range request
        server.cue("/v1/file/5", "404")  # not asked again in this run: 404 is the answer
        server.cue("/v1/file/6", "wrong")
        server.cue("/v1/file/7", "wrong")
        folder = tmp_path / "reports"

        first = fetch_all(entries, folder, workers=3, policy=FAST)

        status = {r.entry.file: r.status for r in first.results}
        assert [status[p.name] for p in pdfs] == ["downloaded"] * 5 + ["failed"] * 3
        details = {r.entry.file: r.detail for r in first.failures}
        assert "HTTP 404" in details[pdfs[5].name]
        assert "checksum mismatch" in details[pdfs[6].name]
        assert "not a PDF file" in details[pdfs[7].name]
        for pdf in pdfs[:5]:
            assert (folder / pdf.name).read_bytes() == pdf.read_bytes()
        # A failed file is never left under its name, nor a bad part to resume from.
        assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in pdfs[:5])
        ranges = [r for _, path, r in server.requests if path == "/v1/file/4"]
        assert ranges[0] == "" and ranges[1].startswith("bytes=") and ranges[1] != "bytes=0-"

        second = fetch_all(entries, folder, workers=3, policy=FAST)

    assert [r.status for r in second.results] == ["present"] * 5 + ["downloaded"] * 3
    assert not second.failures
    for pdf in pdfs:
        assert (folder / pdf.name).read_bytes() == pdf.read_bytes()
    assert {client for client, _, _ in server.requests} == {"127.0.0.1"}


def test_a_file_spoilt_on_disk_is_fetched_again(corpus: Path, tmp_path: Path) -> None:
    pdfs = _pdfs(corpus, 1)
    with serve_files({"/v1/file/0": pdfs[0]}) as (base, _):
        entries = _entries(base, pdfs)
        (tmp_path / pdfs[0].name).write_bytes(b"%PDF-1.4 half a file")
        (result,) = fetch_all(entries, tmp_path, policy=FAST).results
    assert result.status == "downloaded"
    assert (tmp_path / pdfs[0].name).read_bytes() == pdfs[0].read_bytes()


def test_ikg_fetch_with_a_manifest_by_path_then_loads(corpus: Path, tmp_path: Path) -> None:
    pdfs = [corpus / "pdf" / "birmingham-2021-12-01-focused-visit.pdf"]
    with serve_files({"/v1/file/0": pdfs[0]}) as (base, server):
        manifest = tmp_path / "manifest.tsv"
        buffer = io.StringIO()
        write(_entries(base, pdfs), buffer)
        manifest.write_text(buffer.getvalue())
        args = ["fetch", str(tmp_path / "got"), "--manifest", str(manifest), "--then-load"]
        result = CliRunner().invoke(app, [*args, "--store", str(tmp_path / "graph")])
        assert result.exit_code == 0, result.output
        output = " ".join(result.output.split())
        assert "ikg fetch" in output and "ikg load" in output
        server.cue("/v1/file/0", *["404"] * 10)
        again = CliRunner().invoke(app, ["fetch", str(tmp_path / "got"), "--manifest", str(manifest)])
    assert again.exit_code == 0, again.output  # present already: nothing asked of the server
    assert len(server.requests) == 1


def test_ikg_fetch_says_in_one_line_what_is_wrong(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("url\tfile\nhttps://example.org/x\tx.pdf\n")
    result = CliRunner().invoke(app, ["fetch", str(tmp_path / "got"), "--manifest", str(bad)])
    assert result.exit_code == 1
    assert f"error: {bad}: not a manifest (no column" in " ".join(result.output.split())
    assert "Traceback" not in result.output
    none = CliRunner().invoke(app, ["fetch", str(tmp_path / "got"), "--authority", "Atlantis"])
    assert none.exit_code == 1 and "lists no report" in none.output


def test_the_shipped_manifest_lists_the_published_reports() -> None:
    entries = read_manifest()
    assert len(entries) >= 490
    assert all(e.url.startswith("https://files.ofsted.gov.uk/") for e in entries)
    assert all(e.code.startswith("E") for e in entries)
    assert len({e.file for e in entries}) == len(entries)
    assert sum(1 for e in entries if e.sha256) >= 260
    birmingham = select(entries, ["E08000025"], since=date(2019, 1, 1))
    assert birmingham and all(e.code == "E08000025" and e.published >= "2019-01-01" for e in birmingham)
    assert select(entries, ["birmingham city council"]) == select(entries, ["Birmingham"])


def test_a_manifest_line_that_is_not_a_file_to_fetch_is_refused() -> None:
    header = "url\tauthority\tcode\tkind\tpublished\tfile\tsha256\n"
    with pytest.raises(ManifestError, match="line 2: file '../x.pdf' is not a plain file name"):
        parse(header + "https://h/x\tA\t\tinspection\t2020-01-01\t../x.pdf\t\n", "m.tsv")
    with pytest.raises(ManifestError, match="line 2: needs an http"):
        parse(header + "file:///etc/passwd\tA\t\tinspection\t2020-01-01\tx.pdf\t\n", "m.tsv")
