"""A canned query's header: a parameter's maximum is read from it, enforced, and refused where it
cannot apply."""

from __future__ import annotations

import pytest

from queries import MAX_INTEGER, ParameterError, QueryError, parse

BODY = "// columns: n\nRETURN $n AS n\n"


def _query(param: str) -> str:
    return f"// name: q\n// description: d\n// param: {param}\n{BODY}"


def test_an_integer_takes_its_maximum_from_the_header() -> None:
    query = parse(_query("n integer to 10 = 3 : how many"), "q.cypher")
    (n,) = query.parameters
    assert (n.default, n.maximum) == (3, 10)
    assert query.bind({"n": "10"}) == {"n": 10}
    with pytest.raises(ParameterError, match="11 is outside 0 to 10"):
        query.bind({"n": 11})


def test_without_a_maximum_an_integer_is_bounded_by_the_catalogue_bound() -> None:
    (n,) = parse(_query("n integer = 3 : how many"), "q.cypher").parameters
    assert n.maximum == MAX_INTEGER


@pytest.mark.parametrize(
    "param", ['n string to 10 = "a" : text', f"n integer to {MAX_INTEGER + 1} = 3 : too many"]
)
def test_a_maximum_that_cannot_apply_is_refused(param: str) -> None:
    with pytest.raises(QueryError, match="only an integer has a maximum"):
        parse(_query(param), "q.cypher")


def test_a_default_above_the_maximum_is_refused() -> None:
    with pytest.raises(ParameterError, match="outside 0 to 10"):
        parse(_query("n integer to 10 = 11 : how many"), "q.cypher")
