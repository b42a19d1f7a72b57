"""Polarity: the shipped classifiers with their reader in context, what the reader weighs, and the
grades the tone model learns from."""

from __future__ import annotations

import math

import pytest
import spacy
from spacy.language import Language

from loaders.judgements import Judgement
from loaders.negation import marked
from loaders.polarity import (
    MODEL_DIR,
    POLARITIES,
    READER_META,
    TONE_COMPONENT,
    TONE_LOW,
    _clauses,
    checked_input,
    classify,
    decide,
)
from loaders.polarity_features import CATS, FEATURES, WORD_CLASSES, claim_features
from training.section_grades import section_grade, tone

_ILACS = [
    Judgement("Overall effectiveness", "Inadequate", 4),
    Judgement("The impact of leaders on social work practice with children and families", "Inadequate", 4),
    Judgement("The experiences and progress of children who need help and protection", "Good", 2),
    Judgement("The experiences and progress of children in care", "Requires improvement to be good", 3),
    Judgement("The experiences and progress of care leavers", "Outstanding", 1),
]
_SIF = [
    Judgement("Children looked after and achieving permanence", "Good", 2),
    Judgement("Adoption performance", "Outstanding", 1),
    Judgement("Local Safeguarding Children Board", "Inadequate", 4),
]


def test_a_section_takes_the_grade_of_the_area_it_is_about() -> None:
    assert section_grade("The experiences and progress of children who need help and protection", _ILACS) == 2
    assert section_grade("The experiences and progress of children in care", _ILACS) == 3
    assert section_grade("The experiences and progress of care leavers", _ILACS) == 1
    leaders = "The impact of leaders on social work practice with children and families"
    assert section_grade(leaders, _ILACS) == 4
    heading = "The experiences and progress of children looked after and achieving permanence"
    assert section_grade(heading, _SIF) == 2
    assert section_grade("Inspection findings – the Local Safeguarding Children Board", _SIF) == 4
    assert section_grade("Adoption performance", _SIF) == 1


def test_a_section_about_no_graded_area_has_no_grade() -> None:
    assert section_grade("Summary of key findings", _ILACS) is None  # not the overall grade either
    assert section_grade("Findings", _ILACS) is None
    assert section_grade("The experiences and progress of care leavers", []) is None
    assert (tone(4), tone(3), tone(2), tone(1)) == ("low", "low", "high", "high")


_ANSWER = dict.fromkeys(CATS, 0.0)
_WORDS = [dict.fromkeys(WORD_CLASSES, 0.2)]  # the second classifier's answers for one claim


def _answer(**cats: float) -> dict[str, float]:
    return _ANSWER | cats


def test_a_claim_is_read_beside_its_neighbours_in_its_paragraph_only() -> None:
    cats = [_answer(strength=0.9), _answer(weakness=0.8), _answer(context=0.7), _answer(mixed=0.6)]
    texts = ["Plans are clear.", "However, some are late.", "There are 40 plans.", "Reviews are mixed."]
    words = [dict.fromkeys(WORD_CLASSES, 0.1 * n) for n in range(1, 5)]
    rows = [
        dict(zip(FEATURES, row, strict=True)) for row in claim_features(cats, {}, [1, 1, 1, 2], texts, words)
    ]
    assert rows[1]["previous_strength"] == 0.9 and rows[1]["next_context"] == 0.7
    got = (rows[1]["words_mixed"], rows[1]["previous_words_mixed"], rows[1]["next_words_mixed"])
    assert got == pytest.approx((0.2, 0.1, 0.3))
    assert rows[2]["next_words_log_weakness"] == math.log(1e-4)  # the second classifier's too: not across
    assert rows[0]["previous_strength"] == 0.0 and rows[0]["first_in_paragraph"] == 1.0
    assert (
        rows[2]["next_mixed"] == 0.0 and rows[2]["last_in_paragraph"] == 1.0
    )  # the next is another paragraph's
    assert rows[3]["previous_context"] == 0.0
    assert rows[1]["opens_with_contrast"] == 1.0 and rows[2]["has_digit"] == 1.0


