"""A linear model over TF-IDF vectors of words, kept as arrays in one `.npz` file: the second
classifiers of the theme and polarity pipelines (`loaders.lemma_themes`, `loaders.polarity_words`).
Each reads its texts with scikit-learn's TF-IDF vectorizer, as its subclass configures it
(`vectorizer`), given the stored vocabulary and weights.

Arrays only, read with `allow_pickle=False`, so loading a model runs no code; its SHA-256 over the
arrays is part of its pipeline's version, and so of each claim's provenance.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import ClassVar, TypeVar

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

Model = TypeVar("Model", bound="StoredLinear")


@dataclass(frozen=True)
class StoredLinear:
    terms: tuple[str, ...]  # the vocabulary, in column order
    idf: np.ndarray  # one per term
    labels: tuple[str, ...]  # the themes or classes, one per row of the weights
    weights: np.ndarray  # labels x columns
    intercepts: np.ndarray  # one per label
    FILE_NAME: ClassVar[str]

    @staticmethod
    def vectorizer(vocabulary: Sequence[str] | None = None, min_df: int = 1) -> TfidfVectorizer:
        """How the model's texts become vectors (its vocabulary once fitted); training fits the same."""
        raise NotImplementedError

    @cached_property
    def _vectors(self) -> TfidfVectorizer:
        # Built once per model: a vectorizer validates its vocabulary, tens of thousands of terms,
        # when first used, and a document's claims are read in one call.
        read = self.vectorizer(self.terms)
        read.idf_ = self.idf  # the fitted weights: the vocabulary alone would leave them unset
        return read

    def vectors(self, texts: Sequence[str]) -> csr_matrix:
        """Each text's unit-length TF-IDF vector over the model's vocabulary."""
        return self._vectors.transform(texts)

    def save(self, folder: Path) -> Path:
        path = folder / self.FILE_NAME
        np.savez_compressed(
            path,
            terms=np.array(self.terms),
            idf=self.idf,
            labels=np.array(self.labels),
            weights=self.weights.astype(np.float32),
            intercepts=self.intercepts,
        )
        return path

    @classmethod
    def load(cls: type[Model], folder: Path) -> Model:
        with np.load(folder / cls.FILE_NAME, allow_pickle=False) as stored:
            return cls(
                tuple(stored["terms"].tolist()),
                stored["idf"],
                tuple(stored["labels"].tolist()),
                stored["weights"].astype(np.float64),
                stored["intercepts"],
            )

    def digest(self) -> str:
        """SHA-256 of the model's arrays, for its pipeline's version."""
        digest = hashlib.sha256()
        digest.update("\n".join(self.terms + self.labels).encode())
        for array in (self.idf, self.weights.astype(np.float32), self.intercepts):
            digest.update(np.ascontiguousarray(array).tobytes())
        return digest.hexdigest()
