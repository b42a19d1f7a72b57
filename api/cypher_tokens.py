"""Cypher text as tokens, in one pass that knows strings, backtick names and comments.

Everything that decides what a user's query is starts from these tokens, never from a regular
expression over the raw text: a `//` inside a string, or a quote inside a comment, is then what it
is and cannot hide the rest of the query.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class CypherRefused(ValueError):
    """A query the read-only endpoint does not run; the message says why."""


class Kind(Enum):
    NAME = "name"  # an unquoted word: keyword, variable, label, property or function name
    QUOTED = "quoted"  # a `backtick` name: always a name, never a keyword
    STRING = "string"
    NUMBER = "number"
    PARAMETER = "parameter"  # $name or $0
    SYMBOL = "symbol"  # punctuation and operators


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str  # a string's or quoted name's value without its quotes; else the text as written
    start: int  # offset in the query

    def word(self) -> str:
        """The upper-cased text of an unquoted word, '' for any other token."""
        return self.text.upper() if self.kind is Kind.NAME else ""


# Longest first, so `<=` is one token, not `<` then `=`.
_SYMBOLS = sorted(
    ["<>", "<=", ">=", "=~", "+=", "->", "<-", "..", "::", "!=", "||", "=", "<", ">", "+", "-", "*",
     "/", "%", "^", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", ";", "$", "?", "!", "&"],
    key=len,
    reverse=True,
)  # fmt: skip
_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME_CHARS = _NAME_START | frozenset("0123456789")
_DIGITS = frozenset("0123456789")
_SPACE = frozenset(" \t\r\n\f\v")


def _unterminated(what: str, start: int) -> CypherRefused:
    return CypherRefused(f"the {what} at offset {start} is not closed")


def tokenize(text: str) -> list[Token]:
    """The tokens of `text`, comments and white space dropped; CypherRefused for text no Cypher
    parser reads the same way: unclosed strings, names or comments, and letters outside ASCII
    except inside strings and backtick names (look-alike letters are a way to hide keywords)."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in _SPACE:
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise _unterminated("comment", i)
            i = end + 2
        elif char in "'\"":
            start = i
            value, i = _string(text, i)
            tokens.append(Token(Kind.STRING, value, start))
        elif char == "`":
            start = i
            parts = []
            while True:
                end = text.find("`", i + 1)
                if end < 0:
                    raise _unterminated("backtick name", start)
                parts.append(text[i + 1 : end])
                i = end + 1
                if not text.startswith("`", i):  # a doubled backtick is a backtick in the name
                    break
                parts.append("`")
            tokens.append(Token(Kind.QUOTED, "".join(parts), start))
        elif char in _NAME_START:
            start = i
            while i < n and text[i] in _NAME_CHARS:
                i += 1
            tokens.append(Token(Kind.NAME, text[start:i], start))
        elif char in _DIGITS:
            start = i
            i = _number_end(text, i)
            tokens.append(Token(Kind.NUMBER, text[start:i], start))
        elif char == "$":
            start = i
            i += 1
            if i < n and text[i] == "`":
                raise CypherRefused(f"the parameter at offset {start} has a backtick name: use $name")
            while i < n and text[i] in _NAME_CHARS:
                i += 1
            if i == start + 1:
                raise CypherRefused(f"a `$` at offset {start} names no parameter")
            tokens.append(Token(Kind.PARAMETER, text[start + 1 : i], start))
        else:
            symbol = next((s for s in _SYMBOLS if text.startswith(s, i)), None)
            if symbol is None:
                shown = repr(char)[1:-1]
                raise CypherRefused(
                    f"the character {shown!r} (U+{ord(char):04X}) at offset {i} is not allowed outside a "
                    "string or a `backtick` name"
                )
            tokens.append(Token(Kind.SYMBOL, symbol, i))
            i += len(symbol)
    return tokens


def _string(text: str, start: int) -> tuple[str, int]:
    """The value of the string literal opening at `start`, and the offset after it."""
    quote = text[start]
    i = start + 1
    out = []
    while True:
        if i >= len(text):
            raise _unterminated("string", start)
        char = text[i]
        if char == "\\":
            if i + 1 >= len(text):
                raise _unterminated("string", start)
            out.append(text[i : i + 2])
            i += 2
        elif char == quote:
            return "".join(out), i + 1
        else:
            out.append(char)
            i += 1


def _number_end(text: str, i: int) -> int:
    n = len(text)
    if text.startswith(("0x", "0X", "0o", "0O"), i):
        i += 2
    while i < n and (text[i] in _NAME_CHARS):
        i += 1
    # a decimal point followed by a digit, not the `..` of a range
    if i + 1 < n and text[i] == "." and text[i + 1] in _DIGITS:
        i += 1
        while i < n and text[i] in _NAME_CHARS:
            i += 1
    if i < n and text[i - 1] in "eE" and text[i] in "+-":  # 1e-5
        i += 1
        while i < n and text[i] in _DIGITS:
            i += 1
    return i
