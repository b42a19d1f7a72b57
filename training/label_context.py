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

from loaders.claim_context import context_words, visit_focus
from loaders.extract import read_claims
from training.claim_labels import ClaimLabel

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FOLDERS = (CORPUS / "reports", CORPUS / "pdf", CORPUS / "seeds")  # where a named document is looked for


def _words(text: str) -> str:
    return " ".join(text.split())


def _document_contexts(path: Path) -> dict[str, str]:
    """Each claim's words -> its context words."""
    text, claims, _ = read_claims(path.read_bytes(), path.name)
    focus = visit_focus(text)
    return {_words(text[c.start : c.end]): context_words(c.paragraph.section, focus) for c in claims}


def _path(file: str, folders: Sequence[Path]) -> Path:
    return next((folder / file for folder in folders if (folder / file).is_file()), folders[0] / file)


def quote_contexts(
    quotes: Iterable[tuple[str, str]], folders: Sequence[Path] = FOLDERS
) -> dict[tuple[str, str], str]:
    """(file, words of a quote) -> the context words of the claim with those words, for each
    (file name, quote) of a document of the shared corpus; "" for a quote that is no longer one claim."""
    wanted = {(file, _words(quote)) for file, quote in quotes}
    files = sorted({file for file, _ in wanted})
    paths = [_path(file, folders) for file in files]
    with ProcessPoolExecutor(2) as pool:
        found = dict(zip(files, pool.map(_document_contexts, paths), strict=True))
    return {(file, words): found[file].get(words, "") for file, words in wanted}


def label_contexts(labels: Iterable[ClaimLabel]) -> dict[tuple[str, str], str]:
    """(file, words of the quote) -> context words, for every label."""
    return quote_contexts((label.file, label.quote) for label in labels)
