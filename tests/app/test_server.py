"""`newsweave serve` as a client sees it: the real server (uvicorn, in a subprocess, on
127.0.0.1 and a free port) over a real store, asked with httpx."""

from __future__ import annotations

import asyncio
import json
import select
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from archives import example_store, running_server
from starlette.requests import Request
from starlette.responses import Response

from newsweave.app.server import request_guard
from newsweave.config import settings


def address(base: str) -> tuple[str, int]:
    host, port = base.removeprefix("http://").rsplit(":", 1)
    return host, int(port)


def raw_request(base: str, head: str) -> tuple[int, str]:
    """Send `head` as it is on a fresh socket; the status and body of the answer."""
    with socket.create_connection(address(base), timeout=10) as connection:
        connection.sendall(head.encode("latin-1"))
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2].decode("utf-8")


def get_with_host(base: str, host: str, *headers: str) -> tuple[int, str]:
    lines = ["GET /api/stories HTTP/1.1", f"Host: {host}", "Connection: close", *headers]
    return raw_request(base, "\r\n".join(lines) + "\r\n\r\n")


def closing_times(
    connections: list[socket.socket], trickle: set[int], seconds: float
) -> list[float]:
    """When (`time.monotonic()`) the server closed each connection, inf if not within `seconds`;
    the connections in `trickle` (by position) meanwhile send one more byte every 0.5 s."""
    deadline = time.monotonic() + seconds
    closed = [float("inf")] * len(connections)
    next_byte = time.monotonic()
    while time.monotonic() < deadline and float("inf") in closed:
        if time.monotonic() >= next_byte:
            next_byte += 0.5
            for number in trickle:
                try:
                    if closed[number] == float("inf"):
                        connections[number].send(b"a")
                except OSError:
                    closed[number] = time.monotonic()
        still_open = [
            c for c, when in zip(connections, closed, strict=True) if when == float("inf")
        ]
        readable, _, _ = select.select(still_open, [], [], 0.1)
        for connection in readable:
            try:
                ended = connection.recv(4096) == b""
            except OSError:
                ended = True
            if ended:
                closed[connections.index(connection)] = time.monotonic()
    return closed


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(example_store(tmp_path_factory)) as base:
        yield base


def test_story_list_is_newest_then_biggest(server: str) -> None:
    listing = httpx.get(server + "/api/stories").json()
    stories = listing["stories"]
    assert listing["total"] == len(stories) > 0
    keys = [(s["newest"] or "", s["articles"]) for s in stories]
    assert keys == sorted(keys, key=lambda k: (k[0], k[1]), reverse=True)
    page = httpx.get(server + "/").text
    assert stories[0]["headline"].replace("'", "&#39;") in page


def test_story_api_is_the_json_v1_story(server: str) -> None:
    first = httpx.get(server + "/api/stories").json()["stories"][0]
    story = httpx.get(f"{server}/api/stories/{first['id']}").json()
    contract = {"id", "headline", "articles", "summary", "facts", "exclusives", "conflicts"}
    assert contract | {"quotes", "entities", "timeline", "outlets"} <= set(story)
    assert story["id"] == first["id"] and len(story["articles"]) == first["articles"]
    page = httpx.get(f"{server}/stories/{first['id']}")
    assert page.status_code == 200 and "<h1>News brief</h1>" in page.text


def test_search_finds_words_and_quotes_and_ignores_query_syntax(server: str) -> None:
    found = httpx.get(server + "/api/search", params={"q": "levee"}).json()
    assert found["articles"] and all("levee" in a["snippet"].lower() for a in found["articles"])
    quote = httpx.get(server + "/api/search", params={"q": "Halloran"}).json()
    assert any(q["speaker"] == "Greta Halloran" for q in quote["quotes"])
    for hostile in ['"unbalanced', "levee AND (", "NEAR(a b", "*", "title:x", "-", "'; DROP"]:
        response = httpx.get(server + "/search", params={"q": hostile})
        assert response.status_code == 200, hostile
    too_long = httpx.get(server + "/search", params={"q": "x" * 400})
    assert too_long.status_code == 400


