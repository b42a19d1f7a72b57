"""Hyphens that pdftotext took out of compounds broken at a line's end.

pdftotext joins a word hyphenated at the end of a line with the next line's first word and drops the
hyphen ("care-" / "experienced" -> "careexperienced", "out-" / "of-hours" -> "outof-hours"), which is
right for a word split into syllables and wrong for the compounds reports are full of. The text then
differs from its PDF's, and the theme cues and claim similarity no longer find "care-experienced". A
fixed table (`data/hyphenated.tsv`, made by `python -m training.hyphenated_words` from the PDF
readings of the shared corpus) lists each compound the reports write with a hyphen, under every form
with one hyphen taken out, when that form is not an English word and the reports seldom write it:
such a form is a join ("multiagency"), not a word ("wellbeing" is as common as "well-being", so
"well-being" broken at its hyphen stays "wellbeing").
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "hyphenated.tsv"
WORD = re.compile(r"\b[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\b")  # a word, hyphenated or not


@cache
def _table() -> dict[str, int]:
    """Lower-case joined form -> where its hyphen goes back."""
    found = {}
    with TABLE.open(encoding="utf-8") as handle:
        for line in handle:
            joined, position = line.rstrip("\n").split("\t")
            found[joined] = int(position)
    return found


def joined_forms(compound: str) -> list[tuple[str, int]]:
    """Each form of a hyphenated compound with one of its hyphens taken out, with the hyphen's place."""
    return [(compound[:at] + compound[at + 1 :], at) for at, char in enumerate(compound) if char == "-"]


def restore_hyphens(text: str) -> str:
    """The text with the hyphen put back into every joined form the table knows, its case kept."""
    table = _table()

    def restore(match: re.Match[str]) -> str:
        word = match.group(0)
        at = table.get(word.lower())
        return word if at is None else word[:at] + "-" + word[at:]

    return WORD.sub(restore, text)
