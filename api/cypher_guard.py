"""Checks on Cypher that users send, before it reaches a store.

The stores already run such Cypher read-only (a READ access-mode transaction on Neo4j, a read-only
database on the embedded store): that is what makes it safe. This check adds what read-only mode
does not cover (reading files or URLs, calling procedures, administration commands) and gives a
clear message instead of a store error.
"""

from __future__ import annotations

import re

MAX_QUERY_LENGTH = 20_000
# Brackets nested deeper than this are refused: LadybugDB's parser overflows its stack (the process
# dies) somewhere between 1,000 and 5,000 levels, and no real query needs a tenth of this.
MAX_NESTING = 100

# Procedures that only read the schema or the store's own description.
READ_ONLY_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "show_tables",
        "table_info",
    }
)

_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_FORBIDDEN = [
    (re.compile(r"\bLOAD\s+(CSV|FROM|EXTENSION)\b", re.I), "reading files or URLs (LOAD ...) is not allowed"),
    (
        re.compile(r"\b(COPY|EXPORT|IMPORT|ATTACH|DETACH\s+DATABASE|INSTALL)\b", re.I),
        "import and export commands are not allowed",
    ),
    (
        re.compile(r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DROP|ALTER|RENAME|GRANT|REVOKE|DENY)\b", re.I),
        "the query writes; only reading queries are allowed",
    ),
    (
        re.compile(r"\bIN\s+TRANSACTIONS\b|\bPERIODIC\s+COMMIT\b", re.I),
        "transactions of its own are not allowed",
    ),
    (
        re.compile(r"\b(START|STOP)\s+DATABASE\b|\bSHOW\s+(USERS|ROLES|PRIVILEGES|SERVERS)\b", re.I),
        "administration commands are not allowed",
    ),
    (re.compile(r"\bUSE\s+\w+", re.I), "switching databases is not allowed"),
    (
        re.compile(r"\b(BEGIN|COMMIT|ROLLBACK|CHECKPOINT|UNINSTALL|FORCE)\b", re.I),
        "transaction and database control commands are not allowed",
    ),
    (re.compile(r";\s*\S"), "only one statement at a time is allowed"),
]
# A procedure call, with or without parentheses; `CALL {` opens a subquery, which is checked as code.
_CALL = re.compile(r"\bCALL\s+([\w.`]+)", re.I)


class CypherRefused(ValueError):
    """A query the read-only endpoint does not run; the message says why."""


def _code_only(cypher: str) -> str:
    """The query with comments removed and string literals blanked: keywords inside text do not count."""
    without_comments = _COMMENT.sub(" ", cypher)
    return _STRING.sub("''", without_comments)


def _nesting(code: str) -> int:
    """The deepest nesting of (), [] and {} in the code."""
    depth = deepest = 0
    for char in code:
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth -= 1
    return deepest


def check_read_only(cypher: str) -> str:
    """The query, stripped, if it may run; CypherRefused otherwise."""
    text = cypher.strip()
    if not text:
        raise CypherRefused("the query is empty")
    if len(text) > MAX_QUERY_LENGTH:
        raise CypherRefused(f"the query is longer than {MAX_QUERY_LENGTH} characters")
    if "\x00" in text:
        raise CypherRefused("the query contains a NUL character")
    code = _code_only(text)
    if _nesting(code) > MAX_NESTING:
        raise CypherRefused(f"brackets are nested more than {MAX_NESTING} deep")
    for pattern, reason in _FORBIDDEN:
        if pattern.search(code):
            raise CypherRefused(reason)
    for match in _CALL.finditer(code):
        procedure = match.group(1).replace("`", "").lower()
        if procedure not in READ_ONLY_PROCEDURES:
            raise CypherRefused(f"calling the procedure {match.group(1)} is not allowed")
    return text
