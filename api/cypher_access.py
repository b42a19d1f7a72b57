"""Who may send their own Cypher: anyone on loopback; beyond it, only with the API key.

The canned queries and resources stay open: they run fixed, parameterised Cypher. `POST /cypher`
runs whatever a caller writes (read-only, capped, timed, but still the costliest route), so a server
bound beyond loopback serves it only to callers that present `IKG_API_KEY`, and refuses it to all
when no key is set.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable

from fastapi import HTTPException, Request


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve anywhere


def presented_key(request: Request) -> str:
    """The key from X-API-Key, or from Authorization: Bearer."""
    key = request.headers.get("x-api-key")
    if key:
        return key
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def cypher_access(api_key: str, exposed: bool) -> Callable[[Request], None]:
    """A FastAPI dependency for `POST /cypher`; `exposed`: the server binds beyond loopback."""

    def check(request: Request) -> None:
        if api_key:
            # compare_digest: the time taken does not tell how much of a guess was right
            if not hmac.compare_digest(presented_key(request).encode(), api_key.encode()):
                raise HTTPException(
                    401,
                    detail="POST /cypher needs the API key (X-API-Key or Authorization: Bearer)",
                    headers={"WWW-Authenticate": "Bearer"},
                )
        elif exposed:
            raise HTTPException(
                403, detail="POST /cypher is served beyond loopback only with an API key: set IKG_API_KEY"
            )

    return check
