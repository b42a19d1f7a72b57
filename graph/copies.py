"""Several documents of one inspection: which copy is canonical, and where a claim stands in another.

Copies of a report differ in ways that do not change what it says: encoding, line wrapping, the
tool that made the text, ligatures, quote marks, hyphens at line ends. A claim is found in a copy by
its letters and digits alone, lower-cased, so none of those differences count; the offsets found are
offsets into that copy's own cleaned text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

# A published PDF is the report as the inspectorate issued it; HTML comes next; text (a seed, or
# another tool's export of the PDF) last.
FORMAT_ORDER = {"pdf": 0, "html": 1, "txt": 2}


def copy_rank(format: str | None, loaded_at: Any, sha256: str) -> tuple[Any, ...]:
    """The sort key of the canonical-copy rule: by format, then the earliest loaded (a copy loaded
    later does not move the quotes already cited), then the lowest SHA-256. `loaded_at` is a
    datetime, or a driver's date-time value."""
    native = loaded_at.to_native() if hasattr(loaded_at, "to_native") else loaded_at
    if isinstance(native, datetime):
        # LadybugDB gives back UTC without a zone.
        when = (native if native.tzinfo else native.replace(tzinfo=timezone.utc)).timestamp()
    else:
        when = float("inf")
    return (FORMAT_ORDER.get(format or "", len(FORMAT_ORDER)), when, sha256)


@dataclass(frozen=True)
class Folded:
    """A text's letters and digits, lower-cased, each with the offset of its character in the text."""

    letters: str
    offsets: tuple[int, ...]


def fold(text: str) -> Folded:
    letters: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        # NFKC first, so that a ligature ("ﬁ") or a full-width digit reads as its plain letters.
        for folded in unicodedata.normalize("NFKC", char).lower():
            if folded.isalnum():
                letters.append(folded)
                offsets.append(i)
    return Folded("".join(letters), tuple(offsets))


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def locate(needles: Sequence[str], folded: Folded) -> list[Span | None]:
    """Where each text of `needles` stands in the folded text (None where it does not), in order,
    as offsets into the text that was folded.

    Each is looked for after the one before it first, so a sentence a report says twice is found
    at its own place; then anywhere.
    """
    found: list[Span | None] = []
    after = 0
    for needle in needles:
        letters = fold(needle).letters
        if not letters:
            found.append(None)
            continue
        at = folded.letters.find(letters, after)
        if at < 0:
            at = folded.letters.find(letters)
        if at < 0:
            found.append(None)
            continue
        end = at + len(letters)
        found.append(Span(folded.offsets[at], folded.offsets[end - 1] + 1))
        after = end
    return found
