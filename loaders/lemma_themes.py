"""A second theme classifier, which reads a claim's paragraph as well as the claim: per theme, a
logistic regression over the TF-IDF vectors of the claim's words and of its paragraph's, the words
being content lemmas and the theme markers of the cues they name (`loaders.themes.cue_words`).

The spaCy classifier reads the claim's own words (with its context and cue markers); a labeller
reads the paragraph round it, and a sentence such as "This has been slow to improve" is about what
its paragraph discusses. Its probability is one more feature of the theme reader
(`loaders.theme_features`); docs/design-notes.md, "Themes: a second classifier reads the paragraph".

The model is arrays in one `.npz` file (`loaders.stored_linear`): the vocabulary and its IDF, the
themes, and each theme's weights of the claim's and the paragraph's vectors. It is fitted by
`python -m training.themes`, beside the spaCy classifier, and ships in its folder.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack
from scipy.special import expit
from sklearn.feature_extraction.text import TfidfVectorizer

from loaders.stored_linear import StoredLinear
from loaders.theme_features import runs


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
    words: Sequence[str],
    paragraphs: Sequence[Hashable] | None,
    vectors: Callable[[Sequence[str]], csr_matrix],
) -> csr_matrix:
    """What the model reads of each claim (its words as one string each): its own vector beside its
    paragraph's, each made by `vectors`."""
    joined, where = paragraph_words(words, paragraphs)
    return hstack([vectors(words), vectors(joined)[where]], format="csr")


class LemmaThemes(StoredLinear):
    """Its labels are the themes, and each row of weights covers the claim's words, then its
    paragraph's."""

    FILE_NAME = "lemma_classifier.npz"

    @staticmethod
    def vectorizer(vocabulary: Sequence[str] | None = None, min_df: int = 1) -> TfidfVectorizer:
        """The words as given, space-separated (`loaders.themes.cue_words`), weighed by sublinear
        TF-IDF (smoothed IDF, as `loaders.claim_similarity` weighs lemmas), unit length."""
        return TfidfVectorizer(analyzer=str.split, sublinear_tf=True, min_df=min_df, vocabulary=vocabulary)

    def probabilities(
        self, words: Sequence[str], paragraphs: Sequence[Hashable] | None = None
    ) -> list[dict[str, float]]:
        """Each claim's probability of each theme, from its words (one string each) and its
        paragraph's, `paragraphs` as `read` takes them."""
        if not words:
            return []
        scores = read(words, paragraphs, self.vectors) @ self.weights.T + self.intercepts
        sure = expit(np.asarray(scores))
        return [dict(zip(self.labels, row.tolist(), strict=True)) for row in sure]
