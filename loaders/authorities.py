"""Reference table of English children's services authorities, and resolution of the names reports use.

The table (``data/authorities.csv``) holds every authority with children's services responsibility
since 2009, including those abolished by reorganisation, keyed by its current or last ONS GSS code.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib.resources import files

REGIONS = frozenset(
    {
        "North East",
        "North West",
        "Yorkshire and the Humber",
        "East Midlands",
        "West Midlands",
        "East of England",
        "London",
        "South East",
        "South West",
    }
)

Tokens = tuple[str, ...]


@dataclass(frozen=True)
class AuthorityRef:
    code: str
    name: str
    official_name: str
    dfe_code: int
    region: str
    alt_names: tuple[str, ...]
    former_codes: tuple[str, ...]
    valid_from: date | None
    valid_to: date | None
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]

    @property
    def variants(self) -> tuple[str, ...]:
        """Every spelling of this authority the table knows: short name first."""
        return (self.name, self.official_name, *self.alt_names)

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    stated: str
    authority: AuthorityRef


# Words, plus "&" as a word of its own so that "&" and "and" normalise alike.
_WORD = re.compile(r"[^\W_]+|&")
# Inside a name: "Stoke-on-Trent", "Bournemouth, Christchurch & Poole", line breaks, and the full stop
# of "St." only: "the North East. Lincolnshire ..." is not North East Lincolnshire.
_INNER_GAP = re.compile(r"(?<=\b[Ss][Tt])\.\s*|\s*[,\-]?\s*")
# Between a name and a council prefix or suffix only whitespace: "Solihull, Council ..." is not a title.
_AFFIX_GAP = re.compile(r"\s+")
# Lower-case words that may appear inside a name; any other word must be capitalised in running
# text, so that "reading", "bury" or a ship's "hull" are not taken for authorities.
_CONNECTORS = frozenset({"and", "upon", "on", "of", "the", "with", "under", "in", "le"})
# "New York", "Greater Manchester": a name preceded by these words is part of another place.
_OTHER_PLACE_BEFORE = frozenset({"new", "greater"})
# "Newcastle-under-Lyme", "Stratford-upon-Avon": a name hyphenated onto these is another place.
_OTHER_PLACE_AFTER = frozenset({"under", "upon", "on", "in", "le"})
# A postcode or a building or street word after a name makes it part of an address ("Bristol BS1 6NL",
# "Merton House"), such as Ofsted's own, not a mention of the authority.
_ADDRESS_AFTER = re.compile(
    r"(?:[ \t]+|[ \t]*\n[ \t]*)(?:[A-Z]{1,2}[0-9][A-Z0-9]?[ \t]*[0-9][A-Z]{2}\b"
    r"|(?:House|Road|Street|Way|Lane|Avenue|Square|Place|Centre|Court)\b)"
)
# A title already ending in one of these takes no further council suffix ("... City Council\nCouncil House").
_TITLE_ENDS = frozenset({"council", "mbc", "corporation"})

# Wording around an authority's name, in the normalised token form; longest tried first.
_PREFIXES: tuple[Tokens, ...] = (
    ("london", "borough", "of"),
    ("royal", "borough", "of"),
    ("metropolitan", "borough", "of"),
    ("council", "of", "the"),
    ("borough", "of"),
    ("city", "of"),
    ("county", "of"),
    ("county",),
    ("the",),
)
_SUFFIXES: tuple[Tokens, ...] = (
    ("local", "authority", "children", "s", "services"),
    ("metropolitan", "borough", "council"),
    ("metropolitan", "district", "council"),
    ("london", "borough", "council"),
    ("children", "s", "services"),
    ("children", "s", "trust"),
    ("metropolitan", "council"),
    ("metropolitan", "borough"),
    ("local", "authority"),
    ("city", "council"),
    ("county", "council"),
    ("borough", "council"),
    ("district", "council"),
    ("council",),
    ("corporation",),
    ("mbc",),
    ("borough",),
    ("city", "of"),
    ("county", "of"),
)
# In running text only council titles are taken into a mention; "the" stays outside it.
_TEXT_PREFIXES = tuple(p for p in _PREFIXES if p not in {("county",), ("the",)})
_TEXT_SUFFIXES: tuple[Tokens, ...] = (
    ("metropolitan", "borough", "council"),
    ("metropolitan", "district", "council"),
    ("london", "borough", "council"),
    ("city", "council"),
    ("county", "council"),
    ("borough", "council"),
    ("district", "council"),
    ("council",),
    ("mbc",),
)


def _token(word: str) -> str:
    return "and" if word == "&" else word.lower()


def _tokens(text: str) -> Tokens:
    return tuple(_token(word) for word in _WORD.findall(text))


def _strips(tokens: Tokens) -> list[Tokens]:
    """Every form left by removing one piece of council wording, never down to nothing."""
    forms = [tokens[len(p) :] for p in _PREFIXES if len(tokens) > len(p) and tokens[: len(p)] == p]
    forms += [tokens[: -len(s)] for s in _SUFFIXES if len(tokens) > len(s) and tokens[-len(s) :] == s]
    return forms


@lru_cache(maxsize=4096)
def _core(tokens: Tokens, names: frozenset[Tokens]) -> Tokens:
    """The bare name inside ``tokens``: the nearest authority name reached by stripping council
    wording (so "City of London Corporation" stops at "City of London"), else the shortest form
    left once no wording remains."""
    frontier, seen, bare = [tokens], {tokens}, []
    while frontier:
        named = [form for form in frontier if form in names]
        if named:
            return min(named)
        following = []
        for form in frontier:
            stripped = _strips(form)
            if not stripped:
                bare.append(form)
            for shorter in stripped:
                if shorter not in seen:
                    seen.add(shorter)
                    following.append(shorter)
        frontier = following
    return min(bare, key=lambda form: (len(form), form))


@dataclass
class _Node:
    """Trie over normalised name tokens, for scanning text once whatever the number of names."""

    children: dict[str, _Node] = field(default_factory=dict)
    terminal: bool = False

    def add(self, tokens: Tokens) -> None:
        node = self
        for token in tokens:
            node = node.children.setdefault(token, _Node())
        node.terminal = True


def _trie(sequences: tuple[Tokens, ...] | list[Tokens]) -> _Node:
    root = _Node()
    for tokens in sequences:
        root.add(tokens)
    return root


@dataclass(frozen=True)
class _Table:
    authorities: tuple[AuthorityRef, ...]
    by_code: dict[str, AuthorityRef]
    names: frozenset[Tokens]
    exact: dict[Tokens, tuple[AuthorityRef, ...]]
    core: dict[Tokens, tuple[AuthorityRef, ...]]
    name_trie: _Node
    prefix_trie: _Node
    suffix_trie: _Node


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _date(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell.strip() else None


def _parse(row: dict[str, str]) -> AuthorityRef:
    return AuthorityRef(
        code=row["code"].strip(),
        name=row["name"].strip(),
        official_name=row["official_name"].strip(),
        dfe_code=int(row["dfe_code"]),
        region=row["region"].strip(),
        alt_names=_split(row["alt_names"]),
        former_codes=_split(row["former_codes"]),
        valid_from=_date(row["valid_from"]),
        valid_to=_date(row["valid_to"]),
        predecessors=_split(row["predecessors"]),
        successors=_split(row["successors"]),
    )


def _index(keyed: list[tuple[Tokens, AuthorityRef]]) -> dict[Tokens, tuple[AuthorityRef, ...]]:
    index: dict[Tokens, tuple[AuthorityRef, ...]] = {}
    for key, authority in keyed:
        if authority not in index.get(key, ()):
            index[key] = (*index.get(key, ()), authority)
    return index


@cache
def _table() -> _Table:
    text = files("loaders").joinpath("data/authorities.csv").read_text(encoding="utf-8")
    authorities = tuple(_parse(row) for row in csv.DictReader(io.StringIO(text)))
    by_code = {code: a for a in authorities for code in (a.code, *a.former_codes)}
    names = frozenset(_tokens(a.name) for a in authorities)
    spellings = [(_tokens(v), a) for a in authorities for v in a.variants]
    return _Table(
        authorities=authorities,
        by_code=by_code,
        names=names,
        exact=_index(spellings),
        core=_index([(_core(tokens, names), a) for tokens, a in spellings]),
        name_trie=_trie([tokens for tokens, _ in spellings]),
        prefix_trie=_trie(_TEXT_PREFIXES),
        suffix_trie=_trie(_TEXT_SUFFIXES),
    )


def all_authorities() -> tuple[AuthorityRef, ...]:
    return _table().authorities


def by_code(code: str) -> AuthorityRef:
    """The authority with this GSS code, current or former."""
    try:
        return _table().by_code[code.strip().upper()]
    except KeyError:
        raise KeyError(
            f"no children's services authority has the GSS code {code!r}, current or former"
        ) from None


def _days_outside(authority: AuthorityRef, day: date) -> int:
    if authority.valid_to is not None and day > authority.valid_to:
        return (day - authority.valid_to).days
    if authority.valid_from is not None and day < authority.valid_from:
        return (authority.valid_from - day).days
    return 0


def _rank(
    authority: AuthorityRef, exact: tuple[AuthorityRef, ...], on: date | None
) -> tuple[bool, bool, int]:
    if on is not None:
        return (not authority.valid_on(on), authority not in exact, _days_outside(authority, on))
    # Without a date: the exact spelling first, then the current authority, then the latest abolished.
    ended = authority.valid_to
    return (authority not in exact, ended is not None, -(ended or date.max).toordinal())


def resolve(stated: str, on: date | None = None) -> AuthorityRef | None:
    """The authority a report means by ``stated``, or None.

    Case, punctuation, "&"/"and" and council wording ("Metropolitan Borough of", "City Council", ...)
    do not matter. Where one name has meant different authorities over time (Dorset County Council,
    then Dorset Council), the one valid on ``on`` wins, else the current one; an exact spelling of
    an authority's own name breaks remaining ties.
    """
    table = _table()
    tokens = _tokens(stated)
    candidates = table.core.get(_core(tokens, table.names), ())
    if not candidates:
        return None
    exact = table.exact.get(tokens, ())
    return min(candidates, key=lambda authority: _rank(authority, exact, on))


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    token: str
    raw: str


def _fits(word: _Word) -> bool:
    return word.raw[0].isupper() or not word.raw[0].isalpha() or word.token in _CONNECTORS


def _walk(trie: _Node, words: list[_Word], i: int, text: str, gap: re.Pattern[str]) -> int | None:
    """Index just past the longest token sequence of ``trie`` starting at ``words[i]``."""
    node, best = trie, None
    for j in range(i, len(words)):
        if j > i and not gap.fullmatch(text, words[j - 1].end, words[j].start):
            break
        child = node.children.get(words[j].token)
        if child is None or not _fits(words[j]):
            break
        node = child
        if node.terminal:
            best = j + 1
    return best


def _joined(words: list[_Word], i: int, text: str) -> bool:
    """Whether ``words[i]`` follows ``words[i - 1]`` with whitespace only between them."""
    return 0 < i < len(words) and bool(_AFFIX_GAP.fullmatch(text, words[i - 1].end, words[i].start))


def _match_at(table: _Table, words: list[_Word], i: int, text: str) -> int | None:
    """Index just past the longest mention starting at ``words[i]``: an optional council prefix,
    a name, an optional council suffix."""
    starts = [i]
    after_prefix = _walk(table.prefix_trie, words, i, text, _AFFIX_GAP)
    if after_prefix is not None and _joined(words, after_prefix, text):
        starts.append(after_prefix)
    best = None
    for start in starts:
        end = _walk(table.name_trie, words, start, text, _INNER_GAP)
        if end is None:
            continue
        if words[end - 1].token not in _TITLE_ENDS and _joined(words, end, text):
            end = _walk(table.suffix_trie, words, end, text, _AFFIX_GAP) or end
        if best is None or end > best:
            best = end
    return best


def _part_of_other_place(words: list[_Word], i: int, end: int, text: str) -> bool:
    if _ADDRESS_AFTER.match(text, words[end - 1].end):
        return True
    before = words[i - 1] if _joined(words, i, text) else None
    if before is not None and before.raw[0].isupper() and before.token in _OTHER_PLACE_BEFORE:
        return True
    return (
        end < len(words)
        and text[words[end - 1].end : words[end].start] == "-"
        and words[end].token in _OTHER_PLACE_AFTER
    )


def find_mentions(text: str, on: date | None = None) -> list[Mention]:
    """Every mention of an authority in ``text``, left to right, longest first, never overlapping.

    A mention is a capitalised name or variant on word boundaries, with any council title around it
    ("London Borough of Brent", "Solihull Metropolitan Borough Council"); ``stated`` is the exact
    text. Names that are part of another place ("New York", "Greater Manchester") or of an address
    ("Bristol BS1 6NL", "Merton House") are skipped.
    """
    table = _table()
    words = [_Word(m.start(), m.end(), _token(m[0]), m[0]) for m in _WORD.finditer(text)]
    mentions: list[Mention] = []
    i = 0
    while i < len(words):
        # Every name and council title starts with a capital: most words are rejected here, cheaply.
        end = _match_at(table, words, i, text) if words[i].raw[0].isupper() else None
        if end is None or _part_of_other_place(words, i, end, text):
            i += 1
            continue
        stated = text[words[i].start : words[end - 1].end]
        authority = resolve(stated, on)
        if authority is not None:
            mentions.append(Mention(words[i].start, words[end - 1].end, stated, authority))
        i = end
    return mentions
