"""The graph's Turtle export, built once per graph version and served from a file.

Building the export holds the whole RDF graph in memory for seconds; parallel requests for it
used to build it once each. Here one request builds it (the others wait for that one), the file is
kept while the graph is unchanged, and every answer streams from the file.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from graph.rdf_export import export_to
from graph.store import GraphStore


class ExportCache:
    def __init__(self) -> None:
        self._temporary = tempfile.TemporaryDirectory(prefix="ikg-export-")
        self.folder = Path(self._temporary.name)
        self._lock = threading.Lock()

    def turtle(self, store: GraphStore) -> Path:
        """The file of the current graph's export, built if this version has none yet."""
        path = self.folder / f"{store.version()}.ttl"
        with self._lock:
            if not path.exists():
                for old in self.folder.glob("*.ttl"):
                    old.unlink()
                export_to(store, path, "ttl")  # a file that exists is whole
        return path

    def close(self) -> None:
        self._temporary.cleanup()
