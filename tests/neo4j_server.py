"""Pytest plugin: a Neo4j server for the test session.

Register it with ``pytest_plugins = ["neo4j_server"]`` in tests/conftest.py
(or ``-p neo4j_server`` with tests/ on sys.path). It provides one fixture:

``neo4j_uri`` (session scope) -> :class:`Neo4jConnection`

* If ``NEO4J_URI`` is set, that server is used, with ``NEO4J_USER``,
  ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` (and optionally ``NEO4J_HTTP_URI``).
* Otherwise a private server is started with ``scripts/neo4j-local``: its home
  (conf, data, logs) is a pytest temp dir, ports are picked at run time, auth
  is off. The jars come from a shared install (``NEO4J_LOCAL_LIB``, default
  ``<repo>/.neo4j-local``), so they are resolved once, not per run. The server
  is stopped at the end of the session.

A server that cannot be started fails the tests (with the log tail); it never
skips them. :class:`PrivateNeo4j` starts one more server of a test's own, which
the test may stop, kill and start again.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from processes import running

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = REPO_ROOT / "scripts" / "neo4j-local"

# First use on a fresh machine downloads ~140 MB of jars before starting.
START_TIMEOUT_S = 900
READY_TIMEOUT_S = 120


@dataclass(frozen=True)
class Neo4jConnection:
    uri: str
    user: str | None
    password: str | None
    database: str | None
    http_uri: str | None = None  # e.g. http://127.0.0.1:7474, if known

    @property
    def auth(self) -> tuple[str, str] | None:
        """The ``auth`` argument for ``neo4j.GraphDatabase.driver``."""
        if self.password is None:
            return None
        return (self.user or "neo4j", self.password)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(home: Path, lines: int = 60) -> str:
    parts = []
    for name in ("console.log", "neo4j.log", "debug.log"):
        f = home / "logs" / name
        if f.is_file() and f.stat().st_size:
            text = f.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"----- {f} -----\n" + "\n".join(text))
    return "\n".join(parts) or "(no logs)"


def _wait_for_driver(conn: Neo4jConnection, timeout_s: float) -> None:
    from neo4j import GraphDatabase

    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with GraphDatabase.driver(conn.uri, auth=conn.auth) as driver:
                driver.verify_connectivity()
            return
        except Exception:
            if time.monotonic() >= deadline:
                raise
            time.sleep(1)


class PrivateNeo4j:
    """A Neo4j server of its own, started with ``scripts/neo4j-local`` in ``home`` on free loopback
    ports, auth off. It can be stopped (cleanly, or killed) and started again on the same ports and
    data: what the tests of a server going away need."""

    def __init__(self, home: Path) -> None:
        self.home = home
        bolt_port, http_port = _free_port(), _free_port()
        while http_port == bolt_port:
            http_port = _free_port()
        self.env = dict(os.environ)
        self.env.pop("NEO4J_PASSWORD", None)  # auth off: bound to 127.0.0.1 only
        self.env.update(
            NEO4J_LOCAL_HOME=str(home),
            NEO4J_LOCAL_LIB=os.environ.get("NEO4J_LOCAL_LIB", str(REPO_ROOT / ".neo4j-local")),
            NEO4J_BOLT_PORT=str(bolt_port),
            NEO4J_HTTP_PORT=str(http_port),
            NEO4J_HEAP=os.environ.get("NEO4J_HEAP", "512m"),
            NEO4J_PAGECACHE=os.environ.get("NEO4J_PAGECACHE", "64m"),
            NEO4J_START_TIMEOUT=str(READY_TIMEOUT_S),
        )
        self.connection = Neo4jConnection(
            uri=f"bolt://127.0.0.1:{bolt_port}",
            user=None,
            password=None,
            database=None,
            http_uri=f"http://127.0.0.1:{http_port}",
        )

    def start(self) -> Neo4jConnection:
        """Starts the server and waits until Bolt answers; pytest.fail (with the log tail) otherwise."""
        if not os.access(SCRIPT, os.X_OK):
            pytest.fail(f"{SCRIPT} is missing or not executable", pytrace=False)
        try:
            proc = subprocess.run(
                [str(SCRIPT), "start"],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=START_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired as exc:
            self.stop()
            err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else exc.stderr
            tail = _log_tail(self.home)
            pytest.fail(
                f"neo4j-local start did not finish in {START_TIMEOUT_S}s\n{err or ''}\n{tail}", pytrace=False
            )
        if proc.returncode != 0:
            self.stop()
            # The script prints the log tail itself when the server dies or times out.
            tail = "" if "----- last lines of" in proc.stderr else _log_tail(self.home)
            pytest.fail(
                f"neo4j-local start failed (exit {proc.returncode}):\n{proc.stderr}\n{tail}",
                pytrace=False,
            )
        try:
            _wait_for_driver(self.connection, READY_TIMEOUT_S)
        except Exception as exc:
            self.stop()
            pytest.fail(
                f"Neo4j at {self.connection.uri} is not reachable: {exc}\n{_log_tail(self.home)}",
                pytrace=False,
            )
        return self.connection

    def stop(self) -> None:
        """A clean shutdown (SIGTERM; SIGKILL if it hangs)."""
        subprocess.run([str(SCRIPT), "stop"], env=self.env, capture_output=True, timeout=120)

    def kill(self) -> None:
        """SIGKILL: the server vanishes mid-work, as on a crash or a power cut."""
        pid_file = self.home / "run" / "neo4j.pid"
        if pid_file.is_file():
            pid = int(pid_file.read_text().strip())
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                return
            while running(pid):
                time.sleep(0.1)


@pytest.fixture(scope="session")
def neo4j_uri(tmp_path_factory: pytest.TempPathFactory):
    if os.environ.get("NEO4J_URI"):
        yield Neo4jConnection(
            uri=os.environ["NEO4J_URI"],
            user=os.environ.get("NEO4J_USER", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD") or None,
            database=os.environ.get("NEO4J_DATABASE") or None,
            http_uri=os.environ.get("NEO4J_HTTP_URI") or None,
        )
        return
    server = PrivateNeo4j(tmp_path_factory.mktemp("neo4j-home"))
    try:
        yield server.start()
    finally:
        server.stop()
