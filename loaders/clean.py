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
# An ILACS judgement heading, with its grade (some reports end it with a full stop) or with the grade
# on the next line; the first reports of 2018 wrote it as a clause ("... care leavers is good", "...
# protection requires improvement to be good"). A SIF report states a sub-judgement as a sentence of
# its own line, which opens the sub-area's findings ("The graded judgment for adoption performance is
# that it is good.").
_GRADE = r"(outstanding|good|requires improvement( to be good)?|inadequate)"
_GRADE_LINE = re.compile(rf"^{_GRADE}$", re.I)
# The 2012-13 inspections' grade and its number, in either order ("Grade 4 (Inadequate)", "Inadequate
# (Grade 4)"), ending an area's heading or making the whole of it: a line that ends so is a heading.
_NUMBERED_GRADE_WORD = r"(Outstanding|Good|Adequate|Inadequate)"
NUMBERED_GRADE = re.compile(
    rf"(^|\s+)(Grade \d\s*\({_NUMBERED_GRADE_WORD}\)|{_NUMBERED_GRADE_WORD}\s*\(Grade \d\))$", re.I
)
JUDGEMENT_HEADING = (
    r"(The (experiences and progress of|experiences of|impact of leaders on)[^.:;]{3,110}"
    rf"(:\s*{_GRADE}?|\s+(is|are)\s+{_GRADE}|\s+requires improvement( to be good)?)\.?|"
    r"The graded judge?ments? (for|about|on) [^.:;]{3,110}\s+(is|are)\s+(that\s+(it|they)\s+((is|are)\s+)?)?"
    rf"{_GRADE}\.?)"
)
# Headings of the published series, which open a part of a report wherever a line holds them alone.
STANDARD_HEADING = re.compile(
    r"^(What needs to improve( in this area of (social work )?practice)?(\?\d{0,2}|:)?|"
    r"Information about this (inspection|local authority)|Recommendations|"
    r"Areas for (improvement|development|priority action)|"
    r"Executive summary|Summary of key findings|Contents|Next steps|"
    r"What the inspection judgements mean(: the (local authority|LSCB))?|"  # the grades' descriptions
    r"Key strengths and weaknesses of the ([A-Z]{3,5}|Local Safeguarding Children Board)|"
    # a letter's date, salutation and subject line, each on a line of its own
    r"[0-3]?\d (January|February|March|April|May|June|July|August|September|October|November|December) "
    r"(19|20)\d\d|Dear [^.]{2,60}|Focused visit to [^.]{5,120}|"
    # a SIF sub-judgement's grade line, which may wrap ("... care leavers is" + "requires improvement")
    r"The graded judge?ments? (for|about|on) [^.]{5,120}|"
    # a SIF area's title, its sub-headings, and its grade on a line of its own
    r"The experiences and progress of children (who need help and protection|looked after and achieving "
    r"permanence)|Leadership, management and governance|Summary|Inspection findings|"
    r"Section \d{1,2}: [^.]{5,120}|"  # the first SIF reports' parts
    rf"{_GRADE}|{JUDGEMENT_HEADING})$",
    re.I,
)
# A footnote's mark set against the word it annotates: "all cared for children2 receive"; not a date
# range run together ("3to7 February").
_FOOTNOTE_MARK = re.compile(r"(?<=[a-z]{4})\d{1,2}(?=[\s,.;:)]|$)", re.M)
_RULE_LINE = re.compile(r"^[ \t]*[-\u2013\u2014_=*~]{2,}[ \t]*$", re.M)
# A line that starts a new item: a bullet, or a numbered paragraph/row.
_PARAGRAPH_NUMBER = re.compile(r"^(\d{1,3})\.\s")
_ITEM_START = re.compile(r"^(?:- |\d{1,3}(?:\.\d{1,2})?\.?\s*(?=[A-Z(\"'])|\d{1,3}\.\s)")
_TERMINAL = re.compile(
    r"[.!?:;)\]]['\"]?$|[.!?]\d{1,2}$|\.\s*\(Recommendations?[^)]*\)$"
)  # "...2015.4": a footnote mark
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
    r"\bM1 2WD\b|\bBS1 6NL\b|\bWC2B 6SE\b|^\s*(Ofsted|Manchester|Bristol|London)\s*$|Crown copyright|"
    r"^\s*\d{4} \d{3} \d{4}\s*$|^\s*0300 ?123)",
    re.I,
)
_EDGE_LINES = 4
_BEFORE_NUMBER = {"stage", "age", "aged", "year", "section", "paragraph", "paragraphs", "recommendation"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}  # fmt: skip
# More words than a heading has (as `loaders.segment` reads headings).
_HEADING_WORDS = 22
_HARD_HEADING_WORDS = 8
_NUMBERED_PAGES = 3  # pages that print their number at an edge before a number inside a page is one
_FULL_LINE_WORDS = 10  # hard-wrapped report text wraps at 80 to 95 characters, 12 to 16 words
# A text's line width: this share of its full lines are no longer (a few long lines are tables or
# addresses).
_WIDTH_QUANTILE = 0.9
# Glyphs differ in width, so a line's characters say its width only roughly: the next line's first
# word must have fitted well inside the width for a short line to end its paragraph.
_FITTED_SHARE = 0.9


