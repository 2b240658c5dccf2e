"""A real HTTP server on loopback for the online tests: routes, canned replies, a log.

Each :class:`Site` is a ``ThreadingHTTPServer`` bound to a 127.0.0.x address and a free
port, started in a thread and stopped by the fixture that made it. Routes map a path to a
:class:`Reply`, a list of replies (one per request, the last repeating) or a function of
``(method, path)``. Every request is logged, so a test can say "nothing was sent".
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator, Union

import pytest


@dataclass
class Reply:
    """What the server answers: status, headers, body, and how long it waits first."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: str | bytes = ""
    delay: float = 0.0
    trickle: float = 0.0
    """Seconds between the body's bytes (a page that arrives slowly)."""


Route = Union[Reply, list[Reply], Callable[[str, str], Reply]]


def html(title: str, text: str) -> Reply:
    """A 200 HTML page with ``title`` and ``text``."""
    return Reply(200, {"Content-Type": "text/html; charset=utf-8"},
                 f"<!doctype html><html><head><title>{title}</title></head><body><p>{text}</p></body></html>")


def redirect(location: str, status: int = 302) -> Reply:
    """A redirect to ``location``."""
    return Reply(status, {"Location": location})


class Site:
    """One server: its routes, its log of ``(method, path, headers)``, its in-flight peak."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.default: Route = Reply(404, {"Content-Type": "text/html"}, "<title>Not Found</title>nothing here")
        self.log: list[tuple[str, str, dict[str, str]]] = []
        self.in_flight = 0
        self.peak = 0
        self._lock = threading.Lock()
        self._served: dict[str, int] = {}
        self.server = ThreadingHTTPServer((host, 0), self._handler())
        self.server.daemon_threads = True
        self.host, self.port = str(self.server.server_address[0]), int(self.server.server_address[1])
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def netloc(self) -> str:
        return f"{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        """The URL of ``path`` on this site."""
        return f"http://{self.netloc}{path}"

    def requests(self, path: str | None = None) -> list[tuple[str, str]]:
        """``(method, path)`` of every request received (optionally only those for ``path``)."""
        with self._lock:
            return [(m, p) for m, p, _ in self.log if path is None or p == path]

    def _reply(self, method: str, path: str) -> Reply:
        route = self.routes.get(path, self.default)
        if callable(route):
            return route(method, path)
        if isinstance(route, list):
            with self._lock:
                index = self._served.get(path, 0)
                self._served[path] = index + 1
            return route[min(index, len(route) - 1)]
        return route

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet test output
                pass

            def _answer(self, method: str) -> None:
                with site._lock:
                    site.log.append((method, self.path, dict(self.headers)))
                    site.in_flight += 1
                    site.peak = max(site.peak, site.in_flight)
                try:
                    reply = site._reply(method, self.path)
                    if reply.delay:
                        time.sleep(reply.delay)
                    body = reply.body.encode() if isinstance(reply.body, str) else reply.body
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if method == "GET" and reply.trickle:
                        for index in range(len(body)):
                            self.wfile.write(body[index:index + 1])
                            self.wfile.flush()
                            time.sleep(reply.trickle)
                    elif method == "GET":
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with site._lock:
                        site.in_flight -= 1

            def do_GET(self) -> None:
                self._answer("GET")

            def do_HEAD(self) -> None:
                self._answer("HEAD")

        return Handler

    def start(self) -> Site:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def sites() -> Iterator[Callable[..., Site]]:
    """A factory of started sites (``sites("127.0.0.2")``), every one stopped at teardown."""
    started: list[Site] = []

    def make(host: str = "127.0.0.1") -> Site:
        site = Site(host).start()
        started.append(site)
        return site

    yield make
    for site in started:
        site.stop()


@pytest.fixture
def site(sites: Callable[..., Site]) -> Site:
    """One started site on 127.0.0.1."""
    return sites()


def write_catalogue(root: Path, sources: list[dict[str, Any]], claims: list[dict[str, Any]] | None = None,
                    pages: list[dict[str, Any]] | None = None, toml: str = "allow_private_hosts = true\n") -> Path:
    """A catalogue (one JSON file and an ``evidence.toml``) of ``sources``; by default one claim cites them all."""
    root.mkdir(parents=True, exist_ok=True)
    for source in sources:
        source.setdefault("title", f"Study {source['id']}")
        source.setdefault("design", "rct")
    if claims is None:
        claims = [{"id": "the-claim", "text": "Something was measured.", "cites": [s["id"] for s in sources]}]
    data: dict[str, Any] = {"sources": sources, "claims": claims}
    if pages:
        data["pages"] = pages
    (root / "catalogue.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    (root / "evidence.toml").write_text(toml, encoding="utf-8")
    return root
