"""The code stays ruff-clean and its public modules pass mypy (configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

PACKAGES = ["ontology", "loaders", "graph", "ingest", "queries", "api", "browser", "fetch"]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint_and_format() -> None:
    lint = run(sys.executable, "-m", "ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    layout = run(sys.executable, "-m", "ruff", "format", "--check", ".")
    assert layout.returncode == 0, layout.stdout + layout.stderr


def test_mypy_on_the_public_modules() -> None:
    result = run(sys.executable, "-m", "mypy", *PACKAGES)
    assert result.returncode == 0, result.stdout + result.stderr
