"""A real HTTP server on 127.0.0.1, in a thread, serving feeds and pages a test changes between
polls; it answers conditional GETs as a feed server does and records every request."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "application/rss+xml"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Seen:
    """One request as the server saw it, and what it answered."""

    path: str
    headers: dict[str, str]
    status: int
    at: float


class FeedSite:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def put(self, path: str, body: str | bytes, **options: object) -> str:
        """Serve `body` at `path` (with Route's options); the URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **options)  # type: ignore[arg-type]
        return self.url(path)

    def requests_to(self, path: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.path == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                route = site.routes.get(self.path)
                status = route.status if route else 404
                if route and route.delay:
                    time.sleep(route.delay)
                if route and status == 200 and _not_modified(route, self.headers):
                    status = 304
                site.seen.append(Seen(self.path, dict(self.headers), status, time.monotonic()))
                body = route.body if route and status == 200 else b""
                try:
                    self.send_response(status)
                    for name, value in (_headers(route) if route else {}).items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except ConnectionError:  # the client gave up first (a timeout test)
                    pass

            def log_message(self, *_: object) -> None:
                pass

        return Handler

    @contextmanager
    def running(self) -> Iterator[FeedSite]:
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
            thread.join(timeout=5)


def _not_modified(route: Route, headers: object) -> bool:
    get = headers.get
    if route.etag and get("If-None-Match") == route.etag:
        return True
    return bool(route.last_modified and get("If-Modified-Since") == route.last_modified)


def _headers(route: Route) -> dict[str, str]:
    headers = {"Content-Type": route.content_type, **route.headers}
    if route.etag:
        headers["ETag"] = route.etag
    if route.last_modified:
        headers["Last-Modified"] = route.last_modified
    return headers


def http_date(seconds: float) -> str:
    return formatdate(seconds, usegmt=True)


@dataclass(frozen=True)
class FeedItem:
    guid: str
    title: str
    link: str
    text: str
    published: str = "Tue, 15 Jun 2021 09:00:00 GMT"
    full: bool = True  # content:encoded with the text; else the text is only the description


def rss(title: str, items: list[FeedItem]) -> str:
    """An RSS 2.0 feed: full items carry content:encoded, blurb items a description only."""
    entries = []
    for item in items:
        body = (
            f"<content:encoded>{escape(item.text)}</content:encoded>"
            if item.full
            else f"<description>{escape(item.text)}</description>"
        )
        entries.append(
            f"<item><guid>{escape(item.guid)}</guid><title>{escape(item.title)}</title>"
            f"<link>{escape(item.link)}</link><pubDate>{item.published}</pubDate>{body}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>"
        f"{''.join(entries)}</channel></rss>"
    )


def article_page(title: str, paragraphs: list[str]) -> str:
    """A news page with its story in <article> and a menu and footer around it."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{escape(title)}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>Copyright Example Gazette</footer></body></html>"
    )
