"""Each canned query as a Browser script: `:param` commands that set its parameters, then its Cypher.

`:param name => value` is evaluated by the server, so an integer stays an integer (`:params {...}` is
parsed by the Browser itself and sends numbers as floats, which LIMIT refuses).
"""

from __future__ import annotations

from typing import Any

from graph.names import P, node_type
from graph.schema import CLAIM_WORDS_INDEX
from ontology import L, R
from queries import CannedQuery

# Parameters whose default (empty) answers nothing: an example that answers on the corpus and the seeds.
EXAMPLES = {"inspection": "E08000029-unannounced-contact-referral-assessment-2011-04-13"}


def cypher_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{text}'"


def param_commands(query: CannedQuery) -> list[str]:
    """One `:param` command per parameter, with its example or default value."""
    return [
        f":param {p.name} => {cypher_literal(EXAMPLES.get(p.name) or p.default)}" for p in query.parameters
    ]


def browser_cypher(query: CannedQuery) -> str:
    """The query as the Browser runs it. A search query's claims come from the server's full-text
    index in the same statement: its Lucene phrase finds the claims with the words' letters, and
    CONTAINS keeps those with the text itself (the API narrows by whole words instead, the same on
    both stores; see graph.claim_words)."""
    if query.search is None:
        return query.cypher
    finding, authority = node_type(L.Finding).key, node_type(L.Authority).key
    found = (
        f"CALL db.index.fulltext.queryNodes('{CLAIM_WORDS_INDEX}', '\"' + $text + '\"') YIELD node AS f\n"
        f"MATCH (a:{L.Authority})<-[:{R.OF_AUTHORITY}]-(i:{L.Inspection})-[:{R.HAS_FINDING}]->(f)\n"
        f"WHERE lower(f.{P.text}) CONTAINS lower($text) AND ($polarity = '' OR f.{P.polarity} = $polarity)\n"
        f"  AND ($authority = '' OR a.{authority} = $authority OR lower(a.{P.name}) = lower($authority))\n"
        f"WITH f, i ORDER BY i.{P.startDate} IS NULL, i.{P.startDate} DESC, f.{finding} LIMIT $limit\n"
        f"WITH collect(f.{finding}) AS {query.search}\n"
    )
    return found + query.cypher.replace(f"${query.search}", query.search)


def favorite(query: CannedQuery) -> str:
    """A favourite: its first comment line is the name the Browser shows; it runs as one multi-statement
    script (the parameters, then the query)."""
    lines = [f"// {query.name}", f"// {query.description}"]
    lines += [f"{command};" for command in param_commands(query)]
    return "\n".join(lines) + f"\n{browser_cypher(query)};\n"
