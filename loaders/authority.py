"""The authority a document is about: the name as stated, resolved against the reference table."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from loaders.authorities import AuthorityRef, find_mentions, resolve

# Where documents state the authority, most specific first.
_STATED = (
    re.compile(r"children's services in (.{3,90}?) which was conducted", re.I),
    re.compile(r"^Inspection of (.{3,90}?)\s+local authority\s+children's services", re.I | re.M | re.S),
    re.compile(
        r"^Focused visit to (.{3,90}?)\s+(?:local authority\s+)?children's services", re.I | re.M | re.S
    ),
    re.compile(
        r"unannounced inspection of contact,? referral and assessment arrangements within (.{3,90}?) "
        r"children's services",
        re.I,
    ),
)


def _first_line(text: str) -> str:
    return text.lstrip().split("\n", 1)[0].strip()


def find_authority(text: str, on: date | None) -> tuple[str, AuthorityRef] | None:
    """(stated name, authority) from the document's own wording, else from the names it mentions most."""
    front = text[:6000]
    candidates = [" ".join(m.group(1).split()) for pattern in _STATED for m in pattern.finditer(front)]
    candidates.append(_first_line(text))
    for stated in candidates:
        if len(stated) <= 90:
            authority = resolve(stated, on=on)
            if authority:
                return stated, authority
    mentions = find_mentions(front, on)
    if not mentions:
        return None
    most = Counter(m.authority.code for m in mentions).most_common(1)[0][0]
    first = next(m for m in mentions if m.authority.code == most)
    return first.stated, first.authority