def test_the_two_sides_of_a_contrast_are_read_apart() -> None:
    text = "Most plans are clear and detailed, but some are too vague to guide the work."
    sides = {0: (_answer(strength=0.9), _answer(weakness=0.8))}
    row = dict(
        zip(FEATURES, claim_features([_answer(strength=0.5)], sides, [1], [text], _WORDS)[0], strict=True)
    )
    assert (row["contrast"], row["before_contrast_strength"], row["after_contrast_weakness"]) == (
        1.0,
        0.9,
        0.8,
    )
    assert row["contrast_sides_differ"] == pytest.approx(1.7)
    assert _clauses(text) == ("Most plans are clear and detailed", "some are too vague to guide the work.")
    assert _clauses("Although leaders have plans, children still wait too long.") is None  # opens with it
    assert _clauses("Clear plans, but late.") is None  # a side too short to be a clause


def _reader_model(classes: list[str], intercept: list[float]) -> Language:
    model = spacy.blank("en")
    model.meta[READER_META] = {
        "features": list(FEATURES),
        "classes": classes,
        "coef": [[0.0] * len(FEATURES) for _ in classes],
        "intercept": intercept,
    }
    return model


def test_only_a_sentence_that_directs_is_a_recommendation() -> None:
    model = _reader_model(["recommendation", "weakness"], [2.0, 1.0])
    rows = [[0.0] * len(FEATURES)] * 2
    found = decide(
        rows, ["Plans for children are reviewed.", "Plans for children should be reviewed."], model
    )
    assert [label for label, _ in found] == ["weakness", "recommendation"]
    assert found[1][1] == round(math.exp(2) / (math.exp(2) + math.exp(1)), 3)  # the reader's probability


def test_a_reader_trained_on_other_features_is_refused() -> None:
    model = _reader_model(["strength"], [0.0])
    model.meta[READER_META]["features"] = ["own_strength"]
    with pytest.raises(ValueError, match="retrain"):
        decide([[0.0]], ["Plans are clear."], model)


def test_the_words_a_negation_governs_are_marked_up_to_a_stop() -> None:
    assert marked("Referrals are not triaged well, but most are seen quickly.") == (
        "Referrals are not NEG_triaged NEG_well , but most are seen quickly ."
    )
    assert marked("Leaders don't know; plans lack detail and drift.") == (
        "Leaders don't NEG_know ; plans lack NEG_detail and drift ."
    )
    assert marked("Social workers know their children well.") == "Social workers know their children well ."


def test_a_model_trained_on_other_input_is_refused() -> None:
    with pytest.raises(ValueError, match="retrain"):
        checked_input(spacy.blank("en"))


def test_the_shipped_pipeline_holds_the_tone_model_and_its_reader() -> None:
    nlp = spacy.load(MODEL_DIR)
    assert TONE_COMPONENT in nlp.pipe_names
    assert TONE_LOW in nlp("Assessments are too slow.").cats
    reader = nlp.meta[READER_META]
    assert reader["features"] == list(FEATURES) and set(reader["classes"]) <= set(POLARITIES)


def test_the_shipped_model_reads_plain_praise_and_criticism() -> None:
    found = classify(
        [
            "Children wait too long for their assessments, and too many plans are not reviewed.",
            "Social workers know their children well and visit them regularly.",
        ]
    )
    assert [label for label, _ in found] == ["weakness", "strength"]


def test_the_shipped_model_reads_a_contrast_and_a_paragraph() -> None:
    both = "Most plans are clear and detailed, but some are too vague to guide the work."
    assert classify([both])[0][0] == "mixed"
    paragraph = [
        "Leaders have a clear plan for improvement.",
        "However, this is not yet consistent across teams.",
    ]
    assert [label for label, _ in classify(paragraph, [1, 1])] == ["strength", "weakness"]
