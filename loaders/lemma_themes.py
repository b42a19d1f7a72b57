"""A second theme classifier, which reads a claim's paragraph as well as the claim: per theme, a
logistic regression over the TF-IDF vectors of the claim's words and of its paragraph's, the words
being content lemmas and the theme markers of the cues they name (`loaders.themes.cue_words`).

The spaCy classifier reads the claim's own words (with its context and cue markers); a labeller
reads the paragraph round it, and a sentence such as "This has been slow to improve" is about what
its paragraph discusses. Its probability is one more feature of the theme reader
(`loaders.theme_features`); docs/design-notes.md, "Themes: a second classifier reads the paragraph".

The model is arrays in one `.npz` file (no pickle, so loading it runs no code): the vocabulary and
its IDF, the themes, and each theme's weights of the claim's and the paragraph's vectors. It is
fitted by `python -m training.themes`, beside the spaCy classifier, and ships in its folder.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.preprocessing import normalize

from loaders.theme_features import runs

FILE_NAME = "lemma_classifier.npz"


def tfidf_rows(texts: Sequence[str], vocabulary: Mapping[str, int], idf: np.ndarray) -> csr_matrix:
    """One unit-length row per space-separated word string: sublinear term frequency times IDF, over
    the vocabulary's words (others are left out), as `loaders.claim_similarity` weighs lemmas."""
    rows, columns, values = [], [], []
    for row, text in enumerate(texts):
        for word, count in Counter(w for w in text.split() if w in vocabulary).items():
            column = vocabulary[word]
            rows.append(row)
            columns.append(column)
            values.append((1 + math.log(count)) * float(idf[column]))
    matrix = csr_matrix((values, (rows, columns)), shape=(len(texts), len(vocabulary)))
    return normalize(matrix)


def paragraph_words(
    words: Sequence[str], paragraphs: Sequence[Hashable] | None
) -> tuple[list[str], list[int]]:
    """Each paragraph's words as one string, and each claim's paragraph among them, for claims in
    document order whose paragraphs `paragraphs` name (`loaders.theme_features.runs`); a claim alone is
    a paragraph of its own."""
    keys = list(range(len(words))) if paragraphs is None else paragraphs
    joined: list[str] = []
    where: list[int] = []
    for paragraph in runs(keys):
        where += [len(joined)] * len(paragraph)
        joined.append(" ".join(words[n] for n in paragraph))
    return joined, where


def read(
    words: Sequence[str], paragraphs: Sequence[Hashable] | None, vocabulary: Sequence[str], idf: np.ndarray
) -> csr_matrix:
    """What the model reads of each claim (its words as one string each): its own vector beside its
    paragraph's."""
    columns = {word: n for n, word in enumerate(vocabulary)}
    own = tfidf_rows(words, columns, idf)
    joined, where = paragraph_words(words, paragraphs)
    return hstack([own, tfidf_rows(joined, columns, idf)[where]], format="csr")


@dataclass(frozen=True)
class LemmaThemes:
    words: tuple[str, ...]  # the vocabulary, in column order
    idf: np.ndarray  # one per word
    themes: tuple[str, ...]
    weights: np.ndarray  # themes x (the claim's words, then its paragraph's)
    intercepts: np.ndarray  # one per theme

    def probabilities(
        self, words: Sequence[str], paragraphs: Sequence[Hashable] | None = None
    ) -> list[dict[str, float]]:
        """Each claim's probability of each theme, from its words (one string each) and its
        paragraph's, `paragraphs` as `read` takes them."""
        if not words:
            return []
        scores = read(words, paragraphs, self.words, self.idf) @ self.weights.T + self.intercepts
        sure = 1 / (1 + np.exp(-np.asarray(scores)))
        return [dict(zip(self.themes, row.tolist(), strict=True)) for row in sure]

    def save(self, folder: Path) -> Path:
        path = folder / FILE_NAME
        np.savez_compressed(
            path,
            words=np.array(self.words),
            idf=self.idf,
            themes=np.array(self.themes),
            weights=self.weights.astype(np.float32),
            intercepts=self.intercepts,
        )
        return path

    @classmethod
    def load(cls, folder: Path) -> LemmaThemes:
        with np.load(folder / FILE_NAME, allow_pickle=False) as stored:
            return cls(
                tuple(stored["words"].tolist()),
                stored["idf"],
                tuple(stored["themes"].tolist()),
                stored["weights"].astype(np.float64),
                stored["intercepts"],
            )

    def digest(self) -> str:
        """SHA-256 of the model's arrays, for the themes model's version."""
        digest = hashlib.sha256()
        digest.update("\n".join(self.words + self.themes).encode())
        for array in (self.idf, self.weights.astype(np.float32), self.intercepts):
            digest.update(np.ascontiguousarray(array).tobytes())
        return digest.hexdigest()
