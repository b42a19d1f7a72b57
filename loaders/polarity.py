"""Polarity of a report paragraph that its section does not decide: strength, development or mixed."""

from __future__ import annotations

import re

_POSITIVE = re.compile(
    r"\b(good|strong(?:ly)?|effective(?:ly)?|well|robust(?:ly)?|improv(?:ed|ing)|timely|appropriate(?:ly)?|"
    r"thorough(?:ly)?|clear(?:ly)?|outstanding|excellent|exceptional|positive(?:ly)?|benefit(?:s|ing)?|"
    r"consistent(?:ly)?|impressive|successful(?:ly)?|committed|skilled|prompt(?:ly)?|comprehensive|"
    r"sensitive(?:ly)?|supportive|helpful|ambitious|progress)\b",
    re.I,
)
_NEGATIVE = re.compile(
    r"\b(not|too|weak(?:ness|nesses)?|poor(?:ly)?|inconsistent(?:ly)?|variable|lack(?:s|ing)?|delays?|"
    r"delayed|drift|insufficient(?:ly)?|limited|fail(?:s|ed|ing|ure)?|gaps?|inadequate|concerns?|slow|"
    r"unclear|needs? to|requires?|do(?:es)? not|no longer|shortfalls?|deficits?|uneven|never)\b",
    re.I,
)
_CONTRAST = re.compile(r"\b(however|although|but|while|despite|yet)\b", re.I)


def paragraph_polarity(text: str) -> str:
    positive = len(_POSITIVE.findall(text))
    negative = len(_NEGATIVE.findall(text))
    if negative == 0:
        return "strength"
    if positive == 0:
        return "development"
    if negative >= 2 * positive:
        return "development"
    if positive >= 2 * negative and not _CONTRAST.search(text):
        return "strength"
    return "mixed"
