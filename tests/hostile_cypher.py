"""The corpus of hostile Cypher in tests/data/hostile_cypher.jsonl, and what each entry may get back.

Each entry has a `class` (engine statement, comment trick, unicode trick, overflow, deep nesting,
huge value, values, reading query ...), the `query`, optional `params`, and `expect`:
- refused: the guard refuses it (400, "refused: ..."); checked here before it is ever sent, so a
  statement that would fetch from a URL or load code never reaches an engine;
- limited: answered, or stopped by a limit or an engine error with a clear 4xx, never a 500;
- answered: 200 with rows;
- answered_or_failed: 200, or a 400 naming the engine's error (values one engine lacks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.cypher_guard import CypherRefused, check_params, check_read_only

CORPUS = Path(__file__).parent / "data" / "hostile_cypher.jsonl"
STATUSES = {
    "refused": {400},
    "limited": {200, 400, 408, 422},
    "answered": {200},
    "answered_or_failed": {200, 400},
}


@dataclass(frozen=True)
class Entry:
    kind: str
    query: str
    expect: str
    params: dict[str, Any] = field(default_factory=dict)

    def guard_refuses(self) -> bool:
        try:
            check_read_only(self.query)
            check_params(self.params)
        except CypherRefused:
            return True
        return False


def corpus() -> list[Entry]:
    entries = []
    for line in CORPUS.read_text().splitlines():
        raw = json.loads(line)
        entries.append(Entry(raw["class"], raw["query"], raw["expect"], raw.get("params") or {}))
    return entries
