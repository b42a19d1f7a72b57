"""Precision and recall of each theme: which themes a researcher can count on, and which ones the
pipeline seldom gives.

The micro figures of `accuracy.claims` and `accuracy.theme_folds` pool every theme. A researcher asks
about one ("what did inspectors say about supervision"), and the themes differ: one named by plain
words ("care leavers") is found nearly always; one a reader infers ("timeliness", "voice of the
child") or a broad one, which the labels give only where no narrower theme fits, much less often.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from accuracy.precision_recall import PrecisionRecall, markdown_table
from accuracy.sure_scores import SURE_THEME_SCORE
from ontology.vocabulary import vocabulary

# One claim's themes as the pipeline gave them (theme -> score) and as a labeller did.
GivenAndLabelled = tuple[Mapping[str, float], Iterable[str]]


def by_theme(claims: Iterable[GivenAndLabelled], threshold: float = 0.0) -> dict[str, PrecisionRecall]:
    """Theme -> its precision and recall over the claims, counting the themes given whose score
    reaches `threshold`."""
    counts: dict[str, PrecisionRecall] = {}
    for given, labelled in claims:
        got = {theme for theme, score in given.items() if score >= threshold}
        wanted = set(labelled)
        for theme in got | wanted:
            counts.setdefault(theme, PrecisionRecall()).add(
                Counter([theme] if theme in got else []), Counter([theme] if theme in wanted else [])
            )
    return counts


def breakdown_table(claims: Iterable[GivenAndLabelled]) -> str:
    """Each theme with its labels, the themes given, precision and recall, for every theme stored and
    for those scored at least SURE_THEME_SCORE; broad themes marked, most labelled first."""
    claims = list(claims)
    every, sure = by_theme(claims), by_theme(claims, SURE_THEME_SCORE)
    broad = {concept.id for concept in vocabulary().themes if concept.broader is None}
    rows = []
    for theme, found in sorted(every.items(), key=lambda item: (-(item[1].tp + item[1].fn), item[0])):
        kept = sure.get(theme, PrecisionRecall())
        rows.append(
            (
                f"{theme}{' (broad)' if theme in broad else ''}",
                found.tp + found.fn,
                found.tp + found.fp,
                _ratio(found.tp, found.tp + found.fp),
                _ratio(found.tp, found.tp + found.fn),
                _ratio(kept.tp, kept.tp + kept.fp),
                _ratio(kept.tp, kept.tp + kept.fn),
            )
        )
    header = (
        "theme",
        "labelled",
        "given",
        "precision",
        "recall",
        f"precision at {SURE_THEME_SCORE}",
        f"recall at {SURE_THEME_SCORE}",
    )
    return markdown_table(header, rows)


def _ratio(part: int, whole: int) -> str:
    """A share to two places, or "-" where there is nothing to share (no theme given, or none labelled)."""
    return f"{part / whole:.2f}" if whole else "-"
