"""Fit the second polarity classifier (`loaders.polarity_words`) to hand-labelled claims.

Its vocabulary is every word and word pair of at least two of the claims it is fitted on; C was
chosen by five-fold cross-validation over the train documents, where the reader's accuracy with C 3
and 10 was within 0.001 (docs/accuracy.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from loaders.polarity_words import PolarityWords

C = 10.0
_FEWEST_CLAIMS = 2


def fitted(texts: Sequence[str], polarities: Sequence[str]) -> PolarityWords:
    """The model fitted to claims' words (`texts`, as the loader gives them) and their polarities."""
    read = PolarityWords.vectorizer(min_df=_FEWEST_CLAIMS)
    matrix = read.fit_transform(texts)
    model = LogisticRegression(C=C, max_iter=3000).fit(matrix, list(polarities))
    weights, intercepts = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # one row, for the second class: the first's scores are 0
        weights = np.vstack([np.zeros_like(weights), weights])
        intercepts = np.concatenate([[0.0], intercepts])
    return PolarityWords(
        tuple(str(term) for term in read.get_feature_names_out()),
        np.asarray(read.idf_),
        tuple(str(name) for name in model.classes_),
        weights,
        intercepts,
    )
