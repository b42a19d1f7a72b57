"""Raw text -> the cleaned text that findings' offsets point into.

Everything that makes extracted text messy is undone here, before any offset is taken:
character variants (curly quotes, pdfium's line-end hyphen, non-breaking spaces), bullet
glyphs and HTML list fragments, running headers/footers/page numbers/letterheads at page
edges, lines hard-wrapped at the page width, and paragraphs or bullets split by a page
break. The result has one paragraph or bullet per line and blank lines between blocks.
"""

from __future__ import annotations

import re
from collections import Counter

PAGE_BREAK = "\f"
BULLET = "- "

_CHARACTERS = str.maketrans(
    {
        "\ufffe": "-",  # pdfium marks a hyphen that ended a line
        "\u00ad": "",  # soft hyphen
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\r": "",
    }
)
# Bullet glyphs: symbol-font characters (Wingdings and the like map into the private use area),
# squares, dots, arrows.
_GLYPHS = "\ue000-\uf8ff"  # the private use area holds \uf0b7 and its kin
_GLYPHS += "\u25fc\u25aa\u25a0\u25cf\u2022\u2023\u25e6\u2043\u27a2\u25ba\u2219\u25b6\u25a1"
_GLYPH_AT_START = re.compile(rf"^[ \t]*(?:[{_GLYPHS}]|-(?=\s)|o(?=[ \t]+[A-Za-z]))[ \t]*", re.M)
_GLYPH_INSIDE = re.compile(rf"[ \t]*[{_GLYPHS}][ \t]*")
_PARAGRAPH_TAGS = re.compile(r"</p>\s*<p[^>]*>", re.I)
_ITEM_TAG = re.compile(r"<li[^>]*>", re.I)
_ANY_TAG = re.compile(
    r"</?(?:p|ul|ol|li|div|span|br|strong|em|b|i|u|h[1-6]|table|tr|td|th|tbody|thead)\b[^>]*>", re.I
)
_RULE_LINE = re.compile(r"^[ \t]*[-\u2013\u2014_=*~]{2,}[ \t]*$", re.M)
# A line that starts a new item: a bullet, or a numbered paragraph/row.
_ITEM_START = re.compile(r"^(?:- |\d{1,3}(?:\.\d{1,2})?\.?\s*(?=[A-Z(\"'])|\d{1,3}\.\s)")
_TERMINAL = re.compile(r"[.!?:;)\]]['\"]?$|\.\s*\(Recommendations?[^)]*\)$")
_FUNCTION_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "as",
    "into",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "their",
    "its",
    "his",
    "her",
    "our",
    "this",
    "these",
    "those",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "not",
    "than",
    "such",
    "including",
    "about",
    "between",
    "within",
    "where",
    "when",
    "while",
    "although",
    "because",
    "if",
    "so",
    "both",
    "all",
    "any",
    "some",
    "each",
    "more",
    "most",
    "less",
    "very",
    "also",
    "no",
    "nor",
}
# Lines of the inspectorate's letterhead and back cover: contact details at a page edge.
_LETTERHEAD = re.compile(
    r"(ofsted\.gov\.uk|gov\.uk/ofsted|^\s*(T|F|E|W|Direct T|Direct F|Textphone|Tel|Fax)\b[: ]|"
    r"Piccadilly Gate|Store St(reet)?\b|Freshford House|Redcliffe Way|Aviation House|Kingsway|Agora|"
    r"\bM1 2WD\b|\bBS1 6NL\b|\bWC2B 6SE\b|^\s*(Manchester|Bristol|London)\s*$|Crown copyright|"
    r"^\s*\d{4} \d{3} \d{4}\s*$|^\s*0300 ?123)",
    re.I,
)
_EDGE_LINES = 4


