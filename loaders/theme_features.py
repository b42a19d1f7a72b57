"""What a claim's themes are decided on: for each theme the classifier or the cue matcher puts
forward, the classifier's probability, the matcher's evidence and how each stands among the claim's
other themes.

The classifier and the matcher are each right more often than the other on some claims: a theme the
classifier is 0.3 sure of is a good answer when it is the claim's clear first and the matcher names
it, a poor one when five themes are that close. A fixed threshold on each cannot weigh that; a
reader fitted to the labels can (docs/design-notes.md, "Themes: a reader weighs both sources").
"""

from __future__ import annotations

import math
from collections.abc import Mapping

# A theme is put forward when the classifier gives it at least this, or a cue of it is named: below,
# the labels hold almost no theme (a few in a thousand), and the reader would weigh noise.
CANDIDATE_PROBABILITY = 0.03
# A theme is "close" when the classifier gives it this much: how many such themes a claim has says
# how spread the classifier's answer is.
CLOSE_PROBABILITY = 0.35
_LOG_FLOOR = 1e-4
_RANK_CAP = 3  # the fourth theme and below are alike

FEATURES = (
    "probability",
    "log_probability",
    "evidence",
    "evidence_enough",  # the matcher's evidence reaches its MIN_EVIDENCE
    "matcher_assigns",  # the matcher alone would assign it (enough, and near the claim's leading theme)
    "rank",  # by the classifier's probability among the claim's candidates, 0 first
    "share_of_best",  # its probability over the claim's highest
    "best_probability",
    "close_themes",
    "top_concept",
    "evidence_score",  # 1 - exp(-evidence), as the matcher scores it
)


def candidates(
    probabilities: Mapping[str, float],
    evidence: Mapping[str, float],
    top_concepts: frozenset[str],
    min_evidence: float,
    relative_evidence: float,
) -> list[tuple[str, list[float]]]:
    """(theme, FEATURES) of each theme put forward for one claim, in theme order. `probabilities`
    and `evidence` hold only themes of the scheme."""
    put_forward = {t: float(p) for t, p in probabilities.items() if p >= CANDIDATE_PROBABILITY}
    put_forward.update((t, float(probabilities.get(t, 0.0))) for t, e in evidence.items() if e > 0)
    if not put_forward:
        return []
    best = max(put_forward.values())
    rank = {t: n for n, t in enumerate(sorted(put_forward, key=lambda t: (-put_forward[t], t)))}
    close = float(sum(1 for p in put_forward.values() if p >= CLOSE_PROBABILITY))
    leading = max((e for e in evidence.values() if e >= min_evidence), default=0.0)
    found = []
    for theme in sorted(put_forward):
        p, e = put_forward[theme], float(evidence.get(theme, 0.0))
        enough = e >= min_evidence
        found.append(
            (
                theme,
                [
                    p,
                    math.log(p + _LOG_FLOOR),
                    e,
                    float(enough),
                    float(enough and e >= relative_evidence * leading),
                    float(min(rank[theme], _RANK_CAP)),
                    p / best if best > 0 else 0.0,
                    best,
                    close,
                    float(theme in top_concepts),
                    1 - math.exp(-e),
                ],
            )
        )
    return found
