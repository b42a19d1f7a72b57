"""The content words of a claim as lemmas: what repeated findings are compared by."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import cast

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc


@cache
def _lemmatizer() -> Language:
    nlp = spacy.blank("en")
    # Lookup tables (spacy-lookups-data): lemmas without a statistical model to download.
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


# Per word as written (its orth id): its lemma, or "" for a word left out. A lookup lemma and the
# word's letters and stop-word flag depend on the word alone, so each word is decided once per
# process instead of once per occurrence (the loop over every token was a tenth of extraction).
_content: dict[int, str] = {}


def _decided(doc: Doc, n: int) -> str:
    token = doc[n]
    lemma = cast(Lemmatizer, _lemmatizer().get_pipe("lemmatizer")).lemmatize(token)[0]
    return lemma if token.is_alpha and not token.is_stop and len(lemma) > 2 else ""


def content_lemmas(texts: Iterable[str]) -> list[str]:
    """Each text's lower-cased lemmas of its words in order, space-separated, with stop words and
    words of fewer than three letters left out; repeats are kept, since they weigh a word."""
    found = []
    tokenizer = cast(Tokenizer, _lemmatizer().tokenizer)
    for doc in tokenizer.pipe(text.lower() for text in texts):
        lemmas = []
        for n, orth in enumerate(doc.to_array(ORTH).tolist()):
            lemma = _content.get(orth)
            if lemma is None:
                lemma = _content[orth] = _decided(doc, n)
            if lemma:
                lemmas.append(lemma)
        found.append(" ".join(lemmas))
    return found