# A paragraph number alone on its line, its paragraph after a blank line: how pdftotext writes the
# number column of a numbered report. The number goes back in front of its paragraph -- unless the
# line before is a sentence left unfinished ("... under the age of" + "13."), whose end it is. The
# number may open a page (after the page break pdftotext writes as a form feed), which stays.
_DETACHED_NUMBER = re.compile(
    r"(?:^|(?<=[\n\f]))([^\n\f]*)(?:\n|(?=\f))([ \t\f]*)(\d{1,3}\.)[ \t]*\n(?:[ \t]*\n)*(?=[ \t]*[A-Z(\"'])"
)


def _attach_number(match: re.Match[str]) -> str:
    before, lead, number = match.group(1), match.group(2), match.group(3)
    words = before.split()
    after_word = bool(words) and words[-1].lower() in _FUNCTION_WORDS | _MONTHS | _BEFORE_NUMBER
    unfinished = (
        not _TERMINAL.search(before.rstrip())
        and not STANDARD_HEADING.match(before.strip())
        and (len(words) > _HARD_HEADING_WORDS or after_word)
    )
    page_break = PAGE_BREAK if PAGE_BREAK in lead else ""
    return match.group(0) if unfinished else f"{before}\n{page_break}{number} "


# Footnotes the published series prints on every report of a kind, which a text export leaves in the
# page's last paragraph (a PDF's reading sets footnotes apart).
_SERIES_FOOTNOTE = re.compile(
    r"The\s+areas\s+for\s+improvement\s+have\s+been\s+cross-referenced\s+with\s+the\s+outcomes,\s+enablers\s+"
    r"or\s+principles\s+in\s+the\s+Children's\s+Social\s+Care:\s+National\s+Framework\.\s+This\s+statutory\s+"
    r"guidance\s+sets\s+out\s+the\s+purpose,\s+principles\s+for\s+practice\s+and\s+expected\s+outcomes\s+of\s+"
    r"children's\s+social\s+care\.\s*"
)


def normalise_characters(text: str) -> str:
    text = text.translate(_CHARACTERS)
    text = _SERIES_FOOTNOTE.sub("", text)
    text = _PARAGRAPH_TAGS.sub("\n\n", text)
    text = _ITEM_TAG.sub("\n" + BULLET, text)
    text = _ANY_TAG.sub("\n", text)
    text = _GLYPH_AT_START.sub(BULLET, text)
    text = _GLYPH_INSIDE.sub("\n" + BULLET, text)
    text = _RULE_LINE.sub("", text)
    text = _FOOTNOTE_MARK.sub("", text)
    text = re.sub(r"[ \u3000]+", " ", text)
    return re.sub(r" *\t[ \t]*", "\t", text)


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _is_page_number(line: str) -> bool:
    return bool(re.fullmatch(r"\s*(page\s*)?\d{1,3}(\s*of\s*\d{1,3})?\s*", line, re.I))


def _page_number_offset(split: list[list[str]]) -> int | None:
    """A document's printed page number minus the page's position, as most of its numbered pages
    print it at an edge; None when too few pages show one."""
    offsets: Counter[int] = Counter()
    for position, lines in enumerate(split):
        filled = [line for line in lines if line.strip()]
        offsets.update(
            int(line) - position
            for line in filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]
            if re.fullmatch(r"\s*\d{1,3}\s*", line)
        )
    found = offsets.most_common(1)
    return found[0][0] if found and found[0][1] >= _NUMBERED_PAGES else None


def _without_inner_page_number(lines: list[str], number: int) -> list[str]:
    """The page's lines without its own number standing alone between blank lines inside it, where
    pdftotext puts it when the page's last paragraph comes after the footer in the PDF."""
    alone = [
        n
        for n, line in enumerate(lines)
        if line.strip() == str(number)
        and (n == 0 or not lines[n - 1].strip())
        and (n == len(lines) - 1 or not lines[n + 1].strip())
    ]
    return [line for n, line in enumerate(lines) if n not in alone]


