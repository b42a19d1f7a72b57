"""The word search of claims on Neo4j: the full-text index, or the claims newest first, whichever
reads less.

Neo4j's full-text procedure returns its matches by relevance and takes no sort (5.26: skip, limit and
analyzer only), and the search answers newest inspection first: through the index, every match is
read, checked against the words' pattern and sorted before the first `limit` are kept (0.4 s for
the 29,219 claims about "supervision" at 10,000 documents, 13 s for "children" with a limit of
5,000). The other way is to read the claims newest inspection first, through the range index on the
inspection's start date, and stop at the `limit`-th match: cheap for a frequent word, the whole
graph for a rare one (13.6 s). So the index first counts its matches, up to the number past which
reading newest first costs less, and the search takes the cheaper way. Both give the same claims in
the same order (`tests/test_claim_search.py`).

The cost model, measured at 10,000 documents: a claim read newest first costs about 0.4 of a match
read through the index (5.4 µs against 13.5 µs, pattern and sort included). Reading newest first
reads about `limit / density` claims (the density of matches among the claims searched), the index
all its matches: with `claims` claims searched and `hits` matches, newest first is cheaper when
`hits * 1 > 0.4 * limit * claims / hits`, that is when `hits` exceeds sqrt(0.4 * limit * claims);
for one authority, when the index's matches (of every authority) cost more than reading the
authority's claims at all. The index's count stands for the matches only when the words are all
letters (it drops digits: "section 47" counts every "section"), and a polarity narrows the matches
by an unknown fraction, so a search with digits or a polarity takes the index.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from graph.names import P, node_type
from ontology import L, R

# A claim read newest first, against a match read through the full-text index (measured above).
SCAN_COST_PER_MATCH = 0.4

Read = Callable[[str, Mapping[str, Any]], list[list[Any]]]

_AUTHORITY = f"(a.{node_type(L.Authority).key} = $authority OR lower(a.{P.name}) = lower($authority))"


def newest_first_is_cheaper(read: Read, index: str, phrase: str, authority: str, limit: int) -> bool:
    """Whether reading the claims newest first reads less than the full-text index would."""
    every = int(read(f"MATCH (f:{L.Finding}) RETURN count(f)", {})[0][0])  # Neo4j's count store
    claims = _authority_claims(read, authority) if authority else every
    if not claims:
        return False
    bound = math.sqrt(SCAN_COST_PER_MATCH * max(limit, 1) * every)
    if authority:
        bound = min(bound, SCAN_COST_PER_MATCH * claims)
    cap = math.ceil(bound)
    rows = read(
        "CALL db.index.fulltext.queryNodes($index, $phrase, {limit: $cap}) YIELD node RETURN count(node)",
        {"index": index, "phrase": phrase, "cap": cap},
    )
    return int(rows[0][0]) >= cap


def newest_first(read: Read, claim_pattern: str, authority: str, limit: int) -> list[str]:
    """The ids of the first `limit` claims whose lower-cased text matches `claim_pattern`, of the
    authority ('' any), read inspection by inspection, newest first, then by id; the inspections
    with no start date last, as the index's search orders them."""
    if authority:
        inspections = (
            f"MATCH (a:{L.Authority}) WHERE {_AUTHORITY} WITH a LIMIT 1 "
            f"MATCH (a)<-[:{R.OF_AUTHORITY}]-(i:{L.Inspection}) WHERE "
        )
    else:
        inspections = f"MATCH (i:{L.Inspection}) WHERE "
    key = node_type(L.Finding).key
    found = _ids(
        read,
        f"{inspections}i.{P.startDate} IS NOT NULL WITH i ORDER BY i.{P.startDate} DESC "
        f"MATCH (i)-[:{R.HAS_FINDING}]->(f:{L.Finding}) WHERE lower(f.{P.text}) =~ $pattern "
        f"RETURN f.{key} AS id ORDER BY i.{P.startDate} DESC, id LIMIT $limit",
        {"pattern": claim_pattern, "authority": authority, "limit": limit},
    )
    if len(found) < limit:
        found += _ids(
            read,
            f"{inspections}i.{P.startDate} IS NULL "
            f"MATCH (i)-[:{R.HAS_FINDING}]->(f:{L.Finding}) WHERE lower(f.{P.text}) =~ $pattern "
            f"RETURN f.{key} AS id ORDER BY id LIMIT $limit",
            {"pattern": claim_pattern, "authority": authority, "limit": limit - len(found)},
        )
    return found


def _ids(read: Read, cypher: str, params: Mapping[str, Any]) -> list[str]:
    return [str(row[0]) for row in read(cypher, params)]


def _authority_claims(read: Read, authority: str) -> int:
    rows = read(
        f"MATCH (a:{L.Authority}) WHERE {_AUTHORITY} WITH a LIMIT 1 "
        f"MATCH (a)<-[:{R.OF_AUTHORITY}]-(i:{L.Inspection}) "
        f"RETURN sum(COUNT {{ (i)-[:{R.HAS_FINDING}]->() }})",
        {"authority": authority},
    )
    return int(rows[0][0] or 0)
