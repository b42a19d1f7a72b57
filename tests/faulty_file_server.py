"""An HTTP server on 127.0.0.1 that serves files and misbehaves on cue: per path, a queue of faults
the next requests meet (a reset, a slow answer, an error status, wrong content, a body cut short),
then the file itself. It answers range requests, as a publisher's file server does."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FAULTS = ("reset", "slow", "404", "500", "503", "wrong", "truncate")


class FaultyFiles:
    def __init__(self, files: dict[str, bytes], slow_s: float) -> None:
        self.files = files
        self.slow_s = slow_s
        self.faults: dict[str, deque[str]] = {}
        self.requests: list[tuple[str, str, str]] = []  # (client address, path, range header)
        self.lock = threading.Lock()

    def cue(self, path: str, *faults: str) -> None:
        assert all(f in FAULTS for f in faults), faults
        with self.lock:
            self.faults.setdefault(path, deque()).extend(faults)

    def next_fault(self, path: str) -> str | None:
        with self.lock:
            queue = self.faults.get(path)
            return queue.popleft() if queue else None


def _handler(state: FaultyFiles) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            with state.lock:
                state.requests.append((self.client_address[0], self.path, self.headers.get("Range", "")))
            fault = state.next_fault(self.path)
            if fault == "reset":
                # SO_LINGER 0: the close sends a TCP reset, as a dropped connection does.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                return
            if fault == "slow":
                time.sleep(state.slow_s)
            if fault in ("404", "500", "503") or self.path not in state.files:
                status = int(fault) if fault in ("404", "500", "503") else 404
                self._send(status, b"error", "text/plain", {"Retry-After": "0"} if status == 503 else {})
                return
            body = state.files[self.path]
            if fault == "wrong":
                self._send(200, b"<!doctype html><html><body>Maintenance</body></html>", "text/html")
                return
            start = 0
            requested = self.headers.get("Range", "")
            if requested.startswith("bytes=") and requested.endswith("-"):
                start = int(requested[6:-1])
            if start >= len(body) > 0:
                self._send(416, b"", "text/plain")
                return
            headers = {"Accept-Ranges": "bytes"}
            if start:
                headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
            payload = body[start:]
            if fault == "truncate":
                self.send_response(206 if start else 200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload[: len(payload) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self._send(206 if start else 200, payload, "application/pdf", headers)

        def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serve_files(files: dict[str, Path], slow_s: float = 2.0) -> Iterator[tuple[str, FaultyFiles]]:
    """Serve each path of `files` (URL path -> file) on a free loopback port; yields the base URL and
    the state to cue faults on."""
    state = FaultyFiles({path: file.read_bytes() for path, file in files.items()}, slow_s)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
