"""The content words of a claim as lemmas: what repeated findings are compared by."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import spacy
from spacy.language import Language


@cache
def _lemmatizer() -> Language:
    nlp = spacy.blank("en")
    # Lookup tables (spacy-lookups-data): lemmas without a statistical model to download.
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def content_lemmas(texts: Iterable[str]) -> list[str]:
    """Each text's lower-cased lemmas of its words in order, space-separated, with stop words and
    words of fewer than three letters left out; repeats are kept, since they weigh a word."""
    return [
        " ".join(t.lemma_ for t in doc if t.is_alpha and not t.is_stop and len(t.lemma_) > 2)
        for doc in _lemmatizer().pipe(text.lower() for text in texts)
    ]
