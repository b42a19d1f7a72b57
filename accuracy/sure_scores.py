"""How sure must a claim's polarity or theme be for a researcher to count on it? The accuracy of the
polarities, and the precision and recall of the themes, whose score reaches a threshold.

A researcher counting weaknesses, or the claims about a theme, may want few wrong ones more than
every one. Each claim stores its polarity's score (`polarityScore`: the reader's probability for the
polarity it gave, or 1.0 where the claim's heading states it) and each theme's (`score` on ABOUT: the
theme reader's probability, at least its threshold). Keeping what reaches a higher score trades
coverage for accuracy:
- SURE_POLARITY_SCORE is the lowest of POLARITY_THRESHOLDS at which five-fold cross-validation over
  the train documents reaches SURE_POLARITY_ACCURACY (`python -m accuracy.polarity_folds`);
- SURE_THEME_SCORE the lowest of THEME_THRESHOLDS at which the themes a claim is given, filtered by
  their score, reach SURE_THEME_PRECISION in the same cross-validation (`python -m accuracy.theme_folds`).
`python -m accuracy.claims` reports the held-out claims at every threshold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from accuracy.precision_recall import PrecisionRecall, markdown_table, marked_threshold, threshold_table

SURE_POLARITY_ACCURACY = 0.95
SURE_POLARITY_SCORE = 0.8  # chosen by `python -m accuracy.polarity_folds` on the train documents
POLARITY_THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
COUNTED = ("weakness", "strength")  # the polarities researchers count, each with its precision and recall

SURE_THEME_PRECISION = 0.9
SURE_THEME_SCORE = 0.7  # chosen by `python -m accuracy.theme_folds` on the train documents
THEME_THRESHOLDS = (0.0, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


@dataclass(frozen=True)
class ScoredClaim:
    score: float  # of the polarity it was given
    gold: str  # the hand label
    predicted: str


@dataclass(frozen=True)
class Kept:
    """The polarities at or above one threshold."""

    claims: int
    share: float  # of all claims
    accuracy: float
    precision: dict[str, float]  # per counted polarity, among the kept claims
    recall: dict[str, float]  # per counted polarity, of all claims with that label


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def kept_at(claims: Sequence[ScoredClaim], threshold: float) -> Kept:
    kept = [c for c in claims if c.score >= threshold]
    precision, recall = {}, {}
    for polarity in COUNTED:
        right = sum(c.gold == c.predicted == polarity for c in kept)
        precision[polarity] = _ratio(right, sum(c.predicted == polarity for c in kept))
        recall[polarity] = _ratio(right, sum(c.gold == polarity for c in claims))
    return Kept(
        len(kept),
        _ratio(len(kept), len(claims)),
        _ratio(sum(c.gold == c.predicted for c in kept), len(kept)),
        precision,
        recall,
    )


def lowest_sure_polarity(claims: Sequence[ScoredClaim]) -> float | None:
    """The lowest threshold at which the kept polarities' accuracy reaches SURE_POLARITY_ACCURACY."""
    return next(
        (t for t in POLARITY_THRESHOLDS if kept_at(claims, t).accuracy >= SURE_POLARITY_ACCURACY), None
    )


def polarity_table(claims: Sequence[ScoredClaim]) -> str:
    """The polarities kept at each threshold, as a markdown table."""
    headers = [
        "polarity score at least",
        "claims kept",
        "accuracy",
        *(f"{p} {measure}" for p in COUNTED for measure in ("precision", "recall")),
    ]
    rows = []
    for threshold in POLARITY_THRESHOLDS:
        kept = kept_at(claims, threshold)
        rows.append(
            [
                marked_threshold(threshold, SURE_POLARITY_SCORE, "sure"),
                f"{kept.share:.3f} ({kept.claims})",
                f"{kept.accuracy:.3f}",
                *(f"{value[p]:.3f}" for p in COUNTED for value in (kept.precision, kept.recall)),
            ]
        )
    return markdown_table(headers, rows)


def theme_counts(claims: Iterable[tuple[Mapping[str, float], Iterable[str]]]) -> dict[float, PrecisionRecall]:
    """Threshold -> micro precision and recall of the themes given (theme -> score) whose score reaches
    it, against each claim's hand-labelled themes."""
    counts = {threshold: PrecisionRecall() for threshold in THEME_THRESHOLDS}
    for given, gold in claims:
        wanted = Counter(gold)
        for threshold, found in counts.items():
            found.add(Counter(t for t, score in given.items() if score >= threshold), wanted)
    return counts


def lowest_sure_theme(counts: Mapping[float, PrecisionRecall]) -> float | None:
    """The lowest threshold at which the kept themes' precision reaches SURE_THEME_PRECISION."""
    return next((t for t in THEME_THRESHOLDS if counts[t].precision >= SURE_THEME_PRECISION), None)


def theme_table(counts: Mapping[float, PrecisionRecall]) -> str:
    return threshold_table("theme score at least", counts, SURE_THEME_SCORE, "sure")
