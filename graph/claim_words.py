"""What a word search of claims matches, one definition for both stores' full-text indexes.

A search text is a phrase of words: runs of letters and digits, case-insensitive, in the given
order, separated in the claim by anything that is not a letter or digit ("children's services"
is the words children, s, services; "section 47" finds "Section 47 enquiries" but not "section
470"). Each store's index answers it exactly or finds a superset that the store then narrows with
`pattern`, so both stores give the same claims.
"""

from __future__ import annotations

import re
from itertools import groupby

# Letters and digits in Python's sense (str.isalnum), as the Cypher pattern's \p{L}\p{N}.
_WORD = re.compile(r"[^\W_]+")
_SEPARATOR = r"[^\p{L}\p{N}]"


def words(text: str) -> list[str]:
    """The search words of a text, lower-cased."""
    return _WORD.findall(text.lower())


def normalized(text: str) -> str:
    """The claim's words separated by single spaces: what an index whose tokens are runs of letters
    and digits reads, so that its phrase match is exactly this module's."""
    return " ".join(words(text))


def pattern(search: list[str]) -> str:
    """A regular expression (Java's and RE2's syntax alike) that the lower-cased text of a claim
    matches as a whole exactly when the claim contains the words as a phrase."""
    phrase = f"{_SEPARATOR}+".join(search)
    return f"(?s).*(^|{_SEPARATOR}){phrase}({_SEPARATOR}|$).*"


def letter_phrase(search: list[str]) -> list[str]:
    """The runs of letters of the words, in order: the tokens of an index that splits text at every
    character that is not a letter (Lucene's simple analyzer). A claim containing the words contains
    these as a phrase, so that index's answer holds every match; `pattern` removes the others."""
    return ["".join(run) for word in search for letter, run in groupby(word, str.isalpha) if letter]
