"""Stable identifiers: the same fact extracted twice, or from two documents, gets the same key."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "hmi"}


def slug(text: str) -> str:
    text = re.sub(r"['’]", "", text)  # "D’Inverno" and "D'Inverno" are one name
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def person_key_parts(name: str) -> list[str]:
    """Name parts that identify a person: honorifics and middle initials do not split a person."""
    parts = [p for p in re.split(r"[\s.]+", name) if p]
    parts = [p for p in parts if p.lower().strip(",") not in _HONORIFICS]
    if len(parts) > 2:
        parts = [parts[0]] + [p for p in parts[1:-1] if len(p.strip(".")) > 1] + [parts[-1]]
    return parts


def inspector_id(name: str) -> str:
    return slug(" ".join(person_key_parts(name)))


def inspection_id(authority_code: str, framework: str, when: date) -> str:
    return f"{authority_code}-{framework}-{when.isoformat()}"


def finding_id(inspection: str, document_sha256: str, ordinal: int) -> str:
    # Offsets belong to one document, so the document is part of a finding's identity.
    return f"{inspection}-{document_sha256[:8]}-{ordinal:03d}"


def judgement_id(inspection: str, area: str) -> str:
    return f"{inspection}-{slug(area)}"
