"""Serves the Neo4j Browser content (browser/: guide, style, favourites) under /browser/.

The Browser fetches a guide or a style from the analyst's web browser, from its own origin (the
Neo4j server's), so these answers allow any origin; they are public, read-only files.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from browser.content import generated

router = APIRouter(prefix="/browser", include_in_schema=False)

_MEDIA_TYPES = {".html": "text/html; charset=utf-8", ".grass": "text/plain; charset=utf-8"}
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    # The Browser asks for guides with no-cache headers, which need a preflight.
    "Access-Control-Allow-Headers": "pragma, cache-control, content-type",
    "Access-Control-Max-Age": "600",
}


@cache
def _served() -> frozenset[str]:
    return frozenset(generated())


@router.get("/{name:path}")
def content(name: str) -> Response:
    if name not in _served():
        raise HTTPException(404, detail=f"no Browser content {name!r}")
    text = (files("browser") / name).read_text(encoding="utf-8")
    media_type = next((t for s, t in _MEDIA_TYPES.items() if name.endswith(s)), "text/plain; charset=utf-8")
    return Response(text, media_type=media_type, headers=_CORS)


@router.options("/{name:path}")
def preflight(name: str) -> Response:
    return Response(status_code=204, headers=_CORS)
