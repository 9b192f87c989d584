"""A real local HTTP server for the fetching tests, the browser test and the fetch bench.

Started on a free port of a loopback address (127.0.0.1 by default; 127.0.0.2,
127.0.0.3, ... give distinct host names on one machine), in a thread. Routes
say what to answer; every request is recorded with its arrival time and headers.
"""

from __future__ import annotations

import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    fail_first: int = 0  # answer ``fail_status`` this many times before answering properly
    fail_status: int = 500
    fail_headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # wait before answering
    drip_s: float = 0.0  # send the body one byte at a time, this long apart
    drip_head: bool = False  # ... the status line and headers too
    declare_length: bool = True  # False: no Content-Length, the body ends when the connection closes


@dataclass(frozen=True)
class Request:
    path: str
    at: float  # time.monotonic() on arrival
    headers: dict[str, str]


class WebServer:
    """``with WebServer() as server: server.routes["/a"] = Route(b"..."); server.url("/a")``."""

    def __init__(self, host: str = "127.0.0.1", tls: tuple[Path, Path] | None = None) -> None:
        """``tls``: (certificate, key) PEM files to serve https; the names clients asked for go to ``sni``."""
        self.host = host
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.sni: list[str | None] = []
        self.scheme = "https" if tls else "http"
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, 0), self._handler())
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*map(str, tls))
            context.sni_callback = lambda _socket, name, _context: self.sni.append(name)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def url(self, path: str = "/") -> str:
        return f"{self.scheme}://{self.host}:{self.port}{path}"

    def page(self, path: str, title: str, body: str = "", **options) -> str:
        """Serve a small article page at ``path``; its URL."""
        text = body or f"{title}. " * 20
        html = (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title>"
                f'<meta property="og:site_name" content="Test Herald"></head>'
                f"<body><article><h1>{title}</h1><p>{text}</p></article></body></html>")
        self.routes[path] = Route(html.encode("utf-8"), **options)
        return self.url(path)

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def __enter__(self) -> "WebServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                with server._lock:
                    server.requests.append(Request(self.path, time.monotonic(), dict(self.headers.items())))
                    route = server.routes.get(self.path)
                    failing = route is not None and route.fail_first > 0
                    if failing:
                        route.fail_first -= 1
                if route is None:
                    return self._answer(404, b"not found", "text/plain", {})
                if failing:
                    return self._answer(route.fail_status, b"try again", "text/plain", route.fail_headers)
                if route.delay_s:
                    time.sleep(route.delay_s)
                self._answer(route.status, route.body, route.content_type, route.headers, route)

            def _answer(self, status: int, body: bytes, content_type: str, headers: dict[str, str],
                        route: Route | None = None) -> None:
                if route is not None and route.drip_head:
                    return self._drip_everything(route)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    if route is None or route.declare_length:
                        self.send_header("Content-Length", str(len(body)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    if route is not None and route.drip_s:
                        for byte in body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(route.drip_s)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout under test): nothing to answer to
                self.close_connection = True

            def _drip_everything(self, route: Route) -> None:
                head = (f"HTTP/1.1 {route.status} OK\r\nContent-Type: {route.content_type}\r\n"
                        f"Content-Length: {len(route.body)}\r\n\r\n").encode("ascii")
                try:
                    for byte in head + route.body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(route.drip_s)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            def log_message(self, *args) -> None:
                pass

        return Handler
