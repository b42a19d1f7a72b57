"""Every Browser content file, by its path in this folder, as generated from the ontology and queries/."""

from __future__ import annotations

import queries
from browser.guide import guide_html
from browser.scripts import favorite
from browser.style import grass

GUIDE = "guide.html"
STYLE = "style.grass"
FAVORITES = "favorites"


def generated() -> dict[str, str]:
    files = {GUIDE: guide_html(), STYLE: grass()}
    files |= {f"{FAVORITES}/{q.name}.cypher": favorite(q) for q in queries.catalog().values()}
    return files
