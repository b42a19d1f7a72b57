"""The project's own files: the README's compose command reads docker-compose.yml, the canned queries
are well formed."""

from __future__ import annotations

import re
import shutil
import subprocess

from conftest import ROOT

import queries
from ontology import vocabulary


def _readme_compose_line() -> list[str]:
    """The README's `docker-compose up` command line, as words (its environment assignments first)."""
    readme = (ROOT / "README.md").read_text()
    found = re.search(r"`((?:\w+=\S+ )*docker-compose up)`", readme)
    assert found, "the README gives no docker-compose command line"
    return found.group(1).split()


def test_the_readmes_compose_command_line_is_accepted() -> None:
    """The README's exact command, with `config` for `up`: Debian's client reads the compose file."""
    words = _readme_compose_line()
    env = dict(word.split("=", 1) for word in words if "=" in word and not word.startswith("-"))
    command = [word for word in words if word not in {f"{k}={v}" for k, v in env.items()}]
    assert command == ["docker-compose", "up"]
    assert shutil.which("docker-compose"), "no docker-compose: scripts/setup installs Debian's"
    result = subprocess.run(
        ["docker-compose", "config", "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", **env},
    )
    assert result.returncode == 0, result.stderr


def test_every_canned_query_has_a_header_and_uses_only_the_ontology() -> None:
    vocab = vocabulary()
    catalog = queries.catalog()
    assert len(catalog) >= 12
    for query in catalog.values():
        assert query.description and query.columns
        for label in re.findall(r"\(\w*:(\w+)", query.cypher):
            assert label in vocab.nodes, f"{query.name}: unknown label {label}"
        for rel_type in re.findall(r"\[\w*:(\w+)", query.cypher):
            assert rel_type in vocab.relationships, f"{query.name}: unknown relationship type {rel_type}"
        filled = {query.search} if query.search else set()
        for param in re.findall(r"\$(\w+)", query.cypher):
            known = {p.name for p in query.parameters} | filled
            assert param in known, f"{query.name}: ${param} not in the header"
