"""Each canned query as a Browser script: `:param` commands that set its parameters, then its Cypher.

`:param name => value` is evaluated by the server, so an integer stays an integer (`:params {...}` is
parsed by the Browser itself and sends numbers as floats, which LIMIT refuses).
"""

from __future__ import annotations

from typing import Any

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


def favorite(query: CannedQuery) -> str:
    """A favourite: its first comment line is the name the Browser shows; it runs as one multi-statement
    script (the parameters, then the query)."""
    lines = [f"// {query.name}", f"// {query.description}"]
    lines += [f"{command};" for command in param_commands(query)]
    return "\n".join(lines) + f"\n{query.cypher};\n"
