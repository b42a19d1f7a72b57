"""The content lemmas repeated findings are compared by."""

from __future__ import annotations

from loaders.lemmas import _lemmatizer, content_lemmas


def _read_token_by_token(text: str) -> str:
    doc = _lemmatizer()(text.lower())
    return " ".join(t.lemma_ for t in doc if t.is_alpha and not t.is_stop and len(t.lemma_) > 2)


def test_each_word_is_decided_once_as_the_lemmatizer_reads_it_in_place() -> None:
    texts = [
        "Meetings were not held; the meetings that were held lacked focus.",
        "Caseloads are high. CASELOADS remain high in 2019, and children's plans are reviewed.",
        "",
        "Managers' oversight of plans is not consistently evident; plans are being reviewed.",
    ]
    # Twice: the second call reads every word from what the first decided.
    for _ in range(2):
        assert content_lemmas(texts) == [_read_token_by_token(t) for t in texts]
    assert content_lemmas(["Meetings were held"]) == ["meeting hold"]
