"""A quoted claim is found in its document as the loader reads it, with its paragraph around it, so
that training and the accuracy scripts tag it as the loader does."""

from __future__ import annotations

from loaders.claim_context import claim_contexts
from loaders.extract import read_claims
from loaders.themes import tag_findings
from training.label_context import QuotedClaim, document_path, flattened, quoted_claims, tag_quoted

FILE = "bolton-2021-08-09-focused-visit.pdf"
QUOTE = (
    "When this has not been possible, a tracker has supported social workers to plan for and maintain "
    "regular contact with children and their families."
)


def test_a_quote_is_found_in_its_paragraph() -> None:
    found, unknown = quoted_claims([(FILE, QUOTE), (FILE, "Words  no claim has.")])
    text, claims, _ = read_claims(document_path(FILE).read_bytes(), FILE)
    words = [" ".join(text[c.start : c.end].split()) for c in claims]
    n = words.index(QUOTE)
    paragraph = [m for m, c in enumerate(claims) if c.paragraph_ordinal == claims[n].paragraph_ordinal]
    assert len(paragraph) > 1  # a quote with neighbours, so the test says something of them
    assert found.texts == tuple(words[m] for m in paragraph) and found.texts[found.index] == QUOTE
    assert found.contexts == tuple(claim_contexts(text, claims)[m] for m in paragraph)
    assert unknown == QuotedClaim(("Words no claim has.",), ("",), 0)


def test_quoted_claims_are_tagged_in_their_paragraphs() -> None:
    claims = [QuotedClaim(("a", "b", "c"), ("", "", ""), 2), QuotedClaim(("d",), ("x",), 0)]
    assert flattened(claims) == (["a", "b", "c", "d"], ["", "", "", "x"], [0, 0, 0, 1], [2, 3])
    [found] = quoted_claims([(FILE, QUOTE)])
    in_paragraph = tag_findings(found.texts, found.contexts, [0] * len(found.texts))
    assert tag_quoted([found]) == [in_paragraph[found.index]]
