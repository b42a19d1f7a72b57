"""Fit the theme classifier that reads a claim's paragraph (`loaders.lemma_themes`).

Its vocabulary is every word (`loaders.themes.cue_words`: a content lemma or a cue's theme marker)
of at least two of the claims it is fitted on, each weighed by its smoothed IDF over those claims
(scikit-learn's TF-IDF vectorizer, as `LemmaThemes.vectorizer` configures it). Each theme is a
logistic regression fitted to the labelled claims; its C was chosen by five-fold cross-validation
over the train documents, where the reader's F1 at 3, 10 and 30 was within 0.002 (docs/accuracy.md).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from loaders.lemma_themes import LemmaThemes, read

C = 10.0
_NEVER = -30.0  # the intercept of a theme too rarely labelled to fit: a probability of nothing
_FEWEST_LABELS = 2
_FEWEST_CLAIMS = 2  # a word of one claim alone would be weighed on that claim's labels alone


def fitted(
    words: Sequence[str],
    paragraphs: Sequence[Hashable],
    labelled: Sequence[tuple[int, frozenset[str]]],
    themes: Sequence[str],
) -> LemmaThemes:
    """The model fitted to labelled claims: `words` (`loaders.themes.cue_words`) and `paragraphs` are
    every claim of the labelled claims' paragraphs in document order (as `loaders.lemma_themes.read`
    takes them), `labelled` the position of each labelled claim among them with its themes."""
    vectors = LemmaThemes.vectorizer(min_df=_FEWEST_CLAIMS).fit(words)
    matrix = read(words, paragraphs, vectors.transform)[[n for n, _ in labelled]]
    weights = np.zeros((len(themes), matrix.shape[1]))
    intercepts = np.full(len(themes), _NEVER)
    for row, theme in enumerate(themes):
        given = np.array([theme in found for _, found in labelled])
        if given.sum() < _FEWEST_LABELS:
            continue
        model = LogisticRegression(C=C, max_iter=2000).fit(matrix, given)
        weights[row], intercepts[row] = model.coef_[0], model.intercept_[0]
    vocabulary = tuple(str(word) for word in vectors.get_feature_names_out())
    return LemmaThemes(vocabulary, np.asarray(vectors.idf_), tuple(themes), weights, intercepts)
