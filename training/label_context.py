"""The context of each hand-labelled claim, as the loader gives it to the theme classifier.

Each labelled document is read as the loader reads it (`loaders.extract.read_claims`), and a label
takes the context of the claim with its words: the heading that claim sits under, or, in a letter,
what the visit looked at (`loaders.claim_context`). A label whose words are no longer one claim has
no context.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from loaders.claim_context import context_words, visit_focus
from loaders.extract import read_claims
from training.claim_labels import ClaimLabel

REPORTS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "reports"


def _words(text: str) -> str:
    return " ".join(text.split())


def _document_contexts(path: Path) -> dict[str, str]:
    """Each claim's words -> its context words."""
    text, claims, _ = read_claims(path.read_bytes(), path.name)
    focus = visit_focus(text)
    return {_words(text[c.start : c.end]): context_words(c.paragraph.section, focus) for c in claims}


def label_contexts(labels: Iterable[ClaimLabel], folder: Path = REPORTS) -> dict[tuple[str, str], str]:
    """(file, words of the quote) -> context words, for every label."""
    labels = list(labels)
    files = sorted({label.file for label in labels})
    with ProcessPoolExecutor(2) as pool:
        found = dict(zip(files, pool.map(_document_contexts, [folder / f for f in files]), strict=True))
    return {
        (label.file, _words(label.quote)): found[label.file].get(_words(label.quote), "") for label in labels
    }
