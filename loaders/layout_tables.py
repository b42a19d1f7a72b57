"""The judgement table of a report's text as `pdftotext -layout` writes it, put back in reading order.

Layout text keeps the table's two columns side by side: an area's name on one or more lines at the
left, its grade in the right column, itself wrapped over lines ("Requires" / "improvement to be" /
"good"), on whichever lines the cell's middle fell -- the area's first line, or lines of their own
just above or below it:

    2. Children looked after and achieving          Requires improvement to
       permanence                                   be good
                                                    Good
              2.1 Adoption performance

Each grade's pieces are taken out of their lines, joined, and the grade set after the last line of
the nearest cell of the left column (the lines of one cell follow each other with no blank line), so
the text reads "2. Children looked after and achieving permanence Requires improvement to be good".
Only pieces made of grade words in the right column are moved, and only in the opening of the
document, where the table is.
"""

from __future__ import annotations

import re

# Lines of the opening that the table can be on.
TABLE_LINES = 120
_COLUMN_GAP = 12  # text that far right, after a wide gap, is in the right column
_WORDS = r"(?:requires?|improvement|to|be|good|outstanding|inadequate|adequate)"
_PIECE = re.compile(rf"^(?P<left>.*?)(?:^|\s{{3,}})(?P<piece>{_WORDS}(?:\s+{_WORDS})*)\s*$", re.I)
_GRADE = re.compile(r"(?:requires? improvement(?: to be good)?|outstanding|good|inadequate|adequate)", re.I)
# A row of its own: numbered, or opening as a sentence does ("The experiences and progress of ..."),
# where a cell's wrapped line goes on in lower case ("and families") or with a name ("Board").
_ROW_START = re.compile(r"\s*(?:\d+(\.\d+)?\.?\s|[A-Z][a-z]+\s+[a-z])")


def reorder_grade_cells(text: str) -> str:
    lines = text.split("\n")
    head, rest = lines[:TABLE_LINES], _detach_grade_boxes(lines[TABLE_LINES:])
    grades, emptied, _ = _grades(head)
    if not grades:
        return "\n".join(lines[:TABLE_LINES] + rest)
    placed: dict[int, list[str]] = {}
    for n, grade in grades:
        cell = _nearest_cell(head, n)
        if cell is None:
            head[n] = (head[n] + "   " + grade).strip()  # no cell to go with: leave it where it was
            continue
        placed.setdefault(_cell_end(head, cell, emptied), []).append(grade)
    for end, cell_grades in placed.items():
        head[end] = head[end].rstrip() + "   " + "   ".join(cell_grades)
    return "\n".join(head + rest)


def _detach_grade_boxes(lines: list[str]) -> list[str]:
    """After the table, a grade in the right column is the box beside a section's title, which layout
    text interleaves with the title's lines:

        The experiences and progress of
                                                  Requires improvement
        children looked after and achieving
        permanence                                to be good

    The grade is taken out and set after the title as a block of its own, as pdftotext's default mode
    and a PDF read it, and lines that held nothing but its pieces go."""
    original, lines = lines, list(lines)
    grades, emptied, stray = _grades(lines)
    for n in stray:  # grade words that make no grade ("to be" alone) stay where they were
        lines[n] = original[n]
        emptied.discard(n)
    after: dict[int, list[str]] = {}
    for n, grade in grades:
        cell = _nearest_cell(lines, n)
        after.setdefault(n if cell is None else _cell_end(lines, cell, emptied), []).append(grade)
    out: list[str] = []
    for n, line in enumerate(lines):
        if n not in emptied:
            out.append(line)
        for grade in after.get(n, []):
            out += ["", grade, ""]
    return out


def _grades(lines: list[str]) -> tuple[list[tuple[int, str]], set[int], set[int]]:
    """The right column's grades, each with the line its first piece was on; the lines that held
    nothing but a piece (which do not end the cell they stood in); and the lines whose pieces made no
    grade. The pieces are taken out of the lines."""
    found: list[tuple[int, str]] = []
    emptied: set[int] = set()
    stray: set[int] = set()
    words: list[str] = []
    held: list[int] = []  # the lines of the pieces in `words`
    first = last = -1

    def settle() -> None:
        grade = _complete(first, words)
        found.extend(grade)
        if not grade:
            stray.update(held)
        words.clear()
        held.clear()

    for n, line in enumerate(lines):
        piece = _PIECE.match(line)
        if piece is None or piece.start("piece") < _COLUMN_GAP:
            continue
        opening = piece["piece"].split()[0].lower()
        ends_be = bool(words) and words[-1].lower() == "be"
        starts_grade = opening not in ("improvement", "to", "be") and not (opening == "good" and ends_be)
        # Too far from the pieces before, or a new grade beginning: those were a grade, or nothing.
        if words and (n - last > 2 or starts_grade):
            settle()
        if not words:
            first = n
        words += piece["piece"].split()
        held.append(n)
        last = n
        lines[n] = piece["left"].rstrip()
        if not lines[n].strip():
            emptied.add(n)
        phrase = " ".join(words).lower()
        # A grade is complete unless it is "requires improvement" that may go on "to be good".
        if _GRADE.fullmatch(phrase) and phrase not in ("requires improvement", "require improvement"):
            settle()
    settle()
    return found, emptied, stray


def _complete(first: int, words: list[str]) -> list[tuple[int, str]]:
    phrase = " ".join(words)
    return [(first, phrase[0].upper() + phrase[1:].lower())] if words and _GRADE.fullmatch(phrase) else []


def _nearest_cell(lines: list[str], n: int) -> int | None:
    """The line of left-column text nearest to line n (its own line first, then the line below
    before the one above at the same distance), within three lines."""
    for distance in range(4):
        for candidate in (n + distance, n - distance) if distance else (n,):
            if 0 <= candidate < len(lines) and lines[candidate].strip():
                return candidate
    return None


def _cell_end(lines: list[str], n: int, emptied: set[int]) -> int:
    """The last line of the cell that line n belongs to: the lines that follow with no blank line
    (lines emptied of a grade's pieces aside) and do not start another row."""
    end = following = n
    while following + 1 < len(lines):
        following += 1
        if following in emptied:
            continue
        if not lines[following].strip() or _ROW_START.match(lines[following]):
            break
        end = following
    return end
