"""The scale corpus generator of bench/: deterministic from its seed, and its documents read back as
generated (authority, framework, date and inspectors), so benchmarks measure realistic extraction."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from loaders.extract import extract_bytes

ROOT = Path(__file__).resolve().parent.parent


def _generator_module():
    spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "bench" / "generate_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate(corpus: Path):
    module = _generator_module()
    templates = module.load_templates(corpus)
    return lambda seed, count: list(module.Generator(templates, seed).documents(count))


def test_same_seed_same_corpus_other_seed_other_corpus(generate) -> None:
    first, again, other = generate(7, 12), generate(7, 12), generate(8, 12)
    assert first == again
    assert [name for name, _, _ in first] != [name for name, _, _ in other]
    # A larger corpus starts with the smaller one.
    assert generate(7, 20)[:12] == first


def test_generated_documents_are_new_inspections_the_extractor_reads_back(generate) -> None:
    documents = generate(3, 16)
    assert len({expected["authority"] for _, _, expected in documents}) > 8
    assert len({text for _, text, _ in documents}) == 16
    for name, text, expected in documents:
        extraction = extract_bytes(text.encode("utf-8"), Path(name).name)
        inspection = extraction.inspection
        assert extraction.authority.code == expected["authority"], name
        assert inspection.framework == expected["framework"], name
        assert str(inspection.start_date or inspection.published_date) == expected["start"], name
        assert sorted(person.name for person in extraction.inspectors) == expected["inspectors"], name
        assert extraction.findings, name
