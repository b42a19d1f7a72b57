"""What a user's Cypher may be: a reading query, decided on its tokens by an allowlist.

A query passes only if it opens with a reading clause, every keyword in it is a keyword of reading
queries, every function it calls is on the function allowlist and every procedure on the procedure
allowlist, and it is one statement within the size limits below. A word in keyword position that is
not on the allowlist is refused, whether or not it is a command this check has heard of; a known
command word (LOAD, COPY, INSTALL ...) is refused wherever it stands outside a name position.

This is the first of three walls: the engine then confirms the query reads only (graph.untrusted),
and it runs in a worker process opened read-only, with a deadline and a memory limit
(api.cypher_workers).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from api.cypher_tokens import CypherRefused, Kind, Token, tokenize

__all__ = ["CypherRefused", "check_params", "check_read_only"]

MAX_QUERY_LENGTH = 20_000
# Brackets nested deeper than this are refused: LadybugDB's parser overflows its stack (the process
# dies) somewhere between 1,000 and 5,000 levels, and no real query needs a tenth of this.
MAX_NESTING = 100
# LadybugDB parses nested CASE in time exponential in the depth (1 s at 20 levels, minutes at 30).
MAX_CASE_NESTING = 10
# Operators in one query: LadybugDB's binder recurses once per operator of a chain and dies at a few
# thousand (`1+1+...+1`, 9,000 terms); 1,000 operators bind in about 0.1 s.
MAX_OPERATORS = 1_000
# Values built inside expressions are outside Neo4j 5's memory tracking (neo4j/neo4j#13848): one
# list comprehension inside another, or over a huge range(), exhausts the server's heap and stops it.
# So range() given literal bounds may span at most this many values, and comprehensions may not nest.
MAX_RANGE = 1_000_000
# Parameters: nesting of lists and maps, and elements in all.
MAX_PARAM_DEPTH = 32
MAX_PARAM_VALUES = 1_000_000

# Clauses a reading query may open with.
OPENING = frozenset({"MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CALL"})
# Every keyword a reading query needs, in both engines' dialects.
READ_KEYWORDS = OPENING | frozenset(
    {
        "WHERE", "AS", "ORDER", "BY", "SKIP", "OFFSET", "LIMIT", "ASC", "ASCENDING", "DESC",
        "DESCENDING", "DISTINCT", "UNION", "ALL", "AND", "OR", "XOR", "NOT", "IN", "IS", "NULL",
        "TRUE", "FALSE", "CASE", "WHEN", "THEN", "ELSE", "END", "STARTS", "ENDS", "CONTAINS",
        "YIELD", "EXISTS", "COUNT", "COLLECT", "ANY", "NONE", "SINGLE", "SHORTEST", "WSHORTEST",
        "TRAIL", "ACYCLIC", "WALK", "NAN", "INF", "INFINITY",
    }
)  # fmt: skip
# Words that open a command, a write or administration in Neo4j or LadybugDB: refused wherever they
# stand outside a name position, with a reason. The other words of such commands (FROM, TO, TABLE,
# INDEX, USER, ROLE ...) may name variables; where one stands in keyword position it is refused all the
# same, since only reading keywords may stand there.
COMMAND_WORDS = {
    "the query writes; only reading queries are allowed": {
        "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "RENAME",
        "FOREACH", "INSERT", "UPDATE",
    },
    "reading or writing files or URLs is not allowed": {"LOAD", "COPY", "EXPORT", "IMPORT"},
    "loading code or attaching databases is not allowed": {"INSTALL", "UNINSTALL", "ATTACH"},
    "transaction and database control commands are not allowed": {
        "BEGIN", "COMMIT", "ROLLBACK", "TRANSACTIONS", "CHECKPOINT", "PERIODIC", "USING", "FINISH",
        "TERMINATE", "EXPLAIN", "PROFILE",
    },
    "administration commands are not allowed": {
        "SHOW", "START", "STOP", "GRANT", "REVOKE", "DENY", "ENABLE", "DISABLE",
    },
    "switching databases is not allowed": {"USE"},
}  # fmt: skip
_REFUSED_WORDS = {word: reason for reason, words in COMMAND_WORDS.items() for word in words}

# Pure functions (lower case), from the Cypher manual and LadybugDB's function list: none reads a
# file, the network or the store's configuration.
FUNCTIONS = frozenset(
    {
        # aggregation
        "count", "sum", "avg", "min", "max", "collect", "stdev", "stdevp", "percentilecont",
        "percentiledisc",
        # lists and predicates
        "size", "length", "head", "last", "tail", "range", "reverse", "coalesce", "reduce", "all",
        "any", "none", "single", "exists", "isempty", "keys", "properties", "labels", "label",
        "type", "nodes", "relationships", "rels", "startnode", "endnode", "id", "elementid",
        "list_concat", "list_cat", "list_append", "list_prepend", "list_contains", "list_has",
        "list_position", "list_extract", "list_element", "list_slice", "list_sort",
        "list_reverse_sort", "list_distinct", "list_unique", "list_sum", "list_product",
        "list_any_value", "list_to_string", "list_transform", "list_filter", "list_reduce",
        "list_has_all", "array_contains", "array_extract", "array_slice", "nullif", "cast",
        "typeof", "offset", "is_trail", "is_acyclic", "cost",
        # strings
        "tolower", "toupper", "lower", "upper", "lcase", "ucase", "trim", "ltrim", "rtrim",
        "btrim", "replace", "substring", "substr", "left", "right", "split", "string_split",
        "tostring", "tostringornull", "contains", "starts_with", "ends_with", "prefix", "suffix",
        "concat", "concat_ws", "lpad", "rpad", "repeat", "instr", "strpos", "position",
        "regexp_matches", "regexp_replace", "regexp_extract", "regexp_extract_all",
        "regexp_split_to_array", "levenshtein", "initcap", "char_length", "character_length",
        "normalize", "array_to_string", "format",
        # numbers
        "abs", "ceil", "ceiling", "floor", "round", "sign", "sqrt", "cbrt", "exp", "log", "log2",
        "log10", "ln", "e", "pi", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "cot",
        "degrees", "radians", "haversin", "pow", "power", "gamma", "lgamma", "factorial",
        "even", "negate", "bitwise_xor", "tointeger", "tointegerornull", "tofloat",
        "tofloatornull", "toboolean", "tobooleanornull", "isnan", "greatest", "least",
        # dates and times
        "date", "datetime", "localdatetime", "localtime", "time", "timestamp", "duration",
        "interval", "date_part", "datepart", "date_trunc", "datetrunc", "dayname", "monthname",
        "last_day", "make_date", "epoch_ms", "to_epoch_ms", "century",
        "to_years", "to_months", "to_days", "to_hours", "to_minutes", "to_seconds",
        "current_date", "current_timestamp",
        # structures
        "struct_extract", "map", "map_extract", "element_at", "map_keys", "map_values",
        "cardinality", "union_value", "union_tag", "union_extract", "blob", "encode", "decode",
        "octet_length", "md5", "sha256", "gen_random_uuid", "randomuuid", "rand",
        # Neo4j's spatial, temporal and list helpers
        "point", "distance", "point.distance", "point.withinbbox", "duration.between",
        "duration.inmonths", "duration.indays", "duration.inseconds", "date.truncate",
        "datetime.truncate", "localdatetime.truncate", "datetime.fromepoch",
        "datetime.fromepochmillis", "valuetype", "isnormalized", "tostringlist",
        "tointegerlist", "tofloatlist", "tobooleanlist", "to_string",
    }
)  # fmt: skip
# Procedures that only read the schema or the store's own description, and Neo4j's full-text
# lookup (the Browser's word search of claims; it reads an index the server keeps).
PROCEDURES = frozenset(
    {
        "db.index.fulltext.querynodes",
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
# Symbols that are operators (for MAX_OPERATORS); brackets, commas and separators are not.
_OPERATOR_SYMBOLS = frozenset(
    {"<>", "<=", ">=", "=~", "!=", "=", "<", ">", "+", "-", "*", "/", "%", "^", ".", "||", "::"}
)
_OPERATOR_WORDS = frozenset({"AND", "OR", "XOR", "NOT", "IN", "IS", "CONTAINS", "STARTS", "ENDS"})
# Tokens after which an expression (or a pattern) is complete: a word that follows one of these
# stands where only a keyword may.
_ENDS_EXPRESSION = frozenset({Kind.QUOTED, Kind.STRING, Kind.NUMBER, Kind.PARAMETER})
_OPENING_BRACKETS = {"(": ")", "[": "]", "{": "}"}


def check_read_only(cypher: str) -> str:
    """The query, stripped, if it may run; CypherRefused, naming what is wrong, otherwise."""
    text = cypher.strip()
    if not text:
        raise CypherRefused("the query is empty")
    if len(text) > MAX_QUERY_LENGTH:
        raise CypherRefused(f"the query is longer than {MAX_QUERY_LENGTH} characters")
    _check_encodable(text, "the query")
    if "\x00" in text:
        raise CypherRefused("the query contains a NUL character")
    tokens = tokenize(text)
    if not tokens:
        raise CypherRefused("the query is empty (only comments)")
    if tokens[-1].text == ";" and tokens[-1].kind is Kind.SYMBOL:
        tokens = tokens[:-1]
    for token in tokens:
        if token.kind is Kind.SYMBOL and token.text == ";":
            raise CypherRefused(f"only one statement at a time is allowed (a `;` at offset {token.start})")
    _check_limits(tokens)
    first = tokens[0].word()
    if first not in OPENING:
        if first in _REFUSED_WORDS:
            raise CypherRefused(f"{first}: {_REFUSED_WORDS[first]}")
        raise CypherRefused(
            f"a reading query opens with {', '.join(sorted(OPENING))}; this one opens with {tokens[0].text!r}"
        )
    _check_words(tokens)
    _check_expression_shapes(tokens)
    return text


def check_params(params: Mapping[str, Any]) -> None:
    """Parameter values are data, but still bounded: depth, count, and text the engines can encode."""
    count = 0

    def walk(value: Any, depth: int, where: str) -> None:
        nonlocal count
        count += 1
        if count > MAX_PARAM_VALUES:
            raise CypherRefused(f"the parameters hold more than {MAX_PARAM_VALUES:,} values")
        if depth > MAX_PARAM_DEPTH:
            raise CypherRefused(f"parameter {where} nests lists or maps more than {MAX_PARAM_DEPTH} deep")
        if isinstance(value, str):
            _check_encodable(value, f"parameter {where}")
        elif isinstance(value, list):
            for item in value:
                walk(item, depth + 1, where)
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_encodable(str(key), f"a key of parameter {where}")
                walk(item, depth + 1, where)

    for name, value in params.items():
        _check_encodable(name, "a parameter name")
        walk(value, 0, repr(name))


def _check_encodable(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise CypherRefused(
            f"{what} holds a lone UTF-16 surrogate (U+{ord(text[error.start]):04X}) at offset "
            f"{error.start}: it is not text"
        ) from None


def _check_limits(tokens: list[Token]) -> None:
    depth = deepest = case_depth = operators = 0
    closers: list[str] = []
    for token in tokens:
        if token.kind is Kind.SYMBOL:
            if token.text in _OPENING_BRACKETS:
                closers.append(_OPENING_BRACKETS[token.text])
                depth += 1
                deepest = max(deepest, depth)
            elif token.text in ")]}":
                if not closers or closers.pop() != token.text:
                    raise CypherRefused(f"the bracket {token.text!r} at offset {token.start} closes nothing")
                depth -= 1
            elif token.text in _OPERATOR_SYMBOLS:
                operators += 1
        word = token.word()
        if word == "CASE":
            case_depth += 1
            if case_depth > MAX_CASE_NESTING:
                raise CypherRefused(f"CASE expressions are nested more than {MAX_CASE_NESTING} deep")
        elif word == "END":
            case_depth = max(0, case_depth - 1)
        elif word in _OPERATOR_WORDS:
            operators += 1
    if deepest > MAX_NESTING:
        raise CypherRefused(f"brackets are nested more than {MAX_NESTING} deep")
    if closers:
        raise CypherRefused(f"a bracket is not closed: {closers[-1]!r} expected")
    if operators > MAX_OPERATORS:
        raise CypherRefused(
            f"the query has more than {MAX_OPERATORS} operators: pass long lists or values as parameters"
        )


def _check_words(tokens: list[Token]) -> None:
    """Every word in the query, by where it stands: a name (property, label, map key, parameter), a
    reading keyword, a function or procedure on the allowlist, or a variable."""
    brackets: list[str] = []  # the open brackets around the current token
    in_labels = False  # inside a label or relationship-type expression (:A|B, :!C)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.kind is Kind.SYMBOL:
            if token.text in _OPENING_BRACKETS:
                brackets.append(token.text)
            elif token.text in ")]}":
                brackets.pop()
            if token.text == ":" and not (brackets and brackets[-1] == "{" and _is_map_key(tokens, i - 1)):
                in_labels = True
            elif not (in_labels and token.text in "|&!%"):
                in_labels = False
            i += 1
            continue
        if token.kind not in (Kind.NAME, Kind.QUOTED):
            in_labels = False
            i += 1
            continue
        chain_end = _chain_end(tokens, i)
        # a name before `(` calls a function, unless it is a label, a property or a type (AS DECIMAL(10, 2))
        named = in_labels or _is_symbol_token(before, ".") or (before is not None and before.word() == "AS")
        if _is_symbol(tokens, chain_end, "(") and not named:
            name = ".".join(t.text for t in tokens[i:chain_end:2])
            word = token.word() if chain_end == i + 1 else ""
            if word in READ_KEYWORDS and word.lower() not in FUNCTIONS:
                pass  # MATCH (, RETURN (, AND ( ...: a keyword before a bracket
            elif before is not None and before.word() == "CALL":
                _check_procedure(name)
            elif word in _REFUSED_WORDS:
                raise CypherRefused(f"{word}: {_REFUSED_WORDS[word]}")
            elif name.lower() not in FUNCTIONS:
                raise CypherRefused(f"the function {name}() is not on the allowlist of read-only functions")
            in_labels = False
            i = chain_end
            continue
        if before is not None and before.word() == "CALL":
            _check_procedure(".".join(t.text for t in tokens[i:chain_end:2]))
            i = chain_end
            continue
        if token.kind is Kind.QUOTED or in_labels or _is_symbol_token(before, "."):
            i += 1  # a name: label, type, property, or a variable in backticks
            continue
        if brackets and brackets[-1] == "{" and _is_map_key(tokens, i) and _is_symbol_token(after, ":"):
            i += 1
            continue
        word = token.word()
        if word in READ_KEYWORDS:
            i += 1
            continue
        if word in _REFUSED_WORDS:
            raise CypherRefused(f"{word}: {_REFUSED_WORDS[word]}")
        if before is not None and _ends_expression(before):
            raise CypherRefused(
                f"{token.text!r} at offset {token.start} stands where a keyword must, and it is not a "
                "keyword of reading queries"
            )
        i += 1  # a variable


def _check_expression_shapes(tokens: list[Token]) -> None:
    """No list comprehension inside another, and no range() over more than MAX_RANGE literal values."""
    comprehensions: list[bool] = []  # for each open `[`: whether it opens a list comprehension
    for i, token in enumerate(tokens):
        if _is_symbol_token(token, "["):
            opens = _opens_comprehension(tokens, i)
            if opens and any(comprehensions):
                raise CypherRefused(
                    f"a list comprehension inside another (offset {token.start}) is not allowed: Neo4j "
                    "does not bound the memory it takes"
                )
            comprehensions.append(opens)
        elif _is_symbol_token(token, "]") and comprehensions:
            comprehensions.pop()
        elif token.word() == "RANGE" and _is_symbol(tokens, i + 1, "("):
            bounds = _literal_arguments(tokens, i + 2)
            if bounds is not None and len(bounds) >= 2:
                step = bounds[2] if len(bounds) > 2 and bounds[2] else 1
                span = (bounds[1] - bounds[0]) // step + 1
                if span > MAX_RANGE:
                    raise CypherRefused(
                        f"range() over {span:,} values (offset {token.start}): at most {MAX_RANGE:,}"
                    )


def _opens_comprehension(tokens: list[Token], i: int) -> bool:
    """`[x IN ...`: a list comprehension (or a list predicate's body), not a list or an index."""
    return (
        i + 2 < len(tokens)
        and tokens[i + 1].kind in (Kind.NAME, Kind.QUOTED)
        and tokens[i + 2].word() == "IN"
        and not (i and _ends_expression(tokens[i - 1]))  # xs[i IN ...] is no comprehension
    )


def _literal_arguments(tokens: list[Token], i: int) -> list[int] | None:
    """The integer literals of a call's arguments starting at i (`1, -5, 10)`), or None if any is not one."""
    values: list[int] = []
    sign = 1
    while i < len(tokens):
        token = tokens[i]
        if _is_symbol_token(token, "-"):
            sign = -sign
        elif token.kind is Kind.NUMBER:
            try:
                values.append(sign * int(token.text, 0))
            except ValueError:
                return None
            sign = 1
        elif _is_symbol_token(token, ")"):
            return values
        elif not _is_symbol_token(token, ","):
            return None
        i += 1
    return None


def _check_procedure(name: str) -> None:
    if name.lower() not in PROCEDURES:
        raise CypherRefused(
            f"calling the procedure {name} is not allowed (allowed: {', '.join(sorted(PROCEDURES))})"
        )


def _chain_end(tokens: list[Token], i: int) -> int:
    """The index after a dotted name starting at i (`apoc.load.json`, `db.labels`, or just `count`)."""
    j = i + 1
    while (
        j + 1 < len(tokens) and _is_symbol(tokens, j, ".") and tokens[j + 1].kind in (Kind.NAME, Kind.QUOTED)
    ):
        j += 2
    return j


def _is_map_key(tokens: list[Token], i: int) -> bool:
    """Whether token i stands where a map literal's key does: right after `{` or a `,`."""
    return i >= 1 and tokens[i - 1].kind is Kind.SYMBOL and tokens[i - 1].text in "{,"


def _is_symbol(tokens: list[Token], i: int, text: str) -> bool:
    return i < len(tokens) and _is_symbol_token(tokens[i], text)


def _is_symbol_token(token: Token | None, text: str) -> bool:
    return token is not None and token.kind is Kind.SYMBOL and token.text == text


def _ends_expression(token: Token) -> bool:
    if token.kind in _ENDS_EXPRESSION:
        return True
    if token.kind is Kind.SYMBOL:
        return token.text in ")]}"
    return token.kind is Kind.NAME and token.word() not in READ_KEYWORDS
