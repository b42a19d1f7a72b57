"""Canned Cypher queries: one NAME.cypher file per query, with a header that describes it.

Header lines, before the Cypher:
    // name: NAME
    // description: what the query answers
    // param: NAME TYPE = DEFAULT : description      (TYPE is string, integer, float or boolean)
    // param: NAME integer to MAX = DEFAULT : ...     (an integer of at most MAX, itself at most MAX_INTEGER)
    // columns: a, b, c
    // search: NAME                                  (optional; see CannedQuery.search)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import Any

_PARAM = re.compile(
    r"^(?P<name>\w+)\s+(?P<type>string|integer|float|boolean)(?:\s+to\s+(?P<maximum>\d+))?"
    r"\s*=\s*(?P<default>.*?)\s*:\s*(?P<doc>.*)$"
)
_TRUE = {"true", "1", "yes"}
# Integer parameters are counts, offsets and years: a bound keeps absurd values away from the
# stores. LadybugDB 0.22 crashes the process on SKIP of about 7,000 and more in some queries;
# no page of this graph needs an offset near that.
MAX_INTEGER = 5_000
# What a search query passes to the store's claim search.
SEARCH_PARAMETERS = frozenset({"text", "authority", "polarity", "limit"})
_FALSE = {"false", "0", "no"}


class QueryError(ValueError):
    """A query that does not exist or parameters that do not fit it."""


class ParameterError(QueryError):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"parameter {parameter!r}: {message}")
        self.parameter = parameter


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: Any
    description: str
    maximum: int = MAX_INTEGER  # of an integer: what the data kept for the query can answer

    def coerce(self, value: Any) -> Any:
        """The value in this parameter's type; text (from a URL or a command line) is parsed."""
        try:
            if self.type == "string":
                if not isinstance(value, str):
                    raise ValueError("expected text")
                return value
            if self.type == "integer":
                if isinstance(value, bool):
                    raise ValueError("expected an integer")
                number = int(value)
                if not 0 <= number <= self.maximum:
                    raise ParameterError(self.name, f"{number} is outside 0 to {self.maximum}")
                return number
            if self.type == "float":
                if isinstance(value, bool):
                    raise ValueError("expected a number")
                return float(value)
            text = str(value).lower()
            if isinstance(value, bool) or text in _TRUE | _FALSE:
                return value if isinstance(value, bool) else text in _TRUE
            raise ValueError("expected true or false")
        except ParameterError:
            raise
        except (TypeError, ValueError) as error:
            raise ParameterError(self.name, f"{value!r} is not a valid {self.type}") from error


@dataclass(frozen=True)
class CannedQuery:
    name: str
    description: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    cypher: str
    # A query over a word search of claims names here the parameter that receives the ids the
    # store's full-text index finds for its `text`, `authority`, `polarity` and `limit` parameters
    # (GraphStore.search_claims): the indexes differ between the stores, the Cypher does not.
    search: str | None = None

    def bind(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Every parameter with a value: the given ones checked and typed, the others defaulted."""
        known = {p.name: p for p in self.parameters}
        for name in given:
            if name not in known:
                raise ParameterError(
                    name, f"unknown for query {self.name!r} (known: {', '.join(known) or 'none'})"
                )
        return {name: p.coerce(given[name]) if name in given else p.default for name, p in known.items()}


def parse(text: str, source: str) -> CannedQuery:
    header: dict[str, list[str]] = {}
    body: list[str] = []
    for line in text.splitlines():
        match = re.match(r"^//\s*(\w+):\s*(.*)$", line)
        if match and not body:
            header.setdefault(match.group(1), []).append(match.group(2).strip())
        elif line.strip() or body:
            body.append(line)
    try:
        name = header["name"][0]
        description = header["description"][0]
        columns = tuple(c.strip() for c in header["columns"][0].split(","))
    except KeyError as missing:
        raise QueryError(f"{source}: the header has no {missing.args[0]!r} line") from None
    parameters = []
    for spec in header.get("param", []):
        match = _PARAM.match(spec)
        if not match:
            raise QueryError(f"{source}: cannot read the parameter line {spec!r}")
        maximum = int(match["maximum"] or MAX_INTEGER)
        if match["maximum"] and (match["type"] != "integer" or maximum > MAX_INTEGER):
            raise QueryError(f"{source}: only an integer has a maximum, of at most {MAX_INTEGER}: {spec!r}")
        param = Parameter(match["name"], match["type"], None, match["doc"], maximum)
        default = json.loads(match["default"]) if match["default"].startswith('"') else match["default"]
        parameters.append(replace(param, default=param.coerce(default)))
    search = header.get("search", [None])[0]
    if search is not None:
        lacking = SEARCH_PARAMETERS - {p.name for p in parameters}
        if lacking:
            raise QueryError(f"{source}: a search query needs the parameters {', '.join(sorted(lacking))}")
    return CannedQuery(name, description, tuple(parameters), columns, "\n".join(body).strip(), search)


@cache
def catalog() -> dict[str, CannedQuery]:
    queries = {}
    for entry in sorted(files("queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            query = parse(entry.read_text(encoding="utf-8"), entry.name)
            if f"{query.name}.cypher" != entry.name:
                raise QueryError(f"{entry.name}: the header names it {query.name!r}")
            queries[query.name] = query
    return queries


def get(name: str) -> CannedQuery:
    try:
        return catalog()[name]
    except KeyError:
        raise QueryError(f"no canned query {name!r} (see the list of queries)") from None
