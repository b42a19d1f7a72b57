"""Worker processes end when the process that started them is gone."""

from __future__ import annotations

import os
import threading
import time

PARENT_POLL_S = 0.5


def exit_with(parent: int) -> None:
    """Ends this process once `parent` is gone. A worker blocked on a pipe or queue whose other end it
    also holds would never see it close: after a SIGKILL of its parent it would wait for ever."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os._exit(1)


def watch_parent(parent: int) -> None:
    threading.Thread(target=exit_with, args=(parent,), daemon=True).start()
