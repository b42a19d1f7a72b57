"""The project's own files: docker-compose.yml is valid, the canned queries are well formed."""

from __future__ import annotations

import re
import shutil
import subprocess

from conftest import ROOT

import queries
from ontology import vocabulary


def _compose_command() -> list[str]:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    probe = (
        subprocess.run(["docker", "compose", "version"], capture_output=True)
        if shutil.which("docker")
        else None
    )
    if probe is not None and probe.returncode == 0:
        return ["docker", "compose"]
    raise AssertionError("no compose client: scripts/setup installs one")


def test_docker_compose_file_is_accepted() -> None:
    result = subprocess.run(
        [*_compose_command(), "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "NEO4J_PASSWORD": "x" * 8},
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
        for param in re.findall(r"\$(\w+)", query.cypher):
            assert param in {p.name for p in query.parameters}, f"{query.name}: ${param} not in the header"
