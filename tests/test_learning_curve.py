"""The shares of train documents the learning curve teaches with."""

from __future__ import annotations

from accuracy.learning_curve import every_kth_document


def test_a_share_keeps_whole_documents_and_holds_every_smaller_share() -> None:
    items = [(f"doc{n % 9}", n) for n in range(45)]  # 9 documents, 5 claims each
    half, quarter = (every_kth_document(items, lambda item: item[0], k) for k in (2, 4))
    assert {d for d, _ in half} == {"doc0", "doc2", "doc4", "doc6", "doc8"}
    assert len(half) == 25  # every claim of each kept document
    assert set(quarter) <= set(half) and {d for d, _ in quarter} == {"doc0", "doc4", "doc8"}
    assert every_kth_document(items, lambda item: item[0], 1) == items
