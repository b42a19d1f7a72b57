"""A paragraph -> its sentences, as character offsets into the document text.

spaCy's rule-based sentencizer on a blank English tokenizer: the tokenizer keeps "e.g.", "i.e."
and "Dr." whole, and "No." before a number ("The No. 11 service") ends nothing, so only a real
full stop, question or exclamation mark ends a sentence. A stop inside brackets or quotes ("(see
paragraph 3.)") does not cut the text there, nor does one inside a quotation that closes later in the
paragraph (a young person's words, "'They ask us, we tell them, they don't listen. So, what is the
point?'", are one point). A quotation mark that opens a sentence starts it, a bracketed marker after
a stop ends the sentence it follows ("... a concern. (Recommendation) Older ..."), and a piece too
short to say anything ("2.", "(Recommendation 1)") stays with the sentence before it.
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language

# A sentence of fewer words than this is a fragment of its neighbour, not a claim of its own.
MIN_WORDS = 3
_OPENERS = "([{\"'"
_CLOSERS = ")]}\"'"
# A quotation mark that opens (after a space or bracket, before a word) or closes (after a word or
# stop, before a space, stop or the end): an apostrophe inside a word ("don't") is neither.
_QUOTE_OPENS = re.compile(r"(?:^|(?<=[\s(\[]))['\u2018\u201c\"](?=\w)")
_QUOTE_CLOSES = re.compile(r"(?<=[\w.,!?;:])['\u2019\u201d\"](?=[\s.,;:!?)\]]|$)")
# "No." that abbreviates "number", which spaCy's tokenizer splits like any word and full stop.
_NUMBER_SIGN = re.compile(r"\bN[Oo]\.\s+$")
# A bracketed marker after a stop ("... a concern. (Recommendation) Older care leavers ..."): spaCy
# starts the next sentence inside the brackets, where no cut is made, so the cut goes after them.
_MARKER_THEN_SENTENCE = re.compile(r"[.!?]\s*\([^()]{1,40}\)\s+(?=[A-Z])")


@cache
def sentencizer() -> Language:
    """spaCy's rule-based sentencizer on a blank English tokenizer, built once."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _cuts(text: str) -> list[int]:
    """Offsets where spaCy starts a sentence, except inside brackets."""
    doc = sentencizer()(text)
    cuts = []
    for sent in doc.sents:
        if sent.start == 0:
            continue
        cut = sent.start_char
        # spaCy's sentencizer keeps the punctuation after a stop on the sentence it ends, the mark
        # that opens the next sentence's quotation too ("... the team. 'Prospective adopters' ...").
        if _QUOTE_OPENS.match(text, cut - 1):
            cut -= 1
        before = text[:cut]
        if before.count("(") > before.count(")") or _inside_quotation(before, text[cut:]):
            continue
        if _NUMBER_SIGN.search(before) and text[cut : cut + 1].isdigit():
            continue
        cuts.append(cut)
    return sorted({*cuts, *(m.end() for m in _MARKER_THEN_SENTENCE.finditer(text))})


def _inside_quotation(before: str, after: str) -> bool:
    """Whether a cut falls inside a quotation: one opened before it and not closed, that closes after it
    (a quotation whose close the text lost ends nothing)."""
    marks = sorted(
        [(m.start(), True) for m in _QUOTE_OPENS.finditer(before)]
        + [(m.start(), False) for m in _QUOTE_CLOSES.finditer(before)]
    )
    return bool(marks) and marks[-1][1] and _QUOTE_CLOSES.search(after) is not None


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, shifted by `offset`, without surrounding spaces."""
    bounds = [0, *_cuts(text), len(text)]
    spans: list[tuple[int, int]] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        short = len(text[start:end].split()) < MIN_WORDS
        closer = text[start] in _CLOSERS and not _QUOTE_OPENS.match(text, start)
        if spans and (short or closer or text[start].islower()):
            spans[-1] = (spans[-1][0], end)  # a fragment, or a sentence cut mid-way, joins the one before
        elif spans and len(text[spans[-1][0] : spans[-1][1]].split()) < MIN_WORDS:
            spans[-1] = (spans[-1][0], end)  # a short opener ("Overall.") joins the sentence after
        else:
            spans.append((start, end))
    return [(start + offset, end + offset) for start, end in spans]
