"""When two inspector names of the graph are one person: the name rule and the evidence rule.

Reports spell people differently (Fiona Millns / Milnns, Janet Fraser / Frazer, Andy / Andrew
Waugh, Clare / Claire Atkinson), and different people have similar names. Two names are taken for
one person only when both rules hold:

- Names: the same given name and surnames one letter apart (a letter added, dropped, changed, or
  two swapped; surnames of at least five letters), or the same surname and given names that are
  forms of one name (one letter more: Clare / Claire, Tracy / Tracey; or a short form of at most
  five letters that begins as the long one does: Andy / Andrew, Matt / Matthew, Chris / Christine).
- Evidence from the graph: they never sat on one team (one person is not listed twice); their
  inspections are at most two years apart; and they worked with the same people -- at least one
  co-inspector in common, two when the names differ by a changed letter (Fraser / Frazer, but also
  Hill / Hall, which are as often two people) -- or, where reports list only their lead inspector
  and no co-inspector is known, a spelling written once in the same years as one written at least
  three times (a slip: Kathryn Grindod / Grindrod), never for a changed letter.

Names that pass the first rule but not the second stay two people, recorded as a candidate pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Years between the two names' inspections beyond which an alike name is more likely someone else.
MAX_GAP_YEARS = 2
SHORT_FORM_LETTERS = 5
SHORT_FORM_PREFIX = 3
MIN_SURNAME_LETTERS = 5
SLIP_AGAINST = 3  # inspections under the usual spelling that make a one-off spelling a slip


@dataclass(frozen=True)
class Person:
    """An inspector node as the rule sees it."""

    id: str
    name: str
    inspections: frozenset[str]
    years: frozenset[int]
    co_inspectors: frozenset[str]  # ids of the people who sat on a team with them
    aliases: frozenset[str] = frozenset()  # every spelling the node was written under


@dataclass(frozen=True)
class Verdict:
    a: str
    b: str
    variant: str  # "given name" or "surname"
    changed_letter: bool  # the names differ by a changed letter, not an added, dropped or swapped one
    gap_years: int | None
    co_inspectors: int
    same_person: bool


def name_parts(name: str) -> tuple[str, str]:
    """Given name and surname, lower case, without middle names or initials."""
    words = re.sub(r"[^\w\s'’-]", " ", name.lower()).split()
    return (words[0], words[-1]) if len(words) >= 2 else (name.lower(), "")


def _one_apart(a: str, b: str) -> tuple[bool, bool]:
    """Whether two words are one letter apart, and whether by a changed letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False, False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True, True
        swapped = len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]]
        return swapped and a[diffs[1]] == b[diffs[0]], False
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long))), False


def _given_forms(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    if _one_apart(a, b) == (True, False):
        return True
    return (
        SHORT_FORM_PREFIX <= len(short) <= SHORT_FORM_LETTERS < len(long)
        and long[:SHORT_FORM_PREFIX] == short[:SHORT_FORM_PREFIX]
    )


def name_variant(a: str, b: str) -> tuple[str, bool] | None:
    """("given name" | "surname", by a changed letter) when the names may be one person's."""
    (given_a, surname_a), (given_b, surname_b) = name_parts(a), name_parts(b)
    if surname_a and surname_a == surname_b and given_a != given_b and _given_forms(given_a, given_b):
        return "given name", False
    if given_a == given_b and min(len(surname_a), len(surname_b)) >= MIN_SURNAME_LETTERS:
        apart, changed = _one_apart(surname_a, surname_b)
        if apart:
            return "surname", changed
    return None


def judge(a: Person, b: Person) -> Verdict | None:
    """The verdict on two people whose names may be one person's; None when the names are not alike."""
    variant = name_variant(a.name, b.name)
    if variant is None:
        return None
    kind, changed = variant
    gap = _gap(a.years, b.years)
    shared = len((a.co_inspectors - {b.id}) & (b.co_inspectors - {a.id}))
    counts = sorted((len(a.inspections), len(b.inspections)))
    # A spelling written once, in the years of one written often, is that name mistyped -- the
    # evidence where reports name only their lead inspector, so that no co-inspector is known.
    slip = not changed and gap == 0 and counts[0] == 1 and counts[1] >= SLIP_AGAINST
    same = (
        not (a.inspections & b.inspections)
        and gap is not None
        and gap <= MAX_GAP_YEARS
        and (shared >= (2 if changed else 1) or slip)
    )
    return Verdict(a.id, b.id, kind, changed, gap, shared, same)


def _gap(a: frozenset[int], b: frozenset[int]) -> int | None:
    """Years between two sets of years' spans; 0 when they overlap; None when either is unknown."""
    if not a or not b:
        return None
    return max(0, max(min(a), min(b)) - min(max(a), max(b)))


def candidate_pairs(people: list[Person]) -> list[tuple[Person, Person]]:
    """Pairs whose names share a given name or a surname: the only ones the name rule can match."""
    by_given: dict[str, list[Person]] = {}
    by_surname: dict[str, list[Person]] = {}
    for person in people:
        given, surname = name_parts(person.name)
        by_given.setdefault(given, []).append(person)
        by_surname.setdefault(surname, []).append(person)
    pairs: dict[tuple[str, str], tuple[Person, Person]] = {}
    for group in [*by_given.values(), *by_surname.values()]:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                first, second = sorted((a, b), key=lambda p: p.id)
                pairs[(first.id, second.id)] = (first, second)
    return [pairs[key] for key in sorted(pairs)]