def remove_page_furniture(pages: list[str]) -> list[str]:
    """Drop page numbers, running headers/footers repeated at page edges, and letterhead lines."""
    split = [page.split("\n") for page in pages]
    offset = _page_number_offset(split)
    if offset is not None:
        split = [_without_inner_page_number(lines, n + offset) for n, lines in enumerate(split)]
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
        # PDF text order can put a page's number after its first line or before its last one.
        lined = [n for n, line in enumerate(keep) if line.strip()]
        edges = set(lined[:_EDGE_LINES] + lined[-_EDGE_LINES:])
        cleaned.append(
            "\n".join(line for n, line in enumerate(keep) if n not in edges or not _is_page_number(line))
        )
    return cleaned


def _ends_sentence(line: str) -> bool:
    return bool(_TERMINAL.search(line.rstrip()))


class _Numbering:
    """The last paragraph number the text has reached: the next one starts a paragraph even after a
    paragraph that lost its full stop."""

    def __init__(self) -> None:
        self.last = 0

    def saw(self, line: str) -> None:
        number = _PARAGRAPH_NUMBER.match(line)
        if number:
            self.last = int(number.group(1))

    def is_next(self, line: str) -> bool:
        number = _PARAGRAPH_NUMBER.match(line)
        return number is not None and int(number.group(1)) == self.last + 1


def _continues(previous: str, following: str, numbering: _Numbering | None = None) -> bool:
    """Whether `following` carries on the sentence `previous` left unfinished."""
    previous, following = previous.rstrip(), following.lstrip()
    if not previous or not following or _ends_sentence(previous) or STANDARD_HEADING.match(following):
        return False  # the series' headings stand alone, whatever the line before left unfinished
    last = re.findall(r"[A-Za-z']+$", previous)
    after_function_word = bool(last) and last[0].lower() in _FUNCTION_WORDS
    if following.startswith(BULLET):
        return False
    if _ITEM_START.match(following) or following[0].isdigit():
        # "... beyond the age of" + "18. This ...", "at key stage" + "2.", "in 2014-" + "15": a number
        # after a sentence left unfinished is the sentence's own, not a new paragraph's. After a
        # heading ("Recommendations" + "1. Ensure ...") it is the first item's.
        next_paragraph = numbering is not None and numbering.is_next(following)
        long_sentence = len(previous.split()) > _HEADING_WORDS and not next_paragraph
        # "... due to begin in October" + "2018.", "at key stage" + "2", "under section" + "20"
        after_month = bool(last) and last[0].lower() in _MONTHS | _BEFORE_NUMBER
        return after_function_word or after_month or previous.endswith(("-", "\u2013")) or long_sentence
    return previous.endswith("-") or following[0].islower() or after_function_word


def _glue(previous: str, following: str) -> str:
    previous, following = previous.rstrip(), following.lstrip()
    if previous.rsplit("\n", 1)[-1] == BULLET.strip():  # a bullet a blank line set apart from its text
        return previous + " " + following
    return previous + following if previous.endswith("-") else previous + " " + following


def _heading_line(line: str, previous: str | None, following: str | None) -> bool:
    """A short title line between a finished sentence and the next line, or one of the headings every
    report uses: where no blank line sets headings apart, it must not be glued to either."""
    if STANDARD_HEADING.match(line):
        return True
    return (
        len(line.split()) <= _HARD_HEADING_WORDS
        and line[:1].isupper()
        and not _ends_sentence(line)
        and not line.endswith(",")  # a list that runs on: "Team inspectors: A, B,"
        # after a line that ends in ";" a list goes on ("Team inspectors: A HMI; B HMI;" + "C HMI")
        and (previous is None or (_ends_sentence(previous) and not previous.rstrip().endswith(";")))
        and (following is None or following[:1].isupper() or bool(_ITEM_START.match(following)))
    )


def _join_wrapped_headings(lines: list[str]) -> list[str]:
    """A heading of the series wrapped at a page's width ("The experiences and progress of children
    who need help and" + "protection: outstanding") as one line, so that it stands alone."""
    out: list[str] = []
    for line in lines:
        if out and not STANDARD_HEADING.match(out[-1]) and STANDARD_HEADING.match(f"{out[-1]} {line}"):
            out[-1] = f"{out[-1]} {line}"
        elif (  # a title wrapped over three lines ("... of" + "children looked after and achieving" + ...)
            len(out) > 1
            and not any(STANDARD_HEADING.match(part) for part in out[-2:])
            and STANDARD_HEADING.match(f"{out[-2]} {out[-1]} {line}")
        ):
            middle = out.pop()
            out[-1] = f"{out[-1]} {middle} {line}"
        elif (  # the grade cell beside a SIF title, which the text puts between its two lines
            len(out) > 1
            and _GRADE_LINE.match(out[-1])
            and not STANDARD_HEADING.match(out[-2])
            and STANDARD_HEADING.match(f"{out[-2]} {line}")
        ):
            grade = out.pop()
            out[-1] = f"{out[-1]} {line}"
            out.append(grade)
        else:
            out.append(line)
    return out


