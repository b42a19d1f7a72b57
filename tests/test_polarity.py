"""Polarity: the shipped classifier with its tone model, and the grades the tone model learns from."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from loaders.judgements import Judgement
from loaders.polarity import MODEL_DIR, TONE_COMPONENT, TONE_LOW, classify, decide, polarities
from training.polarity import TONE_WEIGHTS
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


def _doc(text: str, **cats: float) -> spacy.tokens.Doc:
    doc = spacy.blank("en")(text)
    doc.cats = {"strength": 0.0, "weakness": 0.0, "mixed": 0.0, "recommendation": 0.0, "context": 0.0, **cats}
    return doc


def test_the_tone_moves_probability_from_strength_to_weakness_by_its_weight() -> None:
    doc = _doc("Some plans lack detail.", strength=0.6, weakness=0.3, context=0.1, low=0.9, high=0.1)
    assert decide(doc, 0.0) == ("strength", 0.6)
    assert decide(doc, 1.0) == ("weakness", 0.7)  # 0.4 moved
    praised = _doc("Plans are detailed.", strength=0.45, weakness=0.4, context=0.15, low=0.1, high=0.9)
    assert decide(praised, 1.0) == ("strength", 0.85)


def test_only_a_sentence_that_directs_is_a_recommendation() -> None:
    cats = {"recommendation": 0.7, "weakness": 0.3, "low": 0.5, "high": 0.5}
    assert decide(_doc("Plans for children are reviewed.", **cats), 1.0)[0] == "weakness"
    assert decide(_doc("Plans for children should be reviewed.", **cats), 1.0)[0] == "recommendation"


def test_the_shipped_pipeline_holds_the_tone_model_and_its_chosen_weight() -> None:
    nlp = spacy.load(MODEL_DIR)
    assert TONE_COMPONENT in nlp.pipe_names
    assert float(nlp.meta["ikg_tone_weight"]) in TONE_WEIGHTS
    assert TONE_LOW in nlp("Assessments are too slow.").cats


def test_the_shipped_model_reads_plain_praise_and_criticism() -> None:
    found = classify(
        [
            "Children wait too long for their assessments, and too many plans are not reviewed.",
            "Social workers know their children well and visit them regularly.",
        ]
    )
    assert [label for label, _ in found] == ["weakness", "strength"]


@Language.component("test_keyword_polarity")
def _keyword_polarity(doc: Doc) -> Doc:
    """A weakness where a shortfall word is, else a strength: a model whose answers the test knows."""
    short = any(word in doc.text for word in ("vague", "late", "wait"))
    doc.cats = {"strength": 0.2 if short else 0.7, "weakness": 0.7 if short else 0.2, "mixed": 0.1}
    doc.cats |= {"recommendation": 0.0, "context": 0.0}
    return doc


def test_a_strength_and_a_weakness_joined_by_a_contrast_are_mixed() -> None:
    model = spacy.blank("en")
    model.add_pipe("test_keyword_polarity")
    texts = [
        "Most plans are clear and detailed, but some are too vague to guide the work.",
        "Reviews happen regularly, although some children wait for them.",
        "Although leaders have plans, children still wait too long.",  # opens with its concession
        "Plans are late for some children, but visits are late too.",  # a weakness both sides
        "Clear plans, but late.",  # a side too short to be a clause
        "Plans are clear and detailed, and visits to children are regular.",
    ]
    found = [label for label, _ in polarities(model, texts, 0.0)]
    assert found == ["mixed", "mixed", "weakness", "weakness", "weakness", "strength"]
    assert polarities(model, texts[:1], 0.0)[0][1] == 0.7  # the less sure side's score
