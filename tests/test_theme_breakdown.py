"""Each theme's precision and recall are its own: a theme given wrongly counts against that theme
only, a labelled theme missed against that one only, and the sure score filters what is given."""

from __future__ import annotations

from accuracy.theme_breakdown import breakdown_table, by_theme


def test_each_theme_is_counted_on_its_own() -> None:
    given = [({"supervision": 0.95, "caseloads-and-capacity": 0.55}, ["supervision"])] * 3
    given += [({"care-leavers": 0.8}, ["adoption", "care-leavers"])]
    counts = by_theme(given)
    assert (counts["supervision"].tp, counts["supervision"].fp, counts["supervision"].fn) == (3, 0, 0)
    assert (counts["caseloads-and-capacity"].tp, counts["caseloads-and-capacity"].fp) == (0, 3)
    assert (counts["adoption"].tp, counts["adoption"].fn) == (0, 1)
    assert (counts["care-leavers"].tp, counts["care-leavers"].fp) == (1, 0)
    sure = by_theme(given, 0.7)
    assert "caseloads-and-capacity" not in sure and sure["supervision"].tp == 3


def test_the_table_ranks_themes_by_their_labels_and_marks_broad_ones() -> None:
    given = [({"practice": 0.5}, ["looked-after", "supervision"])] + [({"supervision": 0.9}, ["supervision"])]
    lines = breakdown_table(given).splitlines()
    assert lines[2] == "| supervision | 2 | 1 | 1.00 | 0.50 | 1.00 | 0.50 |"
    assert lines[3] == "| looked-after (broad) | 1 | 0 | - | 0.00 | - | 0.00 |"
    assert lines[4] == "| practice (broad) | 0 | 1 | 0.00 | - | - | - |"