def line_width(text: str) -> int:
    """The width a hard-wrapped text is wrapped at, in characters (0 when it has no full lines)."""
    lengths = sorted(len(line.strip()) for line in text.split("\n") if len(line.split()) > _FULL_LINE_WORDS)
    return lengths[int(_WIDTH_QUANTILE * (len(lengths) - 1))] if lengths else 0


def _ends_paragraph(line: str, following: str, width: int) -> bool:
    """A wrapped line that ends a sentence though the next line's first word would have fitted on it
    ends its paragraph: how a paragraph ends in text (pdftotext's of a letter) that has no blank line
    between paragraphs."""
    first = following.split(maxsplit=1)[0]
    return (
        _ends_sentence(line)
        and following[:1].isupper()
        and len(line) + 1 + len(first) <= _FITTED_SHARE * width
    )


def unwrap_lines(block: str, hard_wrapped: bool, numbering: _Numbering | None = None, width: int = 0) -> str:
    """Join the lines of one block that belong to one paragraph or bullet; `width` is the hard-wrapped
    text's (`line_width`), 0 when unknown."""
    numbering = numbering or _Numbering()
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    if hard_wrapped:
        lines = _join_wrapped_headings(lines)
    out: list[str] = []
    after_heading = False
    for n, line in enumerate(lines):
        following = lines[n + 1] if n + 1 < len(lines) else None
        heading = (hard_wrapped and _heading_line(line, out[-1] if out else None, following)) or bool(
            STANDARD_HEADING.match(line)
        )
        wrapped = (
            hard_wrapped
            and not heading
            and not after_heading
            and not _ITEM_START.match(line)
            and not (n > 0 and _ends_paragraph(lines[n - 1], line, width))
        )
        # a bullet glyph on a line of its own, its text after a blank line: it opens the next item
        lone_bullet = line == BULLET.strip()
        if out and not lone_bullet and (wrapped or (not heading and _continues(out[-1], line, numbering))):
            out[-1] = _glue(out[-1], line)
        else:
            out.append(line)
            numbering.saw(line)
        after_heading = heading
    return "\n".join(out)


def join_split_blocks(blocks: list[tuple[str, bool]], hard_wrapped: bool) -> list[str]:
    """Re-join a paragraph or bullet that a page break (or a run of blank lines) cut in two. Each block
    comes with whether it opens a page."""
    out: list[str] = []
    numbering = _Numbering()
    for block, opens_page in blocks:
        last, first = (out[-1].rsplit("\n", 1)[-1], block.split("\n", 1)[0]) if out else ("", "")
        # A hard-wrapped line of a sentence that ends a page goes on overleaf, whatever its next word.
        overleaf = (
            hard_wrapped
            and opens_page
            and len(last.split()) > _FULL_LINE_WORDS
            and not _ends_sentence(last)
            and not _ITEM_START.match(first)
            and not _heading_line(first, None, None)
            # the next page opens with an area's name and grade ("Outcomes ... Grade 4 (Inadequate)")
            and not NUMBERED_GRADE.search(first)
        )
        if out and (_continues(last, first, numbering) or overleaf):
            head, _, rest = block.partition("\n")
            out[-1] = _glue(out[-1], head) + ("\n" + rest if rest else "")
        else:
            out.append(block)
        for line in block.split("\n"):
            numbering.saw(line)
    return out


def clean_text(raw: str, hard_wrapped: bool = False) -> str:
    text = normalise_characters(raw)
    pages = remove_page_furniture(text.split(PAGE_BREAK))
    # After the furniture goes: a page number between a paragraph's number and its text hides the pair.
    pages = _DETACHED_NUMBER.sub(_attach_number, PAGE_BREAK.join(pages)).split(PAGE_BREAK)
    blocks: list[tuple[str, bool]] = []
    numbering = _Numbering()
    width = line_width(text) if hard_wrapped else 0
    for page in pages:
        opens_page = True
        for block in re.split(r"\n[ \t]*\n", page):
            block = unwrap_lines(block, hard_wrapped, numbering, width)
            if block:
                blocks.append((block, opens_page))
                opens_page = False
    return "\n\n".join(join_split_blocks(blocks, hard_wrapped)) + "\n"
