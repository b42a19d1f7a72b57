"""The version of the extraction pipeline: a digest of everything that decides what a document
becomes, the loaders' code, trained models and data and the ontology they read (the theme scheme's
cues among it). A store records it on each document, and a load reads again a document that another
version read (`ingest.pipeline`), so that a retrained model or a fixed reading reaches the documents
loaded before it rather than leaving them as they were."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
_SOURCES = ("loaders", "ontology")


@cache
def extractor_version() -> str:
    digest = hashlib.sha256()
    for folder in _SOURCES:
        for path in sorted((_ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(_ROOT).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]