def normalise_characters(text: str) -> str:
    text = text.translate(_CHARACTERS)
    text = _PARAGRAPH_TAGS.sub("\n\n", text)
    text = _ITEM_TAG.sub("\n" + BULLET, text)
    text = _ANY_TAG.sub("\n", text)
    text = _GLYPH_AT_START.sub(BULLET, text)
    text = _GLYPH_INSIDE.sub("\n" + BULLET, text)
    text = _RULE_LINE.sub("", text)
    text = re.sub(r"[ \u3000]+", " ", text)
    return re.sub(r" *\t[ \t]*", "\t", text)


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _is_page_number(line: str) -> bool:
    return bool(re.fullmatch(r"\s*(page\s*)?\d{1,3}(\s*of\s*\d{1,3})?\s*", line, re.I))


def remove_page_furniture(pages: list[str]) -> list[str]:
    """Drop page numbers, running headers/footers repeated at page edges, and letterhead lines."""
    split = [page.split("\n") for page in pages]
    counts: Counter[str] = Counter()
    for lines in split:
        filled = [line for line in lines if line.strip()]
        counts.update({_edge_key(line) for line in filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]})
    # A running header or footer recurs on most pages; a heading that happens to open two pages does not.
    least = max(3, len(split) * 0.3)
    repeated = {key for key, n in counts.items() if n >= least and key.strip("#. ")}

    def furniture(line: str) -> bool:
        # A sentence is body text even when a page opens with the same words as another.
        running = _edge_key(line) in repeated and not _ends_sentence(line)
        return _is_page_number(line) or running or bool(_LETTERHEAD.search(line))

    cleaned = []
    for lines in split:
        keep = list(lines)
        for edge in (0, -1):
            dropped = 0
            while keep and dropped <= _EDGE_LINES * 2:
                line = keep[edge]
                if not line.strip():
                    keep.pop(edge)
                elif furniture(line):
                    keep.pop(edge)
                    dropped += 1
                else:
                    break
        cleaned.append("\n".join(keep))
    return cleaned


def _ends_sentence(line: str) -> bool:
    return bool(_TERMINAL.search(line.rstrip()))


def _continues(previous: str, following: str) -> bool:
    """Whether `following` carries on the sentence `previous` left unfinished."""
    previous, following = previous.rstrip(), following.lstrip()
    if not previous or not following or _ITEM_START.match(following) or _ends_sentence(previous):
        return False
    if previous.endswith("-") or following[0].islower():
        return True
    last = re.findall(r"[A-Za-z']+$", previous)
    return bool(last) and last[0].lower() in _FUNCTION_WORDS


def _glue(previous: str, following: str) -> str:
    previous, following = previous.rstrip(), following.lstrip()
    return previous + following if previous.endswith("-") else previous + " " + following


def unwrap_lines(block: str, hard_wrapped: bool) -> str:
    """Join the lines of one block that belong to one paragraph or bullet."""
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    out: list[str] = []
    for line in lines:
        if out and not _ITEM_START.match(line) and (hard_wrapped or _continues(out[-1], line)):
            out[-1] = _glue(out[-1], line)
        else:
            out.append(line)
    return "\n".join(out)


def join_split_blocks(blocks: list[str]) -> list[str]:
    """Re-join a paragraph or bullet that a page break (or a run of blank lines) cut in two."""
    out: list[str] = []
    for block in blocks:
        if out and _continues(out[-1].rsplit("\n", 1)[-1], block.split("\n", 1)[0]):
            head, _, rest = block.partition("\n")
            out[-1] = _glue(out[-1], head) + ("\n" + rest if rest else "")
        else:
            out.append(block)
    return out


def clean_text(raw: str, hard_wrapped: bool = False) -> str:
    text = normalise_characters(raw)
    pages = remove_page_furniture(text.split(PAGE_BREAK))
    blocks: list[str] = []
    for page in pages:
        for block in re.split(r"\n[ \t]*\n", page):
            block = unwrap_lines(block, hard_wrapped)
            if block:
                blocks.append(block)
    return "\n\n".join(join_split_blocks(blocks)) + "\n"
