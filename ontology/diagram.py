"""The graph model as a Mermaid diagram, from the ontology: `python -m ontology.diagram` rewrites the
README's picture of it (between the markers below), or prints it with `--print`.

Mermaid, because the README is read where it renders Mermaid as a picture, and a text diagram keeps
diffs of the model readable; a test checks that the README's copy is the generated one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ontology.vocabulary import PropertyDef, vocabulary

BEGIN = "<!-- model diagram: generated from ontology/inspection.ttl by python -m ontology.diagram -->"
END = "<!-- end of model diagram -->"
README = Path(__file__).resolve().parent.parent / "README.md"
_TYPES = {"string": "string", "integer": "int", "double": "float", "boolean": "bool"}


def _attribute(prop: PropertyDef, key: str) -> str:
    kind = _TYPES.get(prop.value_type, prop.value_type)
    return f"        {kind}{'[]' if prop.many else ''} {prop.name}{' PK' if prop.name == key else ''}"


def mermaid() -> str:
    """An entity-relationship diagram: each label with its properties (key marked PK), each
    relationship type as an edge named by its type and properties."""
    vocab = vocabulary()
    lines = ["```mermaid", "erDiagram"]
    for node in vocab.nodes.values():
        lines.append(f"    {node.label} {{")
        lines += [_attribute(prop, node.key) for prop in node.properties]
        lines.append("    }")
    for rel in vocab.relationships.values():
        props = ", ".join(p.name for p in rel.properties)
        label = f"{rel.type} {{{props}}}" if props else rel.type
        lines.append(f'    {rel.source} }}o--o{{ {rel.target} : "{label}"')
    lines.append("```")
    return "\n".join(lines)


def with_diagram(readme: str) -> str:
    """The README text with its diagram section replaced by the generated one."""
    head, begin, rest = readme.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise ValueError(f"README.md has no section between {BEGIN!r} and {END!r}")
    return f"{head}{BEGIN}\n{mermaid()}\n{END}{tail}"


def main(argv: list[str]) -> None:
    if "--print" in argv:
        print(mermaid())
        return
    README.write_text(with_diagram(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote the model diagram into {README.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
