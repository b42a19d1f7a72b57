"""Links between documents' facts, recomputed from the whole graph after each load.

`PREVIOUS` chains each authority's inspections in date order; `REPEATS` joins a development point to
the earlier inspection's point it restates. Both are computed in Python from portable read queries
and written as the difference to what the graph holds, so a run over an unchanged graph writes
nothing and both stores run the same Cypher.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from graph.names import P, node_type
from graph.store import GraphStore, Statement
from ontology import L, R

# Polarities that say something must improve: only these can restate an earlier shortfall.
DEVELOPMENT_POLARITIES = ("weakness", "mixed", "recommendation")
# Jaccard similarity of content-lemma sets from which two points on a shared theme are taken to be
# the same point. Set by reading the best-scoring pairs of a 52-report corpus (353 later development
# points with a candidate on a shared theme at the preceding inspection): the 6 pairs at 0.28 or more
# held 5 restatements; from 0.28 down to 0.2 about half the pairs were merely on the same topic.
SIMILARITY_THRESHOLD = 0.28
METHOD_STATED = "stated"  # the later text says the point was raised before
METHOD_SIMILARITY = "text-similarity"


@dataclass(frozen=True)
class _Point:
    id: str
    inspection: str
    lemmas: frozenset[str]
    themes: frozenset[str]
    stated_repeat: bool


@dataclass(frozen=True)
class LinkCounts:
    previous: int
    repeats: int
    written: int  # relationships created, changed or deleted by this run


@cache
def _lemmatizer() -> Any:
    import spacy

    nlp = spacy.blank("en")
    # Lookup tables (spacy-lookups-data): lemmas without a statistical model to download.
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def content_lemmas(texts: Iterable[str]) -> list[frozenset[str]]:
    """Each text's set of lower-cased lemmas of its words, stop words and short words left out."""
    return [
        frozenset(t.lemma_ for t in doc if t.is_alpha and not t.is_stop and len(t.lemma_) > 2)
        for doc in _lemmatizer().pipe(text.lower() for text in texts)
    ]


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _when(row: dict[str, Any]) -> date | None:
    return row["started"] or row["published"]


def _inspections_by_authority(store: GraphStore) -> dict[str, list[str]]:
    """Each authority's dated inspections, earliest first (ties by id, so the order is total)."""
    inspection, authority = node_type(L.Inspection), node_type(L.Authority)
    columns, rows = store.read(
        f"MATCH (i:{L.Inspection})-[:{R.OF_AUTHORITY}]->(a:{L.Authority}) "
        f"RETURN a.{authority.key} AS authority, i.{inspection.key} AS inspection, "
        f"i.{P.startDate} AS started, i.{P.publishedDate} AS published"
    )
    ordered: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for row in (dict(zip(columns, values, strict=True)) for values in rows):
        when = _when(row)
        if when is not None:
            ordered[row["authority"]].append((when, row["inspection"]))
    return {code: [inspection_id for _, inspection_id in sorted(items)] for code, items in ordered.items()}


def _points(store: GraphStore) -> dict[str, list[_Point]]:
    """Development-type findings with their themes, by inspection."""
    inspection, finding, theme = node_type(L.Inspection), node_type(L.Finding), node_type(L.Theme)
    columns, rows = store.read(
        f"MATCH (i:{L.Inspection})-[:{R.HAS_FINDING}]->(f:{L.Finding})-[:{R.ABOUT}]->(t:{L.Theme}) "
        f"WHERE f.{P.polarity} IN $polarities "
        f"RETURN i.{inspection.key} AS inspection, f.{finding.key} AS finding, f.{P.text} AS body, "
        f"f.{P.repeatOfPrevious} AS stated, collect(t.{theme.key}) AS themes",
        {"polarities": list(DEVELOPMENT_POLARITIES)},
    )
    records = [dict(zip(columns, values, strict=True)) for values in rows]
    lemmas = content_lemmas(record["body"] or "" for record in records)
    points: dict[str, list[_Point]] = defaultdict(list)
    for record, words in zip(records, lemmas, strict=True):
        points[record["inspection"]].append(
            _Point(
                record["finding"],
                record["inspection"],
                words,
                frozenset(record["themes"]),
                bool(record["stated"]),
            )
        )
    return points