def test_entity_page_has_the_persons_quotes_and_stories(server: str) -> None:
    person = httpx.get(server + "/api/entities/Greta Halloran").json()
    assert person["quotes"] and all(q["speaker"] == "Greta Halloran" for q in person["quotes"])
    assert person["stories"]
    page = httpx.get(server + "/entities/Greta%20Halloran")
    assert page.status_code == 200 and "Greta Halloran" in page.text


def test_every_response_carries_the_security_headers(server: str) -> None:
    for path in ("/", "/search?q=levee", "/api/stories", "/nothing-here"):
        headers = httpx.get(server + path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    page = httpx.get(server + "/")
    nonce = page.headers["content-security-policy"].split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in page.text
    assert nonce not in httpx.get(server + "/").headers["content-security-policy"]


def test_unknown_addresses_and_escapes_are_404(server: str) -> None:
    for path in (
        "/stories/nope",
        "/stories/..%2F..%2F..%2Fetc%2Fpasswd",
        "/entities/..%2F..%2Fetc%2Fpasswd",
        "/../../etc/passwd",
        "/static/../../pyproject.toml",
        "/api/stories/nope",
    ):
        response = httpx.get(server + path)
        assert response.status_code == 404, path
        assert "root:" not in response.text and "[project]" not in response.text
    assert "Not found" in httpx.get(server + "/stories/nope").text


def test_requests_are_small_gets(server: str) -> None:
    assert httpx.post(server + "/", content=b"x" * 10_000).status_code == 413
    assert httpx.post(server + "/", content=b"").status_code == 405
    assert httpx.get(server + "/?page=" + "9" * 3000).status_code == 414
    assert httpx.get(server + "/?page=abc").status_code == 400


def test_binding_beyond_loopback_needs_a_token(tmp_path_factory: pytest.TempPathFactory) -> None:
    store = example_store(tmp_path_factory)
    command = [sys.executable, "-m", "newsweave", "serve", "--store", str(store)]
    refused = subprocess.run(
        [*command, "--host", "0.0.0.0"], capture_output=True, text=True, timeout=60
    )
    assert refused.returncode == 2 and "--token" in refused.stderr


def test_with_a_token_every_request_needs_it(tmp_path_factory: pytest.TempPathFactory) -> None:
    store = example_store(tmp_path_factory)
    with running_server(store, env={"NEWSWEAVE_TOKEN": "s3cret"}) as base:
        assert httpx.get(base + "/").status_code == 401
        assert httpx.get(base + "/api/stories").status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert httpx.get(base + "/api/stories", headers=wrong).status_code == 401
        right = {"Authorization": "Bearer s3cret"}
        assert httpx.get(base + "/api/stories", headers=right).status_code == 200
        with httpx.Client(base_url=base) as browser:
            assert browser.get("/?token=s3cret").status_code == 200
            assert browser.get("/search?q=levee").status_code == 200  # the cookie carries it


def test_hostile_input_is_shown_as_text(hostile_store: Path) -> None:
    with running_server(hostile_store) as base:
        stories = httpx.get(base + "/api/stories").json()["stories"]
        pages = [
            httpx.get(base + "/").text,
            httpx.get(f"{base}/stories/{stories[0]['id']}").text,
            httpx.get(base + "/search", params={"q": "script alert plan"}).text,
        ]
    for page in pages:
        assert "<script>alert(" not in page and "<img src=x" not in page
        assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(" in pages[0]


def test_serve_never_changes_the_store(tmp_path_factory: pytest.TempPathFactory) -> None:
    store = example_store(tmp_path_factory)
    before = store.read_bytes()
    with running_server(store) as base:
        first = httpx.get(base + "/api/stories").json()["stories"][0]["id"]
        httpx.get(f"{base}/stories/{first}")
        httpx.get(base + "/search", params={"q": "strike"})
    assert store.read_bytes() == before
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_idle_connections_neither_block_requests_nor_stay_open(server: str) -> None:
    header_timeout = settings("server").header_timeout_seconds
    openings = [b"", b"GET /api/sto", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "]
    opened = time.monotonic()
    idle = [socket.create_connection(address(server), timeout=10) for _ in range(100)]
    try:
        for number, connection in enumerate(idle):
            connection.sendall(openings[number % len(openings)])
        time.sleep(0.5)  # the server has accepted them all
        started = time.monotonic()
        response = httpx.get(server + "/api/stories", timeout=10)
        answered_in = time.monotonic() - started
        assert response.status_code == 200 and answered_in < 1.0, answered_in
        closed = closing_times(idle, trickle=set(range(2, 100, 10)), seconds=header_timeout + 5)
        after = [when - opened for when in closed]
        assert all(header_timeout - 0.5 < seconds < header_timeout + 2 for seconds in after), after
    finally:
        for connection in idle:
            connection.close()
    assert httpx.get(server + "/api/stories").status_code == 200


def test_past_the_connection_cap_the_oldest_waiting_connection_makes_room(server: str) -> None:
    cap = int(settings("server").max_connections)
    idle = [socket.create_connection(address(server), timeout=10) for _ in range(cap + 20)]
    try:
        time.sleep(0.5)
        assert httpx.get(server + "/api/stories", timeout=10).status_code == 200
        closed = closing_times(idle, trickle=set(), seconds=1.0)
        evicted = [number for number, when in enumerate(closed) if when < float("inf")]
        assert evicted == list(range(21)), evicted  # 20 idle ones and the request's own
    finally:
        for connection in idle:
            connection.close()


def test_without_a_token_only_loopback_host_names_are_answered(server: str) -> None:
    port = address(server)[1]
    for host in (
        "evil.example",
        f"evil.example:{port}",
        "localhost.evil.example",
        "127.0.0.1.nip.io",
        f"evil@127.0.0.1:{port}",
        f"127.0.0.1:{port}.evil",
    ):
        status, body = get_with_host(server, host)
        assert status == 421 and "only to localhost" in body and "stories" not in body, host
    for host in (f"127.0.0.1:{port}", "localhost", f"LOCALHOST:{port}", f"[::1]:{port}"):
        status, body = get_with_host(server, host)
        assert status == 200 and json.loads(body)["stories"], host
    no_host = raw_request(server, "GET /api/stories HTTP/1.0\r\n\r\n")
    assert no_host[0] == 421


def test_with_a_token_any_host_name_is_answered(tmp_path_factory: pytest.TempPathFactory) -> None:
    store = example_store(tmp_path_factory)
    with running_server(store, env={"NEWSWEAVE_TOKEN": "s3cret"}) as base:
        status, body = get_with_host(base, "evil.example", "Authorization: Bearer s3cret")
        assert status == 200 and json.loads(body)["stories"]
        assert get_with_host(base, "evil.example")[0] == 401
        assert get_with_host(base, "evil.example", "Authorization: Bearer nope")[0] == 401


def test_requests_beyond_the_cap_are_refused_at_once_with_503() -> None:
    guard = request_guard(None, settings("server", max_requests=1))
    released = asyncio.Event()

    async def slow_app(request: Request) -> Response:
        await released.wait()
        return Response("done")

    def request() -> Request:
        headers = [(b"host", b"127.0.0.1:8000")]
        scope = {
            "type": "http",
            "method": "GET",
            "path": "/api/stories",
            "raw_path": b"/api/stories",
        }
        return Request({**scope, "query_string": b"", "headers": headers})

    async def two_at_once() -> list[Response]:
        first = asyncio.create_task(guard(request(), slow_app))
        await asyncio.sleep(0.01)
        second = await asyncio.wait_for(guard(request(), slow_app), timeout=5)
        released.set()
        return [await asyncio.wait_for(first, timeout=5), second]

    first, second = asyncio.run(two_at_once())
    assert first.status_code == 200 and first.body == b"done"
    assert second.status_code == 503 and second.headers["retry-after"] == "1"
