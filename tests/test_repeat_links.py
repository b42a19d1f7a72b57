"""The pieces of REPEATS and REFERS_TO: what a claim says about an earlier event, which loaded event
that is, how alike two claims are, and thresholds that are the ones the labelled pairs choose."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from accuracy.repeats import (
    Outcome,
    bootstrap_difference,
    choose,
    chosen_rule,
    explicit_links,
    lemma_overlap,
    out_of_fold,
    scored_pairs,
    train_split,
)
from graph.repeat_links import (
    EXPLICIT_FLOOR,
    METHOD_EXPLICIT,
    METHOD_SIMILARITY,
    POLARITY_CONFIDENCE,
    SIMILARITY_THRESHOLD,
    Claim,
    Event,
    authority_references,
    authority_repeats,
    resolve_event,
)
from loaders import framework as fw
from loaders.claim_similarity import cosine, vector
from loaders.lemmas import content_lemmas
from loaders.repeats import EarlierEvent, earlier_event


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This was an area for improvement at the last inspection.", EarlierEvent("inspection")),
        ("identified at the previous child protection inspection in 2014", EarlierEvent("inspection", 2014)),
        ("since the last focused visit in December 2019", EarlierEvent("focused-visit", 2019, 12)),
        ("as the ILACS inspection in 2019 found", EarlierEvent("inspection", 2019)),
        ("raised at the last unannounced inspection", EarlierEvent("unannounced-inspection")),
        ("Successive monitoring visits and the previous monitoring visit", EarlierEvent("monitoring-visit")),
        ("at the last Ofsted inspection in March 2012", EarlierEvent("inspection", 2012, 3)),
        # The weeks before this inspection, and an inspection named without being earlier, are not.
        ("Prior to the inspection, leaders commissioned an audit.", None),
        ("During this inspection, inspectors saw drift.", None),
    ],
)
def test_the_earlier_event_a_claim_names(text: str, expected: EarlierEvent | None) -> None:
    assert earlier_event(text) == expected


def _claim(
    id_: str,
    event: str,
    text: str,
    polarity: str = "weakness",
    polarity_score: float = 0.99,
    themes: frozenset[str] = frozenset({"supervision"}),
    **fields: Any,
) -> Claim:
    return Claim(id_, event, polarity, polarity_score, "model", content_lemmas([text])[0], themes, **fields)


EVENTS = [
    Event("sif-2014", "X", fw.SIF, date(2014, 3, 1)),
    Event("visit-2018", "X", fw.ILACS_FOCUSED_VISIT, date(2018, 12, 3)),
    Event("ilacs-2019", "X", fw.ILACS_STANDARD, date(2019, 6, 10)),
    Event("visit-2021", "X", fw.ILACS_FOCUSED_VISIT, date(2021, 2, 1)),
    Event("ilacs-2023", "X", fw.ILACS_SHORT, date(2023, 5, 2)),
]


@pytest.mark.parametrize(
    ("kind", "stated_date", "expected"),
    [
        ("inspection", None, "ilacs-2019"),  # the nearest earlier full inspection, past the visit
        ("focused-visit", None, "visit-2021"),
        ("inspection", "2014", "sif-2014"),
        ("focused-visit", "2018-12", "visit-2018"),
        ("focused-visit", "2018-11", "visit-2018"),  # a month off: the year decides
        ("inspection", "2016", None),  # not loaded: the reference is kept, nothing resolves
        ("monitoring-visit", None, None),
    ],
)
def test_a_named_event_resolves_by_date_then_kind(
    kind: str, stated_date: str | None, expected: str | None
) -> None:
    claim = _claim("c", "ilacs-2023", "text", refers_to_kind=kind, refers_to_date=stated_date)
    found = resolve_event(claim, EVENTS[:-1])
    assert (found.id if found else None) == expected


def test_repeats_search_every_earlier_event_and_record_the_gap() -> None:
    supervision = "Supervision of social workers is infrequent and does not reflect on children's progress."
    claims = {
        "sif-2014": [_claim("a", "sif-2014", supervision)],
        "visit-2018": [_claim("b", "visit-2018", "Return home interviews are not offered to children.")],
        "ilacs-2019": [
            _claim("c", "ilacs-2019", "Care leavers lack suitable accommodation.", themes=frozenset())
        ],
        "ilacs-2023": [
            _claim(
                "d",
                "ilacs-2023",
                "Supervision of social workers remains infrequent and does not reflect on progress.",
            ),
            # a weakness the classifier is unsure of: a repeat unless the polarity condition asks more
            _claim("e", "ilacs-2023", supervision, polarity_score=0.6),
            _claim("f", "ilacs-2023", supervision, polarity="strength"),
        ],
    }
    repeats = authority_repeats(["ilacs-2023"], EVENTS, claims, confidence=0.65)
    assert [(r.later, r.earlier, r.method, r.gap_inspections, r.gap_years) for r in repeats] == [
        ("d", "a", METHOD_SIMILARITY, 4, 9.2)
    ]
    repeats = authority_repeats(["ilacs-2023"], EVENTS, claims, confidence=0.0)
    assert [(r.later, r.earlier) for r in repeats] == [("d", "a"), ("e", "a")]
    assert repeats[0].similarity >= SIMILARITY_THRESHOLD


def test_an_explicit_reference_links_through_the_sentence_before_it() -> None:
    claims = {
        "ilacs-2019": [
            _claim(
                "a", "ilacs-2019", "Pathway plans for care leavers are not updated when circumstances change."
            ),
            _claim("b", "ilacs-2019", "Supervision is infrequent."),
        ],
        "ilacs-2023": [
            _claim(
                "c",
                "ilacs-2023",
                "This was an area for improvement at the last inspection.",
                themes=frozenset(),
                refers_to_kind="inspection",
                stated=True,
                context=content_lemmas(["Pathway plans are still not updated when circumstances change."])[0],
            ),
        ],
    }
    repeats = authority_repeats(["ilacs-2023"], EVENTS, claims)
    assert [(r.later, r.earlier, r.method) for r in repeats] == [("c", "a", METHOD_EXPLICIT)]
    assert authority_references(["ilacs-2023"], EVENTS, claims) == [("c", "ilacs-2019")]


def test_similarity_weighs_rare_words() -> None:
    texts = [
        "Private fostering arrangements are not assessed in time.",
        "Assessments of private fostering arrangements are not timely.",
        "Assessments of children in need are not timely.",
    ]
    a, b, c = (vector(lemmas) for lemmas in content_lemmas(texts))
    assert cosine(a, a) == pytest.approx(1.0)
    assert cosine(a, b) > cosine(b, c) > 0


def test_shipped_thresholds_are_the_ones_the_train_labels_choose() -> None:
    """`python -m accuracy.repeats` reports them; the held-out pairs play no part in the choice."""
    assert chosen_rule(train_split(scored_pairs())) == (SIMILARITY_THRESHOLD, POLARITY_CONFIDENCE)
    assert choose(train_split(explicit_links()))[0] == EXPLICIT_FLOOR


def test_the_bootstrap_interval_tells_a_sure_gain_from_a_tie() -> None:
    # 20 authorities, each with one repeat and one pair that is not: the first rule links both, the
    # second only the repeat; then a second rule that differs from the first on one authority only.
    first = [Outcome(f"a{n}", True, repeat) for n in range(20) for repeat in (True, False)]
    better = [Outcome(o.authority, o.repeat, o.repeat) for o in first]
    difference, low, high = bootstrap_difference(first, better, draws=200)
    assert 0 < low <= difference <= high
    barely = [Outcome(o.authority, o.repeat if o.authority == "a0" else True, o.repeat) for o in first]
    difference, low, high = bootstrap_difference(first, barely, draws=200)
    assert low <= 0 < difference


def test_the_links_keep_tfidf_unless_the_lemma_overlap_is_surely_better() -> None:
    """The measure the link step uses is the one the train split's pairs choose (accuracy.repeats)."""
    tfidf = out_of_fold(scored_pairs(), (0.0,))
    overlap = out_of_fold(scored_pairs(measure=lemma_overlap), (0.0,))
    assert bootstrap_difference(tfidf, overlap)[1] <= 0
