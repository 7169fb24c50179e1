"""A local HTTP server for import tests: routes set by the test, every request counted."""

from __future__ import annotations

import http.server
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    fail_times: int = 0  # answer 500 this many times first
    etag: str | None = None  # answer 304 to If-None-Match with it
    last_modified: str | None = None  # answer 304 to If-Modified-Since with it


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.active: Counter[str] = Counter()
        self.most_at_once = 0
        self.lock = threading.Lock()
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, text: str, **options: object) -> str:
        self.routes[path] = Route(body=text.encode("utf-8"), **options)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = Route(status=status, headers={"Location": to})
        return self.url(path)


def _handler(server: Server) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            route = server.routes.get(self.path)
            with server.lock:
                server.hits[self.path] += 1
            self._answer(route)

        def _answer(self, route: Route | None) -> None:
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                # Requests at once are counted while they wait, before any answer is sent: a
                # client that has its answer may ask again while this thread still finishes.
                with server.lock:
                    server.active["all"] += 1
                    server.most_at_once = max(server.most_at_once, server.active["all"])
                time.sleep(route.delay)
                with server.lock:
                    server.active["all"] -= 1
            if route.fail_times and server.hits[self.path] <= route.fail_times:
                self.send_error(500)
                return
            fresh = (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
            )
            if fresh:
                with server.lock:
                    server.not_modified[self.path] += 1
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            if route.status < 300 or route.status >= 400:
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
            for key, value in route.headers.items():
                self.send_header(key, value)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            self.end_headers()
            with suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

    return Handler


@contextmanager
def serving() -> Iterator[Server]:
    state = Server()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
