"""Each hand-labelled claim (or quoted claim) in its paragraph, as the loader gives it to the theme
tagger.

Each labelled document is read as the loader reads it (`loaders.extract.read_claims`), and a label
takes the claim with its words: its paragraph's claims, each with its context (the heading it sits
under, or, in a letter, what the visit looked at: `loaders.claim_context`), and which of them it is.
A label whose words are no longer one claim is a paragraph of its own, with no context.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from loaders.claim_context import claim_contexts
from loaders.extract import read_claims
from loaders.records import ThemeAssignment
from loaders.theme_features import runs
from loaders.themes import tag_findings
from training.claim_labels import ClaimLabel

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FOLDERS = (CORPUS / "reports", CORPUS / "pdf", CORPUS / "seeds")  # where a named document is looked for


@dataclass(frozen=True)
class QuotedClaim:
    """A quoted claim as the loader tags it: the words and context of each claim of its paragraph, in
    order, and which of them it is."""

    texts: tuple[str, ...]
    contexts: tuple[str, ...]
    index: int

    @property
    def context(self) -> str:
        return self.contexts[self.index]


def _words(text: str) -> str:
    return " ".join(text.split())


def _document_claims(path: Path) -> dict[str, QuotedClaim]:
    """Each claim's words -> the claim in its paragraph."""
    text, claims, _ = read_claims(path.read_bytes(), path.name)
    words = [_words(text[c.start : c.end]) for c in claims]
    contexts = claim_contexts(text, claims)
    found: dict[str, QuotedClaim] = {}
    for paragraph in runs([c.paragraph_ordinal for c in claims]):
        texts, around = tuple(words[n] for n in paragraph), tuple(contexts[n] for n in paragraph)
        for n in paragraph:
            found.setdefault(words[n], QuotedClaim(texts, around, n - paragraph.start))
    return found


def document_path(file: str, folders: Sequence[Path] = FOLDERS) -> Path:
    """Where a document the labels name is: the first of the folders that holds it."""
    return next((folder / file for folder in folders if (folder / file).is_file()), folders[0] / file)


def quoted_claims(quotes: Iterable[tuple[str, str]], folders: Sequence[Path] = FOLDERS) -> list[QuotedClaim]:
    """The claim with each quote's words in its paragraph, for each (file name, quote) of a document of
    the shared corpus, in order."""
    quotes = list(quotes)
    files = sorted({file for file, _ in quotes})
    paths = [document_path(file, folders) for file in files]
    with ProcessPoolExecutor(2) as pool:
        found = dict(zip(files, pool.map(_document_claims, paths), strict=True))
    return [
        found[file].get(_words(quote)) or QuotedClaim((_words(quote),), ("",), 0) for file, quote in quotes
    ]


def label_claims(labels: Iterable[ClaimLabel]) -> list[QuotedClaim]:
    """Each label's claim in its paragraph, in order."""
    return quoted_claims((label.file, label.quote) for label in labels)


def flattened(claims: Sequence[QuotedClaim]) -> tuple[list[str], list[str], list[int], list[int]]:
    """The texts, contexts and paragraph numbers to tag the claims' paragraphs in one batch, and where
    each claim is among the texts."""
    texts: list[str] = []
    contexts: list[str] = []
    paragraphs: list[int] = []
    where: list[int] = []
    for number, claim in enumerate(claims):
        where.append(len(texts) + claim.index)
        texts += claim.texts
        contexts += claim.contexts
        paragraphs += [number] * len(claim.texts)
    return texts, contexts, paragraphs, where


def tag_quoted(claims: Sequence[QuotedClaim]) -> list[list[ThemeAssignment]]:
    """The themes the loader gives each claim, reading it in its paragraph."""
    texts, contexts, paragraphs, where = flattened(claims)
    tagged = tag_findings(texts, contexts, paragraphs)
    return [tagged[n] for n in where]
