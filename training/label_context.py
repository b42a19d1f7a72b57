"""The context of each hand-labelled claim (or quoted claim), as the loader gives it to the theme
classifier.

Each labelled document is read as the loader reads it (`loaders.extract.read_claims`), and a label
takes the context of the claim with its words: the heading that claim sits under, or, in a letter,
what the visit looked at (`loaders.claim_context`). A label whose words are no longer one claim has
no context.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from loaders.claim_context import claim_contexts
from loaders.extract import read_claims
from training.claim_labels import ClaimLabel

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FOLDERS = (CORPUS / "reports", CORPUS / "pdf", CORPUS / "seeds")  # where a named document is looked for


def _words(text: str) -> str:
    return " ".join(text.split())


def _document_contexts(path: Path) -> dict[str, str]:
    """Each claim's words -> its context words."""
    text, claims, _ = read_claims(path.read_bytes(), path.name)
    words = [_words(text[c.start : c.end]) for c in claims]
    return dict(zip(words, claim_contexts(text, claims), strict=True))


def document_path(file: str, folders: Sequence[Path] = FOLDERS) -> Path:
    """Where a document the labels name is: the first of the folders that holds it."""
    return next((folder / file for folder in folders if (folder / file).is_file()), folders[0] / file)


def quote_contexts(quotes: Iterable[tuple[str, str]], folders: Sequence[Path] = FOLDERS) -> list[str]:
    """The context words of the claim with each quote's words, for each (file name, quote) of a
    document of the shared corpus, in order; "" for a quote that is no longer one claim."""
    quotes = list(quotes)
    files = sorted({file for file, _ in quotes})
    paths = [document_path(file, folders) for file in files]
    with ProcessPoolExecutor(2) as pool:
        found = dict(zip(files, pool.map(_document_contexts, paths), strict=True))
    return [found[file].get(_words(quote), "") for file, quote in quotes]


def label_contexts(labels: Iterable[ClaimLabel]) -> list[str]:
    """The context words of each label's claim, in order."""
    return quote_contexts((label.file, label.quote) for label in labels)
