"""The embedded store's full-text index of claims: SQLite FTS5, in a file beside the graph.

LadybugDB's full-text index is an extension that is not in its wheel and would be downloaded at run
time, which this project never does; SQLite's FTS5 is in Python's standard library. The index holds,
per claim, its words (`graph.claim_words.normalized`, so an FTS5 phrase is exactly the search's
phrase), its polarity, its authority and its inspection, with a row id that sorts by the
inspection's start date, so the newest matches come first without sorting every match.

It is kept in step with the graph per inspection: a write records the inspections whose claims it
may change as pending (committed in SQLite before the graph commits), and once the graph has
committed, or rolled back, re-reads their claims from the graph and clears the record. A process
that dies between the two leaves the record, and the next writer to open the store re-reads them, so
the index never keeps a claim the graph lost or misses one the graph has.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from graph.claim_words import normalized

INDEX_FILE = "claims.sqlite"
# Raised when the tables or what they hold change: an index of another format is rebuilt.
FORMAT = "1"
_SEQUENCE_BITS = 32


@dataclass(frozen=True)
class IndexedClaim:
    inspection: str
    start_date: date | None
    authority: str
    finding: str
    text: str
    polarity: str | None


class ClaimIndex:
    """The index of one store folder. Read-only, it answers only if the file is there, of this
    format, and not waiting for a writer to finish (`usable`)."""

    def __init__(self, folder: Path, read_only: bool) -> None:
        self.path = folder / INDEX_FILE
        self.read_only = read_only
        self._db: sqlite3.Connection | None = None
        if read_only:
            if self.path.exists():
                # The API's threads share the store, and the store's lock orders their calls.
                self._db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
            return
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        if self._format() != FORMAT:
            self._create()

    def _format(self) -> str | None:
        assert self._db is not None
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.OperationalError:  # no tables yet
            return None
        return row[0] if row else None

    def _create(self) -> None:
        assert self._db is not None
        with self._db:
            for table in ("claim_words", "claim", "pending", "meta"):
                self._db.execute(f"DROP TABLE IF EXISTS {table}")
            self._db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self._db.execute(
                "CREATE TABLE claim (id INTEGER PRIMARY KEY, finding TEXT NOT NULL, "
                "inspection TEXT NOT NULL, authority TEXT NOT NULL, polarity TEXT)"
            )
            self._db.execute("CREATE INDEX claim_inspection ON claim (inspection)")
            # Words only, separated by spaces: unicode61 splits them exactly there.
            self._db.execute(
                "CREATE VIRTUAL TABLE claim_words USING fts5("
                "words, tokenize = 'unicode61 remove_diacritics 0')"
            )
            self._db.execute("CREATE TABLE pending (inspection TEXT PRIMARY KEY)")
            self._db.execute(
                "INSERT INTO meta VALUES ('format', ?), ('sequence', '0'), ('complete', '0')", (FORMAT,)
            )

    @property
    def usable(self) -> bool:
        if self._db is None or self._format() != FORMAT:
            return False
        complete = self._db.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone()[0]
        return complete == "1" and not self.pending()

    def pending(self) -> list[str]:
        assert self._db is not None
        return [row[0] for row in self._db.execute("SELECT inspection FROM pending ORDER BY inspection")]

    def count(self) -> int:
        assert self._db is not None
        return int(self._db.execute("SELECT count(*) FROM claim").fetchone()[0])

    def mark(self, inspections: Iterable[str]) -> None:
        """Records, durably, that the claims of these inspections are about to change in the graph."""
        assert self._db is not None
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO pending VALUES (?)", [(i,) for i in inspections])

    def replace(self, inspections: Sequence[str], claims: Iterable[IndexedClaim]) -> None:
        """The inspections' claims as the graph now has them, in place of those indexed; their pending
        record cleared; one SQLite transaction."""
        assert self._db is not None
        with self._db:
            self._delete(inspections)
            self._insert(claims)
            self._db.executemany("DELETE FROM pending WHERE inspection = ?", [(i,) for i in inspections])

    def rebuild(self, batches: Iterable[Sequence[IndexedClaim]]) -> None:
        """Every claim of the graph, given in batches, in place of all indexed; marked complete at the
        end, so a rebuild cut short is started again by the next writer."""
        self._create()
        assert self._db is not None
        for batch in batches:
            with self._db:
                self._insert(batch)
        with self._db:
            self._db.execute("UPDATE meta SET value = '1' WHERE key = 'complete'")

    def _delete(self, inspections: Sequence[str]) -> None:
        assert self._db is not None
        for inspection in inspections:
            ids = [
                row[0] for row in self._db.execute("SELECT id FROM claim WHERE inspection = ?", (inspection,))
            ]
            self._db.executemany("DELETE FROM claim_words WHERE rowid = ?", [(i,) for i in ids])
            self._db.execute("DELETE FROM claim WHERE inspection = ?", (inspection,))

    def _insert(self, claims: Iterable[IndexedClaim]) -> None:
        assert self._db is not None
        sequence = int(self._db.execute("SELECT value FROM meta WHERE key = 'sequence'").fetchone()[0])
        rows = []
        for claim in claims:
            sequence = (sequence + 1) % (1 << _SEQUENCE_BITS)
            day = claim.start_date.toordinal() if claim.start_date else 0
            rows.append((day << _SEQUENCE_BITS | sequence, claim))
        self._db.executemany(
            "INSERT INTO claim VALUES (?, ?, ?, ?, ?)",
            [(i, c.finding, c.inspection, c.authority, c.polarity) for i, c in rows],
        )
        self._db.executemany(
            "INSERT INTO claim_words (rowid, words) VALUES (?, ?)", [(i, normalized(c.text)) for i, c in rows]
        )
        self._db.execute("UPDATE meta SET value = ? WHERE key = 'sequence'", (str(sequence),))

    def search(
        self, phrase: list[str], authorities: list[str] | None, polarity: str, limit: int
    ) -> list[str]:
        """The ids of the first `limit` claims containing the phrase (all claims for no words), of one
        of the authorities (None: any) and of the polarity ('' any), newest inspection first, then
        by id: the order of the canned query's rows."""
        assert self._db is not None
        conditions, params = [], []
        if phrase:
            # From the FTS5 table, in its row id order: the newest matches first, and no more read
            # than the limit needs.
            source, order = "claim_words w JOIN claim c ON c.id = w.rowid", "w.rowid"
            conditions.append("claim_words MATCH ?")
            params.append('"' + " ".join(phrase) + '"')  # the words are letters and digits only
        else:
            source, order = "claim c", "c.id"
        if authorities is not None:
            conditions.append(f"c.authority IN ({', '.join('?' * len(authorities))})")
            params += authorities
        if polarity:
            conditions.append("c.polarity = ?")
            params.append(polarity)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._db.execute(
            f"SELECT c.id >> {_SEQUENCE_BITS}, c.finding FROM {source} {where} ORDER BY {order} DESC", params
        )
        # Rows come newest day first; a day's claims are sorted by id, so read to the end of the
        # day of the limit-th.
        found: list[tuple[int, str]] = []
        for day, finding in rows:
            if len(found) >= limit and day != found[-1][0]:
                break
            found.append((day, finding))
        rows.close()
        found.sort(key=lambda row: (-row[0], row[1]))
        return [finding for _, finding in found[:limit]]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
