"""Who may have an embedded store open: any number of readers, or one writer, never both.

LadybugDB itself lets a process write a database that other processes have open read-only; those
keep the view they opened with, and one that opens during a load sees it half done. So the store's
folder has a lock file: readers (`ikg serve` and its Cypher workers, `ikg query` ...) hold it
shared, a writer (`ikg load`) holds it exclusive, and whoever comes second is refused with a line
saying who is there and what to do.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from graph.store import StoreUnavailable

LOCK_FILE = "ikg.lock"


class StoreLock:
    def __init__(self, folder: Path, exclusive: bool) -> None:
        self.folder = folder
        self.exclusive = exclusive
        self._fd: int | None = None
        path = folder / LOCK_FILE
        try:
            self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            if exclusive:
                raise StoreUnavailable(f"{folder}: cannot write the store: {error.strerror}") from error
            # A read-only folder (a store on read-only media): nothing can write there either.
            return
        try:
            fcntl.flock(self._fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            self._fd = None
            raise StoreUnavailable(self._refusal()) from None

    def _refusal(self) -> str:
        if self.exclusive:
            return (
                f"{self.folder}: the store is open in another process (`ikg serve`, `ikg query`, "
                "`ikg cypher` or `ikg load`): stop it first, or load into another folder, since a "
                "running server would go on serving the graph as it was"
            )
        return (
            f"{self.folder}: `ikg load` is writing this store: run this again when it has finished "
            "(a graph that is half loaded is not served)"
        )

    def upgrade(self) -> bool:
        """Whether this reader could become the only holder (for recovery); it then holds it exclusive."""
        if self._fd is None:
            return False
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def downgrade(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None
