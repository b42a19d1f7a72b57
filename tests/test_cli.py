"""The `ikg` command line, run as a user would: extract, load twice, query, cypher, export, validate,
report."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs
from typer.testing import CliRunner

from api.cli import app, with_change

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "graph")
    result = runner.invoke(app, ["load", str(corpus / "seeds"), "--store", path])
    assert result.exit_code == 0, result.output
    return path


def test_extract_prints_the_contract_and_an_error_per_bad_file(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "not-a-report.txt"
    bad.write_text("Dear parents, the school fair is on Saturday.")
    result = runner.invoke(
        app, ["extract", str(corpus / "seeds" / "solihull-2011-05-18-letter.txt"), str(bad)]
    )
    assert result.exit_code == 1
    good, error = (json.loads(line) for line in result.stdout.splitlines())
    assert set(good) == {"document", "authority", "inspection", "inspectors", "judgements", "findings"}
    assert good["authority"]["code"] == "E08000029"
    assert good["inspection"]["startDate"] == "2011-04-13"
    finding = good["findings"][0]
    assert {
        "id",
        "polarity",
        "section",
        "paragraph",
        "text",
        "charStart",
        "charEnd",
        "themes",
        "supports",
        "repeatOfPrevious",
    } <= set(finding)
    assert error["file"] == str(bad) and "not-a-report.txt" in error["error"]


def test_loading_again_changes_nothing(corpus: Path, store: str) -> None:
    result = runner.invoke(app, ["load", str(corpus / "seeds"), "--store", store])
    assert result.exit_code == 0, result.output
    assert "(+0)" in result.output


def test_query_json_is_the_http_answer(store: str) -> None:
    result = runner.invoke(
        app, ["query", "authority-timeline", "-p", "authority=Solihull", "-f", "json", "--store", store]
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert set(answer) == {"query", "columns", "rows", "cypher"}
    assert len(answer["rows"]) == 2  # the 2011 letter and the 2016 report


def test_bad_parameter_and_refused_cypher_exit_non_zero(store: str) -> None:
    bad = runner.invoke(app, ["query", "authority-timeline", "-p", "nope=1", "--store", store])
    assert bad.exit_code == 1 and "nope" in bad.output
    refused = runner.invoke(app, ["cypher", "MATCH (n) DETACH DELETE n", "--store", store])
    assert refused.exit_code == 1 and "refused" in refused.output


def test_export_and_validate(store: str, tmp_path: Path) -> None:
    out = tmp_path / "graph.jsonld"
    assert runner.invoke(app, ["export", "-f", "jsonld", "-o", str(out), "--store", store]).exit_code == 0
    assert json.loads(out.read_text())
    result = runner.invoke(app, ["validate", "--store", store])
    assert result.exit_code == 0, result.output
    assert "0 violations" in result.output


def test_stats_counts_labels_types_and_holdings_per_framework_and_year(store: str) -> None:
    result = runner.invoke(app, ["stats", "-f", "json", "--store", store])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    counts = {row["name"]: row["count"] for row in answer["counts"]["rows"]}
    assert counts["Inspection"] == 5 and counts["Document"] == 5 and counts["OF_AUTHORITY"] == 5
    by_year = answer["byFrameworkAndYear"]["rows"]
    assert sum(row["inspections"] for row in by_year) == 5
    assert sum(row["findings"] for row in by_year) == counts["Finding"]
    assert {(row["framework"], row["year"]) for row in by_year} >= {
        ("unannounced-contact-referral-assessment", 2011),
        ("single-inspection-framework", 2016),
    }
    csv = runner.invoke(app, ["stats", "-f", "csv", "--store", store])
    assert csv.exit_code == 0 and "\nsingle-inspection-framework,2016,1,1,1," in csv.stdout


def test_the_default_store_is_one_folder_named_in_full(tmp_path: Path) -> None:
    env = {"IKG_STORE": "", "XDG_DATA_HOME": str(tmp_path / "data")}
    result = runner.invoke(app, ["stats"], env=env)
    assert result.exit_code == 1
    expected = tmp_path / "data" / "inspection-kg" / "graph"
    assert f"error: {expected}: no graph here yet (run `ikg load` first)" in result.output


def test_piped_tables_are_tab_separated_and_whole() -> None:
    result = runner.invoke(app, ["queries"])
    lines = result.output.splitlines()
    assert lines[0] == "name\tparameters\tdescription"
    assert any(line.startswith("authority-theme-findings\t") for line in lines)


def test_a_file_named_as_another_format_is_read_by_its_content_and_said_so(
    corpus: Path, tmp_path: Path
) -> None:
    text = (corpus / "seeds" / "solihull-2011-05-18-letter.txt").read_bytes()
    misnamed = tmp_path / "solihull-2011-05-18-letter.pdf"
    misnamed.write_bytes(text)
    result = runner.invoke(app, ["load", str(misnamed), "--store", str(tmp_path / "graph")])
    assert result.exit_code == 0, result.output
    assert f"note: {misnamed}: its content is text, not the PDF its name says; read by its content" in (
        " ".join(result.output.split())
    )
    again = runner.invoke(app, ["load", str(corpus / "seeds"), "--store", str(tmp_path / "graph")])
    assert "note:" not in again.output


def test_report_writes_the_authority_page_as_one_file(store: str, tmp_path: Path) -> None:
    out = tmp_path / "solihull.html"
    result = runner.invoke(app, ["report", "E08000029", "-o", str(out), "--store", store])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<h1>Solihull</h1>" in html
    assert get_plotlyjs()[:1000] in html  # plotly.js inside: it opens offline, with no server
    assert "/inspections/" not in html  # and links to none
    linked = tmp_path / "linked.html"
    base = ["--base-url", "http://127.0.0.1:8000"]
    result = runner.invoke(app, ["report", "solihull", "-o", str(linked), *base, "--store", store])
    assert result.exit_code == 0, result.output
    assert 'href="http://127.0.0.1:8000/inspections/E08000029-' in linked.read_text(encoding="utf-8")


def test_report_errors_are_one_line(store: str, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    unknown = runner.invoke(app, ["report", "Solihul", "-o", str(out), "--store", store])
    assert unknown.exit_code == 1
    assert unknown.output.splitlines() == [
        "error: parameter 'authority': no authority 'Solihul' (an ONS code or a name); "
        "did you mean Solihull (E08000029)?"
    ]
    assert not out.exists()
    missing = tmp_path / "no-such-folder" / "page.html"
    unwritable = runner.invoke(app, ["report", "Solihull", "-o", str(missing), "--store", store])
    assert unwritable.exit_code == 1
    assert unwritable.output.splitlines() == [f"error: cannot write {missing}: No such file or directory"]


def test_export_errors_are_one_line_and_leave_no_file(store: str, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "graph.ttl"
    unwritable = runner.invoke(app, ["export", "-o", str(missing), "--store", store])
    assert unwritable.exit_code == 1
    assert unwritable.output.splitlines()[-1] == f"error: cannot write {missing}: No such file or directory"
    # A folder in the file's place: the whole export is written beside it, then cannot take its name.
    folder = tmp_path / "graph.ttl"
    folder.mkdir()
    taken = runner.invoke(app, ["export", "-o", str(folder), "--store", store])
    assert taken.exit_code == 1
    assert taken.output.splitlines()[-1] == f"error: cannot write {folder}: Is a directory"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"] and not any(folder.iterdir())


def test_serve_refuses_a_port_that_cannot_be(tmp_path: Path) -> None:
    done = _installed_ikg(["serve", "--port", "99999"], IKG_STORE=str(tmp_path / "graph"))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "--port" in done.stderr and "65535" in done.stderr, done.stderr


def test_a_load_summary_signs_each_change() -> None:
    # A load that reads documents again may leave fewer nodes than before: "-2713", not "+-2713".
    assert (with_change(155735, 158448), with_change(7, 7), with_change(9, 7)) == (
        "155735 (-2713)",
        "7 (+0)",
        "9 (+2)",
    )


def _installed_ikg(command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """`ikg` run as the installed command is (not through typer's runner, which catches what a user
    would see), with these variables set."""
    return subprocess.run(
        [sys.executable, "-m", "api", *command],
        env={**os.environ, "COLUMNS": "200", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("command", [["query", "themes"], ["stats"], ["export"]])
def test_a_neo4j_server_out_of_reach_is_one_line(command: list[str]) -> None:
    """Run as the installed `ikg` is (not through typer's runner, which catches what a user would see):
    the driver's retries print nothing, and the failure is one line, with no traceback."""
    done = _installed_ikg(command, IKG_STORE=f"bolt://127.0.0.1:{_closed_port()}")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "retried" not in done.stderr, done.stderr
    error = done.stderr.splitlines()[-1]  # after the progress line of a command that shows one
    assert error.startswith("error: Neo4j at bolt://127.0.0.1:") and error.endswith("Connection refused)")


@pytest.mark.parametrize(
    ("variable", "value", "problem"),
    [
        ("IKG_BUFFER_POOL_BYTES", "1GB", "not a whole number"),
        ("IKG_READ_CONNECTIONS", "0", "must be at least 1"),
        ("IKG_CYPHER_WORKERS", "two", "not a whole number"),
        ("IKG_CYPHER_TIMEOUT", "-1", "must be more than 0 seconds"),
        ("IKG_MAX_FILE_BYTES", "10.5", "not a whole number"),
    ],
)
@pytest.mark.parametrize("command", [["stats"], ["extract", "missing.txt"]])
def test_a_setting_that_cannot_be_used_is_one_line(
    command: list[str], variable: str, value: str, problem: str, tmp_path: Path
) -> None:
    """Named with its value before anything is opened or read, as the installed `ikg` prints it."""
    done = _installed_ikg(command, IKG_STORE=str(tmp_path / "graph"), **{variable: value})
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip() == f"error: {variable}={value!r}: {problem}", done.stderr
