"""The sure scores are chosen as documented: the lowest threshold whose kept polarities reach the
accuracy, or whose kept themes reach the precision."""

from __future__ import annotations

from accuracy.sure_scores import ScoredClaim, kept_at, lowest_sure_polarity, lowest_sure_theme, theme_counts


def test_the_lowest_threshold_whose_polarities_are_sure_enough_is_chosen() -> None:
    # 19 sure and right, one sure and wrong (0.95 from 0.8 up); below 0.8, wrong ones bring it under
    claims = [ScoredClaim(0.97, "weakness", "weakness")] * 19 + [ScoredClaim(0.92, "strength", "weakness")]
    claims += [ScoredClaim(0.75, "context", "strength")] * 3
    assert lowest_sure_polarity(claims) == 0.8
    kept = kept_at(claims, 0.9)
    assert (kept.claims, kept.accuracy) == (20, 0.95)
    assert kept.precision["weakness"] == 0.95 and kept.recall["weakness"] == 1.0
    assert kept.recall["strength"] == 0.0
    assert lowest_sure_polarity(claims[-3:]) is None


def test_themes_are_kept_by_their_own_score() -> None:
    given = [({"supervision": 0.95, "caseloads": 0.55}, ["supervision"])] * 9
    given += [({"care-leavers": 0.8}, ["adoption"])]
    counts = theme_counts(given)
    assert (counts[0.0].tp, counts[0.0].fp, counts[0.0].fn) == (9, 10, 1)
    assert (counts[0.6].tp, counts[0.6].fp) == (9, 1)
    assert (counts[0.85].tp, counts[0.85].fp, counts[0.85].fn) == (9, 0, 1)
    assert lowest_sure_theme(counts) == 0.6
