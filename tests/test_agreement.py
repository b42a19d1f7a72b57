"""The agreement of two readings of the claim labels (`accuracy.agreement`)."""

from __future__ import annotations

from accuracy.agreement import cohen_kappa, paired
from training.claim_labels import ClaimLabel


def _label(start: int, polarity: str, junk: bool = False) -> ClaimLabel:
    return ClaimLabel("a.pdf", "ab", "train", start, start + 5, "quote", polarity, (), junk)


def test_kappa_counts_agreement_beyond_chance() -> None:
    # 35 of 50 agree, where readers with these frequencies would agree on half by chance: 0.4.
    pairs = [("s", "s")] * 20 + [("s", "w")] * 5 + [("w", "s")] * 10 + [("w", "w")] * 15
    assert abs(cohen_kappa(pairs) - 0.4) < 1e-9
    assert cohen_kappa([("s", "s"), ("w", "w")]) == 1.0
    assert cohen_kappa([("s", "w"), ("w", "s")]) == -1.0


def test_readings_pair_by_claim_and_leave_junk_out() -> None:
    first = [_label(0, "strength"), _label(10, "weakness"), _label(20, "context", junk=True)]
    second = [_label(10, "mixed"), _label(0, "strength", junk=True), _label(20, "context")]
    assert [(a.polarity, b.polarity) for a, b in paired(first, second)] == [("weakness", "mixed")]
