"""A claim's context: the heading it sits under, or what a focused visit looked at."""

from __future__ import annotations

from loaders.claim_context import context_words, visit_focus, with_context

OPENING = (
    "This letter summarises the findings of a focused visit to Swindon children's services on 6 and 7 "
    "February 2019.\nThe inspectors were Diane Partridge and Marcie Taylor. Inspectors looked at the local\n"
    "authority's arrangements for supporting care leavers. They considered the quality of pathway plans."
)


def test_a_letter_says_what_its_visit_looked_at() -> None:
    assert visit_focus(OPENING) == (
        "Inspectors looked at the local authority's arrangements for supporting care leavers."
    )
    sentence = "The inspectors focused on the local authority's arrangements for the front door."
    assert visit_focus(f"Some words first. {sentence} Then more.") == sentence
    assert visit_focus("This letter summarises the findings of a focused visit.") == ""


def test_a_named_heading_is_the_context_and_a_generic_one_defers_to_the_focus() -> None:
    focus = visit_focus(OPENING)
    assert context_words("Adoption performance", focus) == "ctxadoption ctxperformance"
    assert context_words("Findings", focus) == "ctxsupporting ctxcare ctxleavers"
    assert context_words("Findings", "") == ""
    assert context_words("", focus) == "ctxsupporting ctxcare ctxleavers"


def test_the_classifier_reads_the_words_then_the_markers() -> None:
    assert with_context("Plans are clear.", "ctxadoption") == "Plans are clear. ctxadoption"
    assert with_context("Plans are clear.", "") == "Plans are clear."
