"""A second polarity classifier: a logistic regression over the TF-IDF vector of a claim's words and
word pairs, whose probabilities are more features of the polarity reader (`loaders.polarity_features`).

The spaCy bag of words and this one read the same words, but learn them differently (spaCy's hashed
features by gradient steps, this one every word and pair of the labels, L2-regularised to the end),
and the reader gains from both: five-fold over the train documents, 0.845 -> 0.854 on the claims it
decides (docs/accuracy.md). It reads the words as written, lower case, pairs included, so "not
timely" and "too long" are features: polarity lives in the words a theme model leaves out.

Stored as arrays in one `.npz` in the polarity model's folder (`loaders.stored_linear`): the
vocabulary and its IDF, the polarities and their weights; fitted by `python -m training.polarity`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.special import softmax
from sklearn.feature_extraction.text import TfidfVectorizer

from loaders.stored_linear import StoredLinear

NGRAMS = (1, 2)


class PolarityWords(StoredLinear):
    """Its labels are the polarities, and each row of weights covers the words and pairs."""

    FILE_NAME = "word_classifier.npz"

    @staticmethod
    def vectorizer(vocabulary: Sequence[str] | None = None, min_df: int = 1) -> TfidfVectorizer:
        """The words and pairs the model reads, weighed by sublinear TF-IDF."""
        return TfidfVectorizer(
            lowercase=True, ngram_range=NGRAMS, sublinear_tf=True, min_df=min_df, vocabulary=vocabulary
        )

    def probabilities(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Each text's probability of each polarity."""
        if not texts:
            return []
        sure = softmax(np.asarray(self.vectors(texts) @ self.weights.T) + self.intercepts, axis=1)
        return [dict(zip(self.labels, row.tolist(), strict=True)) for row in sure]
