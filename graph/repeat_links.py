"""Which later claims restate an earlier weakness or recommendation of the same authority.

Pure computation over one authority's events (its own and its predecessors' inspections and visits,
in date order) and their claims; `graph.links` reads them from a store and writes the result.

Every claim that names an earlier event ("at the last inspection", "the focused visit in March 2019")
REFERS_TO it: the event is resolved by its stated date, else by its kind (the nearest earlier event of
that kind). Then two methods of REPEATS, tried in this order for each later claim that says something
must improve:

- `explicit`: the claim says its point was raised at an earlier event ("This was an area for
  improvement at the last inspection", "remains an area for development") and names it. The event is
  resolved as for REFERS_TO, and the claim links to that event's development claim closest in wording
  to it and the sentence before it (the subject of "This was ..." is the sentence before), if any
  reaches `EXPLICIT_FLOOR`.
- `text-similarity`: for a later claim whose polarity is sure (stated by its section, or given by the
  classifier with at least `POLARITY_CONFIDENCE`), the most recent earlier event holding a
  development claim on a shared theme whose TF-IDF cosine with it reaches `SIMILARITY_THRESHOLD`;
  the best such claim there.

The thresholds, and whether the polarity condition applies at all, are chosen on the train split of
hand-labelled pairs by `python -m accuracy.repeats`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from loaders.claim_similarity import Vector, cosine, vector
from loaders.framework import REFERENCE_KINDS
from loaders.polarity import SECTION_METHOD

DEVELOPMENT_POLARITIES = frozenset({"weakness", "mixed", "recommendation"})
METHOD_EXPLICIT = "explicit"
METHOD_SIMILARITY = "text-similarity"
SIMILARITY_THRESHOLD = 0.55
POLARITY_CONFIDENCE = 0.0
EXPLICIT_FLOOR = 0.25
# A link's similarity is kept to two decimals: finer steps mean nothing to a reader choosing a minimum,
# and an authority's links then take a few dozen values, over which its repeat tally keeps the counts
# of each minimum (graph.repeat_tallies).
SIMILARITY_DECIMALS = 2


@dataclass(frozen=True)
class Event:
    id: str
    authority: str
    framework: str
    when: date


@dataclass
class Claim:
    id: str
    event: str
    polarity: str
    polarity_score: float
    polarity_method: str
    lemmas: str
    themes: frozenset[str]
    refers_to_kind: str | None = None
    refers_to_date: str | None = None
    stated: bool = False  # the text says its point was raised before
    context: str = ""  # lemmas of the sentence before it in its paragraph
    vec: Vector = field(default_factory=dict)

    @property
    def develops(self) -> bool:
        return self.polarity in DEVELOPMENT_POLARITIES

    def sure(self, confidence: float = POLARITY_CONFIDENCE) -> bool:
        return self.polarity_method == SECTION_METHOD or self.polarity_score >= confidence


@dataclass(frozen=True)
class Repeat:
    later: str
    earlier: str
    method: str
    similarity: float
    gap_years: float
    gap_inspections: int


def resolve_event(claim: Claim, earlier: Sequence[Event]) -> Event | None:
    """The earlier event the claim's wording names, or None when no loaded event fits."""
    if claim.refers_to_kind is None:
        return None
    frameworks = REFERENCE_KINDS.get(claim.refers_to_kind, frozenset())
    fitting = [event for event in earlier if event.framework in frameworks]
    if claim.refers_to_date:
        year, _, month = claim.refers_to_date.partition("-")
        fitting = [
            event
            for event in fitting
            if event.when.year == int(year) and (not month or event.when.month == int(month))
        ] or [event for event in fitting if event.when.year == int(year)]
    return fitting[-1] if fitting else None


def _best(claim_vec: Vector, candidates: Iterable[Claim]) -> tuple[float, str] | None:
    scored = [(cosine(claim_vec, other.vec), other.id) for other in candidates]
    # The highest score; on a tie the smaller id, so the result does not depend on read order.
    return min(scored, key=lambda s: (-s[0], s[1])) if scored else None


def _gap(later: Event, earlier: Event, position: dict[str, int]) -> tuple[float, int]:
    return round((later.when - earlier.when).days / 365.25, 1), position[later.id] - position[earlier.id]


def authority_references(
    own: Sequence[str], events: Sequence[Event], claims: dict[str, list[Claim]]
) -> list[tuple[str, str]]:
    """(claim, earlier event) for each claim of the events `own` whose named earlier event is loaded."""
    position = {event.id: n for n, event in enumerate(events)}
    found = []
    for event_id in own:
        earlier = events[: position[event_id]]
        for claim in claims.get(event_id, []):
            target = resolve_event(claim, earlier)
            if target is not None:
                found.append((claim.id, target.id))
    return found


def authority_repeats(
    own: Sequence[str],
    events: Sequence[Event],
    claims: dict[str, list[Claim]],
    threshold: float = SIMILARITY_THRESHOLD,
    confidence: float = POLARITY_CONFIDENCE,
) -> list[Repeat]:
    """REPEATS from the claims of the events `own` (this authority's) to claims of any earlier event
    in `events` (this authority's and its predecessors', earliest first)."""
    position = {event.id: n for n, event in enumerate(events)}
    by_id = {event.id: event for event in events}
    developing: dict[str, list[Claim]] = {
        event.id: [c for c in claims.get(event.id, []) if c.develops] for event in events
    }
    for found in developing.values():
        for claim in found:
            claim.vec = claim.vec or vector(claim.lemmas)
    by_theme: dict[str, dict[str, list[Claim]]] = {}
    for event_id, found in developing.items():
        index: dict[str, list[Claim]] = defaultdict(list)
        for claim in found:
            for theme in claim.themes:
                index[theme].append(claim)
        by_theme[event_id] = index

    repeats: list[Repeat] = []
    for event_id in own:
        later = by_id[event_id]
        earlier = events[: position[event_id]]
        for claim in developing[event_id]:
            link = _explicit(claim, later, earlier, developing, position)
            if link is None and claim.sure(confidence):
                link = _similar(claim, later, earlier, by_theme, threshold, position)
            if link is not None:
                repeats.append(link)
    return repeats


def _explicit(
    claim: Claim,
    later: Event,
    earlier: Sequence[Event],
    developing: dict[str, list[Claim]],
    position: dict[str, int],
) -> Repeat | None:
    target = resolve_event(claim, earlier) if claim.stated else None
    if target is None:
        return None
    best = _best(vector(f"{claim.lemmas} {claim.context}"), developing[target.id])
    if best is None or best[0] < EXPLICIT_FLOOR:
        return None
    gap_years, gap_inspections = _gap(later, target, position)
    return Repeat(
        claim.id, best[1], METHOD_EXPLICIT, round(best[0], SIMILARITY_DECIMALS), gap_years, gap_inspections
    )


def _similar(
    claim: Claim,
    later: Event,
    earlier: Sequence[Event],
    by_theme: dict[str, dict[str, list[Claim]]],
    threshold: float,
    position: dict[str, int],
) -> Repeat | None:
    for event in reversed(earlier):
        index = by_theme[event.id]
        candidates = {id(other): other for theme in claim.themes for other in index.get(theme, ())}
        best = _best(claim.vec, candidates.values())
        if best is not None and best[0] >= threshold:
            gap_years, gap_inspections = _gap(later, event, position)
            return Repeat(
                claim.id,
                best[1],
                METHOD_SIMILARITY,
                round(best[0], SIMILARITY_DECIMALS),
                gap_years,
                gap_inspections,
            )
    return None
