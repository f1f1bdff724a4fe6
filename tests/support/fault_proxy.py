"""A small HTTP(S) proxy in front of the real Keycloak that injects faults on demand.

    with FaultProxy("http://127.0.0.1:8080") as proxy:
        proxy.add("GET", "/clients", "status", times=2, status=503)
        ...  # talk to proxy.url instead of Keycloak
        proxy.seen  # [(method, path, outcome), ...]

Fault actions (each applies to the next ``times`` matching requests, then the proxy forwards again):

* ``status``: answer ``status`` without forwarding (Keycloak never sees the request);
* ``drop``: forward the request, let Keycloak handle it, then close the connection without
  answering (the client loses the answer of a request that did happen);
* ``hang``: accept the request and never answer (until the proxy stops).

``status`` faults may carry a ``Retry-After`` header (``retry_after="1"``), as a rate limiter's
429 does. :meth:`FaultProxy.random` injects faults into a share of the matching requests instead,
drawn from a seeded random generator so that a failing run can be repeated (the order in which
parallel requests arrive still varies from run to run). A proxy started with the ``port`` of a
stopped one takes its place, like a restarted server.

``stop()`` closes the listening socket and every open client connection, like a server process
that died: pooled keep-alive connections break and new connections are refused.
"""

from __future__ import annotations

import contextlib
import http.client
import random
import socket
import ssl
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlparse

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


@dataclass
class Fault:
    method: str
    path_contains: str
    action: str
    times: int
    status: int
    retry_after: str | None = None

    def matches(self, method: str, path: str) -> bool:
        return self.times > 0 and self.method in ("*", method) and self.path_contains in path


@dataclass
class RandomFault:
    """A fault for a share (``rate``) of the requests with a listed method, drawn from ``rng``."""

    methods: tuple[str, ...]
    action: str
    rate: float
    status: int
    retry_after: str | None
    rng: random.Random

    def draw(self, method: str) -> Fault | None:
        if "*" not in self.methods and method not in self.methods:
            return None
        if self.rng.random() >= self.rate:
            return None
        return Fault(method, "", self.action, 1, self.status, self.retry_after)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    proxy: FaultProxy

    def process_request(self, request: Any, client_address: Any) -> None:
        self.proxy._track(request)
        super().process_request(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr logging
        pass

    def _handle(self) -> None:
        proxy = self.server.proxy
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        fault = proxy._take(self.command, self.path)
        if fault is not None and fault.action == "status":
            proxy._record(self.command, self.path, f"injected {fault.status}")
            payload = b'{"error":"injected by the fault proxy"}'
            self.send_response(fault.status)
            self.send_header("Content-Type", "application/json")
            if fault.retry_after is not None:
                self.send_header("Retry-After", fault.retry_after)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        if fault is not None and fault.action == "hang":
            proxy._record(self.command, self.path, "hung")
            proxy._stopped.wait(120)
            self.close_connection = True
            return
        status, reason, headers, answer = proxy._forward(self.command, self.path, dict(self.headers), body)
        if fault is not None and fault.action == "drop":
            proxy._record(self.command, self.path, f"forwarded ({status}), answer dropped")
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        proxy._record(self.command, self.path, f"forwarded ({status})")
        self.send_response(status, reason)
        for name, value in headers:
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = do_POST = do_PUT = do_DELETE = _handle


class FaultProxy:
    """Forwards to ``upstream`` (plain HTTP on loopback); optionally serves TLS itself."""

    def __init__(self, upstream: str, ssl_context: ssl.SSLContext | None = None, *, port: int = 0) -> None:
        parsed = urlparse(upstream)
        self.upstream_host = parsed.hostname or "127.0.0.1"
        self.upstream_port = parsed.port or 80
        self._faults: list[Fault] = []
        self._random: list[RandomFault] = []
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._connections: set[socket.socket] = set()
        self.seen: list[tuple[str, str, str]] = []
        #: Bodies of the requests forwarded (method, path, body) - e.g. to see what a PUT carried.
        self.bodies: list[tuple[str, str, bytes]] = []
        self._server = _Server(("127.0.0.1", port), _Handler)
        self.port = int(self._server.server_address[1])
        self._server.proxy = self
        if ssl_context is not None:
            self._server.socket = ssl_context.wrap_socket(self._server.socket, server_side=True)
        scheme = "https" if ssl_context else "http"
        self.url = f"{scheme}://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop like a dead server: refuse new connections, cut the open ones."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            connections, self._connections = list(self._connections), set()
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: tuple[type[BaseException] | None, BaseException | None, TracebackType | None]) -> None:
        self.stop()

    def add(
        self, method: str, path_contains: str, action: str, *, times: int = 1, status: int = 503,
        retry_after: str | None = None,
    ) -> None:
        if action not in ("status", "drop", "hang"):
            raise ValueError(f"unknown fault action {action!r}")
        with self._lock:
            self._faults.append(Fault(method, path_contains, action, times, status, retry_after))

    def random(
        self, rate: float, action: str, *, methods: tuple[str, ...] = ("*",), status: int = 503,
        retry_after: str | None = None, seed: int = 0,
    ) -> None:
        """Inject ``action`` into about ``rate`` of the requests with one of ``methods`` (seeded)."""
        if action not in ("status", "drop"):
            raise ValueError(f"unknown random fault action {action!r}")
        with self._lock:
            self._random.append(RandomFault(methods, action, rate, status, retry_after, random.Random(seed)))

    def injected(self) -> int:
        """How many requests got a fault so far."""
        with self._lock:
            return sum(1 for _, _, outcome in self.seen if _faulted(outcome))

    def retried(self) -> int:
        """Faulted requests that were followed by the same method and path (a retry or re-send)."""
        with self._lock:
            seen = list(self.seen)
        count = 0
        for index, (method, path, outcome) in enumerate(seen):
            if _faulted(outcome) and any(m == method and p == path for m, p, _ in seen[index + 1:]):
                count += 1
        return count

    def requests_to(self, method: str, path_contains: str) -> list[str]:
        """Outcomes of the requests seen so far for one method and path fragment."""
        with self._lock:
            return [outcome for m, p, outcome in self.seen if m == method and path_contains in p]

    # ---------------------------------------------------------- internals
    def _track(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.add(conn)

    def _take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.times -= 1
                    return fault
            for rule in self._random:
                drawn = rule.draw(method)
                if drawn is not None:
                    return drawn
        return None

    def _record(self, method: str, path: str, outcome: str) -> None:
        with self._lock:
            self.seen.append((method, path, outcome))

    def _forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes | None
    ) -> tuple[int, str, list[tuple[str, str]], bytes]:
        with self._lock:
            self.bodies.append((method, path, body or b""))
        conn = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=60)
        try:
            out = {k: v for k, v in headers.items() if k.lower() not in HOP_BY_HOP and k.lower() != "host"}
            out["Host"] = f"{self.upstream_host}:{self.upstream_port}"
            conn.request(method, path, body=body, headers=out)
            response = conn.getresponse()
            return response.status, response.reason, response.getheaders(), response.read()
        finally:
            conn.close()


def _faulted(outcome: str) -> bool:
    return not outcome.startswith("forwarded (") or "dropped" in outcome
