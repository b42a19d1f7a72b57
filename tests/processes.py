"""Processes as /proc shows them: whether one runs, and which it started."""

from __future__ import annotations

import time
from pathlib import Path


def _stat_fields(pid: int) -> list[str]:
    # The command name, in brackets, may hold spaces: the fields after it are split on the last ')'.
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def running(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        return _stat_fields(pid)[0] != "Z"
    except OSError:
        return False


def descendants(pid: int) -> set[int]:
    """The processes started by `pid`, and theirs."""
    children: dict[int, set[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(_stat_fields(int(stat.parent.name))[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, set()).add(int(stat.parent.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), set()) - found:
            found.add(child)
            todo.append(child)
    return found


def still_running(pids: set[int], seconds: float) -> set[int]:
    """Those of `pids` still running after waiting up to `seconds` for them to end."""
    deadline = time.monotonic() + seconds
    while True:
        alive = {pid for pid in pids if running(pid)}
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)
