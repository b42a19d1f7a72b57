"""Property-based fuzzing of extraction: whatever the bytes, a document comes out or an ExtractionError
naming the file does; nothing else is ever raised. The examples are random but derandomised (the same
on every run) and few, so the suite stays fast; the last test prints how many inputs were tried."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import CORPUS
from hostile_files import smallest_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.errors import ExtractionError
from loaders.extract import extract_bytes

TRIED: Counter[str] = Counter()
FUZZ = settings(
    max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
SUFFIXES = st.sampled_from([".txt", ".pdf", ".html", ".htm", ""])
SEEDS = sorted((CORPUS / "seeds").iterdir())
SEED_BYTES = [path.read_bytes() for path in SEEDS]
PDF = smallest_pdf(CORPUS)
PDF_BYTES = PDF.read_bytes()


def _extracts_or_explains(data: bytes, name: str, kind: str) -> None:
    TRIED[kind] += 1
    try:
        extraction = extract_bytes(data, name)
    except ExtractionError as error:
        assert error.file_name == name and str(error).startswith(f"{name}: ") and error.problem
        return
    assert extraction.document.file_name == name
    for finding in extraction.findings:
        assert extraction.document.text[finding.char_start : finding.char_end] == finding.text


@FUZZ
@given(data=st.binary(max_size=4096), suffix=SUFFIXES)
def test_random_bytes(data: bytes, suffix: str) -> None:
    _extracts_or_explains(data, f"fuzz{suffix}", "random bytes")


@FUZZ
@given(text=st.text(max_size=2000), suffix=SUFFIXES, encoding=st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_random_text(text: str, suffix: str, encoding: str) -> None:
    _extracts_or_explains(text.encode(encoding, errors="surrogatepass"), f"fuzz{suffix}", "random text")


_TAGS = st.sampled_from(["p", "div", "script", "style", "li", "ul", "table", "td", "br", "pre", "title", "b"])
_HTML_PART = st.one_of(
    st.builds(lambda t: f"<{t}>", _TAGS),
    st.builds(lambda t: f"</{t}>", _TAGS),
    st.text(max_size=60),
    st.sampled_from(["&amp;", "&#0;", "&#xD800;", "<!--", "-->", "<![CDATA[", "<", ">", "&", "\x00"]),
)


@FUZZ
@given(parts=st.lists(_HTML_PART, max_size=80))
def test_random_html(parts: list[str]) -> None:
    _extracts_or_explains(("<!doctype html><html>" + "".join(parts)).encode(), "fuzz.html", "random HTML")


@st.composite
def _mutated(draw: st.DrawFn, documents: list[bytes]) -> bytes:
    """A real document cut short, with bytes overwritten, inserted or deleted."""
    data = bytearray(draw(st.sampled_from(documents)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["cut", "overwrite", "insert", "delete"]))
        junk = draw(st.binary(min_size=1, max_size=64))
        if action == "cut":
            del data[at:]
        elif action == "overwrite":
            data[at : at + len(junk)] = junk
        elif action == "insert":
            data[at:at] = junk
        else:
            del data[at : at + len(junk)]
    return bytes(data)


@FUZZ
@given(data=_mutated(SEED_BYTES), suffix=st.sampled_from([".txt", ".html"]))
def test_mutated_text_documents(data: bytes, suffix: str) -> None:
    _extracts_or_explains(data, f"mutated{suffix}", "mutated text documents")


@settings(FUZZ, max_examples=80)
@given(data=_mutated([PDF_BYTES]))
def test_mutated_pdf(data: bytes) -> None:
    _extracts_or_explains(data, PDF.name, "mutated PDFs")


def test_report_inputs_tried(capsys: pytest.CaptureFixture[str]) -> None:
    # Runs last in this module, after every property above.
    with capsys.disabled():
        print(f"\nfuzzed extraction: {sum(TRIED.values())} inputs tried ({dict(TRIED)})")
    assert len(TRIED) == 5 and all(n >= 20 for n in TRIED.values()), TRIED