def compute_previous(by_authority: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {
        (later, earlier)
        for chain in by_authority.values()
        for earlier, later in zip(chain, chain[1:], strict=False)
    }


def compute_repeats(
    by_authority: dict[str, list[str]],
    points: dict[str, list[_Point]],
    threshold: float = SIMILARITY_THRESHOLD,
) -> dict[tuple[str, str], tuple[str, float]]:
    """(later finding, earlier finding) -> (method, similarity).

    A later point is linked once, to the most recent earlier inspection that has a match: the best
    scoring earlier point on a shared theme, accepted if the later text says it is a repeat or the
    similarity reaches the threshold. Chains of repeats then run inspection to inspection.

    Each inspection's points are indexed by theme, so a point meets only those sharing a theme with it;
    a point that does not say it is a repeat skips those whose size alone keeps them under the
    threshold (|a & b| / |a | b| <= min / max), which cannot change its match.
    """
    by_theme = {inspection: _by_theme(found) for inspection, found in points.items()}
    repeats: dict[tuple[str, str], tuple[str, float]] = {}
    for chain in by_authority.values():
        for k, later_inspection in enumerate(chain):
            for point in points.get(later_inspection, []):
                size = len(point.lemmas)
                for earlier_inspection in reversed(chain[:k]):
                    index = by_theme.get(earlier_inspection, {})
                    candidates = {other for theme in point.themes for other in index.get(theme, ())}
                    if not point.stated_repeat:
                        candidates = {
                            other
                            for other in candidates
                            if min(size, len(other.lemmas)) >= threshold * max(size, len(other.lemmas))
                        }
                    if not candidates:
                        continue
                    similarity, target = min(
                        (-jaccard(point.lemmas, other.lemmas), other.id) for other in candidates
                    )
                    similarity = round(-similarity, 4)
                    if point.stated_repeat:
                        repeats[(point.id, target)] = (METHOD_STATED, similarity)
                        break
                    if similarity >= threshold:
                        repeats[(point.id, target)] = (METHOD_SIMILARITY, similarity)
                        break
    return repeats


def _by_theme(found: list[_Point]) -> dict[str, list[_Point]]:
    index: dict[str, list[_Point]] = defaultdict(list)
    for point in found:
        for theme in point.themes:
            index[theme].append(point)
    return index


def _existing(
    store: GraphStore, type_: str, label: str, names: tuple[str, ...]
) -> dict[tuple[str, str], tuple]:
    key = node_type(label).key
    extra = "".join(f", r.{name} AS {name}" for name in names)
    _, rows = store.read(
        f"MATCH (a:{label})-[r:{type_}]->(b:{label}) RETURN a.{key} AS source, b.{key} AS target{extra}"
    )
    return {(row[0], row[1]): tuple(row[2:]) for row in rows}


def _delete(type_: str, label: str, pairs: Iterable[tuple[str, str]]) -> Statement:
    key = node_type(label).key
    return (
        f"UNWIND $rows AS row MATCH (a:{label} {{{key}: row.source}})-[r:{type_}]->(b:{label}) "
        f"WHERE b.{key} = row.target DELETE r",
        {"rows": [{"source": s, "target": t} for s, t in sorted(pairs)]},
    )


def _merge(type_: str, label: str, rows: list[dict[str, Any]], names: tuple[str, ...]) -> Statement:
    key = node_type(label).key
    assignments = ", ".join(f"r.{name} = row.{name}" for name in names)
    return (
        # Two MATCH clauses: LadybugDB plans `MATCH (a ...), (b ...)` as a scan of the label's table.
        f"UNWIND $rows AS row MATCH (a:{label} {{{key}: row.source}}) "
        f"MATCH (b:{label} {{{key}: row.target}}) MERGE (a)-[r:{type_}]->(b)"
        + (f" SET {assignments}" if assignments else ""),
        {"rows": rows},
    )


def recompute_links(store: GraphStore, threshold: float = SIMILARITY_THRESHOLD) -> LinkCounts:
    """Brings PREVIOUS and REPEATS in line with the graph's inspections and findings, in one transaction."""
    by_authority = _inspections_by_authority(store)
    previous = compute_previous(by_authority)
    repeats = compute_repeats(by_authority, _points(store), threshold)
    repeat_props = (P.method, P.similarity)
    has_previous = _existing(store, R.PREVIOUS, L.Inspection, ())
    has_repeats = _existing(store, R.REPEATS, L.Finding, repeat_props)

    statements: list[Statement] = []
    stale_previous = set(has_previous) - previous
    new_previous = previous - set(has_previous)
    stale_repeats = set(has_repeats) - set(repeats)
    changed_repeats = {pair: value for pair, value in repeats.items() if has_repeats.get(pair) != value}
    if stale_previous:
        statements.append(_delete(R.PREVIOUS, L.Inspection, stale_previous))
    if stale_repeats:
        statements.append(_delete(R.REPEATS, L.Finding, stale_repeats))
    if new_previous:
        pairs = [{"source": s, "target": t} for s, t in sorted(new_previous)]
        statements.append(_merge(R.PREVIOUS, L.Inspection, pairs, ()))
    if changed_repeats:
        rows: list[dict[str, Any]] = [
            {"source": s, "target": t, P.method: method, P.similarity: similarity}
            for (s, t), (method, similarity) in sorted(changed_repeats.items())
        ]
        statements.append(_merge(R.REPEATS, L.Finding, rows, repeat_props))
    written = len(stale_previous) + len(new_previous) + len(stale_repeats) + len(changed_repeats)
    if statements:
        store.write(statements)
    return LinkCounts(previous=len(previous), repeats=len(repeats), written=written)
