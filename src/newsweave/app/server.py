"""`newsweave serve`: a read-only web app over a store (FastAPI + uvicorn).

Pages: `/` stories (headline, first summary sentence, outlets, dates, size; filtered by
`outlet`, `from`, `to`, `q`, sorted by `sort=newest|biggest|updated`, paged by `page`, see
`browse.py`), `/stories/{id}` the story's report (the HTML of `brief --format html` as one
story's page: no batch header or contents), `/search?q=` articles and quotes,
`/entities/{name}` every story, quote and mention of that person with outlet, date and story.
The JSON API mirrors them under `/api/`, and
`/api/stories/{id}/changes?since=TIME` says what is new in a story (store/versions.py).

Safety: the store is opened with `mode=ro` per request (a growing archive shows new stories
at once); it binds to 127.0.0.1 unless told otherwise, and binding elsewhere needs a token
that every request must then carry (`Authorization: Bearer T`, `?token=T` which also sets a
cookie, or that cookie); without a token only loopback host names are answered, so a page
whose domain is re-pointed at 127.0.0.1 (DNS rebinding) cannot read the archive; requests with
a body or an overlong URL are refused, and so are requests beyond `max_requests` at once;
connections that do not send their headers in time are closed (`connections.py`); every
page has a strict Content-Security-Policy (`pages.py`); nothing is read from the file system
but the store, so no path can escape.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
import sqlite3
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.exceptions import HTTPException

from newsweave.app.browse import Wanted, appearances_json, list_json, list_url, search_json
from newsweave.app.pages import API_POLICY, content_security_policy, render_page, urlpart
from newsweave.config import settings
from newsweave.errors import ConfigError
from newsweave.render.json_v1 import brief_dict
from newsweave.sections import ServerSettings
from newsweave.store.listing import known_outlets, list_page
from newsweave.store.mentions import mentions, quotes
from newsweave.store.query import (
    entity_page,
    load_brief,
    resolve_story,
    search_articles,
    search_entities,
    search_quotes,
    story_v1,
)
from newsweave.store.schema import connect_reader
from newsweave.store.versions import changes_since, instant, version_count

COOKIE = "newsweave_token"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
}
TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    414: "URL too long",
    503: "Busy",
}
# A Host header: a name or IPv4 address, or an IPv6 address in brackets; then maybe a port.
HOST_HEADER = re.compile(
    r"(?:\[(?P<ipv6>[0-9a-fA-F.]*:[0-9a-fA-F:.]*)\]|(?P<name>[\w.-]+))(?::\d{1,5})?", re.ASCII
)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def answers_to(host_header: str) -> bool:
    """Whether a request with this `Host` header names the loopback (`localhost`, `127.0.0.1`,
    `[::1]`..., any port): a tokenless server answers no other name, or a page whose own domain
    an attacker has re-pointed at 127.0.0.1 (DNS rebinding) could read the archive."""
    parts = HOST_HEADER.fullmatch(host_header)
    if parts is None:
        return False
    return is_loopback(parts["ipv6"] or parts["name"].lower())


def serve(
    store_path: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Run the app with uvicorn until interrupted (`announce` hears the address once checked)."""
    if not is_loopback(host) and not token:
        raise ConfigError(
            f"binding to {host} opens the archive to the network: give --token T "
            "(or set NEWSWEAVE_TOKEN); every request must then carry it"
        )
    import uvicorn

    from newsweave.app.connections import guarded_protocol

    app = create_app(store_path, token)
    knobs = settings("server")
    protocol = guarded_protocol(knobs.header_timeout_seconds, knobs.max_connections)
    if announce:
        announce(f"serving {store_path} on http://{host}:{port}/ (Ctrl+C stops)")
    uvicorn.run(
        app,
        host=host,
        port=port,
        http=protocol,  # h11 with a header deadline and a connection cap, even if httptools is in
        server_header=False,
        h11_max_incomplete_event_size=16 * 1024,  # headers + request line
        timeout_keep_alive=5,
        log_level="warning",
    )


def create_app(store_path: Path, token: str | None = None) -> FastAPI:
    """The web app over the store at `store_path` (checked now, opened read-only per request)."""
    knobs = settings("server")
    connect_reader(store_path).close()  # fail at start, with a clear message, not per request
    app = FastAPI(title="newsweave", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.knobs = knobs
    app.state.store_name = store_path.name
    app.state.store_path = store_path
    app.middleware("http")(request_guard(token, knobs))
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _bad_request)  # type: ignore[arg-type]

    _add_pages(app, knobs)
    _add_api(app, knobs)
    return app


def _database(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one request (new data is visible to the next request)."""
    connection = connect_reader(request.app.state.store_path)
    try:
        yield connection
    finally:
        connection.close()


Db = Annotated[sqlite3.Connection, Depends(_database)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]
Words = Annotated[str, Query(max_length=settings("server").max_query_chars)]
Since = Annotated[str | None, Query(max_length=64)]


Next = Callable[[Request], Awaitable[Response]]


def request_guard(token: str | None, knobs: ServerSettings) -> Callable[..., Awaitable[Response]]:
    """The Host rule, size limits, the token rule, the cap on requests at once, a fresh nonce
    and the security headers, for every request."""
    max_body, max_url, max_requests = knobs.max_body_bytes, knobs.max_url_bytes, knobs.max_requests
    in_flight = 0

    async def middleware(request: Request, call_next: Next) -> Response:
        nonlocal in_flight
        request.state.nonce = secrets.token_urlsafe(18)
        url_bytes = len(request.scope.get("raw_path", b"")) + len(request.scope["query_string"])
        length = request.headers.get("content-length", "0")
        if token is None and not answers_to(request.headers.get("host", "")):
            response: Response = PlainTextResponse(
                "Misdirected request: without a token this server answers only to localhost, "
                "127.0.0.1 and [::1].",
                status_code=421,
            )
        elif url_bytes > max_url:
            response = _error_response(request, 414, "The address is too long.")
        elif (
            not length.isdigit() or int(length) > max_body or "transfer-encoding" in request.headers
        ):
            response = _error_response(request, 413, "This app takes no request bodies.")
        elif token is not None and not _authorised(request, token):
            response = _error_response(request, 401, "This archive needs its token.")
            response.headers["WWW-Authenticate"] = "Bearer"
        elif in_flight >= max_requests:
            response = _error_response(request, 503, "The server is busy: try again shortly.")
            response.headers["Retry-After"] = "1"
        else:
            in_flight += 1
            try:
                response = await call_next(request)
            finally:
                in_flight -= 1
            if token is not None and request.query_params.get("token"):
                response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", API_POLICY)
        return response

    return middleware


def _authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    offered = [
        header[7:] if header.lower().startswith("bearer ") else "",
        request.query_params.get("token", ""),
        request.cookies.get(COOKIE, ""),
    ]
    expected = token.encode("utf-8")
    return any(hmac.compare_digest(o.encode("utf-8"), expected) for o in offered if o)


def _page(request: Request, name: str, code: int = 200, **values: Any) -> HTMLResponse:
    nonce = request.state.nonce
    knobs = request.app.state.knobs
    page = render_page(
        name,
        nonce=nonce,
        store_name=request.app.state.store_name,
        max_query=knobs.max_query_chars,
        **values,
    )
    response = HTMLResponse(page, status_code=code)
    response.headers["Content-Security-Policy"] = content_security_policy(nonce, page)
    return response


def _error_response(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    title = TITLES.get(status, "Not allowed" if status in (401, 403, 413) else "Error")
    return _page(request, "error", status, status=status, title=title, message=message)


async def _http_error(request: Request, error: HTTPException) -> Response:
    messages = {404: "There is nothing at this address.", 405: "Only GET is served here."}
    said = error.detail if error.status_code == 400 else "Error."  # a bad parameter, named
    return _error_response(request, error.status_code, messages.get(error.status_code, said))


async def _bad_request(request: Request, error: RequestValidationError) -> Response:
    return _error_response(request, 400, "A parameter is not valid: " + _first_error(error))


def _first_error(error: RequestValidationError) -> str:
    first = error.errors()[0] if error.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "query")
    return f"{where}: {first.get('msg', 'invalid')}"


def _add_pages(app: FastAPI, knobs: ServerSettings) -> None:
    """The HTML pages: story list, story brief, search and entity pages."""
    size, hits = knobs.page_size, knobs.search_limit

    @app.get("/", response_class=HTMLResponse)
    def story_list(request: Request, db: Db, wanted: Wanted, page: PageNo = 1) -> Response:
        found = list_page(db, wanted, page, size)
        return _page(
            request,
            "stories",
            404 if found.out_of_range else 200,
            listing=found,
            wanted=wanted,
            list_url=list_url,
            outlets=known_outlets(db),
        )

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)  # no icon; browsers ask anyway

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(request: Request, story_id: str, db: Db) -> Response:
        from newsweave.render.html import render_html

        current = _current(db, story_id)
        if current != story_id:
            return RedirectResponse(f"/stories/{urlpart(current)}", status_code=301)
        brief = load_brief(db, current)
        if brief is None:
            raise HTTPException(404)
        nonce = request.state.nonce
        # a story that grew since it was first briefed says what is new since the version before
        grew = version_count(db, current) > 1
        changed = changes_since(db, current) if grew else None
        changes = {brief.story.id: changed} if changed else None
        page = render_html([brief], nonce=nonce, home_url="/", changes=changes)
        response = HTMLResponse(page)
        response.headers["Content-Security-Policy"] = content_security_policy(nonce, page)
        return response

    @app.get("/search", response_class=HTMLResponse)
    def search_page(request: Request, db: Db, q: Words = "") -> Response:
        return _page(request, "search", query=q.strip(), **_search(db, q, hits))

    @app.get("/entities/{name:path}", response_class=HTMLResponse)
    def entity(request: Request, name: str, db: Db) -> Response:
        found = entity_page(db, name, hits)
        if found is None:
            raise HTTPException(404)
        said, named = quotes(db, found.name, hits), mentions(db, found.name, hits)
        return _page(request, "entity", entity=found, quotes=said, mentions=named)


def _add_api(app: FastAPI, knobs: ServerSettings) -> None:
    """The JSON API: the same content as the pages, a story as contract JSON version 1."""
    size, hits = knobs.page_size, knobs.search_limit

    @app.get("/api/stories")
    def api_stories(db: Db, wanted: Wanted, page: PageNo = 1) -> Any:
        found = list_page(db, wanted, page, size)
        if found.out_of_range:
            message = f"page {page} is past the last page ({found.pages})"
            return JSONResponse({"error": message, **list_json(found, wanted)}, status_code=404)
        return list_json(found, wanted)

    @app.get("/api/stories/{story_id}")
    def api_story(story_id: str, db: Db) -> Any:
        current = _current(db, story_id)
        if current != story_id:
            return RedirectResponse(f"/api/stories/{urlpart(current)}", status_code=301)
        found = story_v1(db, current)
        if found is None:
            brief = load_brief(db, current)
            if brief is None:
                raise HTTPException(404)
            found = brief_dict(brief)
        return found

    @app.get("/api/stories/{story_id}/changes")
    def api_changes(story_id: str, db: Db, since: Since = None) -> Any:
        try:
            moment = instant(since) if since is not None else None
        except ConfigError as error:  # not a time: 400, saying what a time looks like
            raise HTTPException(400, str(error)) from None
        found = changes_since(db, _current(db, story_id), moment)
        if found is None:
            raise HTTPException(404)
        return found

    @app.get("/api/search")
    def api_search(db: Db, q: Words = "") -> dict[str, Any]:
        return {"query": q, **search_json(_search(db, q, hits))}

    @app.get("/api/entities/{name:path}")
    def api_entity(name: str, db: Db) -> dict[str, Any]:
        found = entity_page(db, name, hits)
        if found is None:
            raise HTTPException(404)
        return {
            "name": found.name,
            "type": found.type,
            "aliases": list(found.aliases),
            "stories": [s.as_dict() for s in found.stories],
            "quotes": [
                {"speaker": found.name, **q.as_dict()} for q in quotes(db, found.name, hits)
            ],
            "mentions": appearances_json(mentions(db, found.name, hits)),
        }


def _current(db: sqlite3.Connection, story_id: str) -> str:
    current = resolve_story(db, story_id)
    if current is None:
        raise HTTPException(404)
    return current


def _search(db: sqlite3.Connection, words: str, limit: int) -> dict[str, Any]:
    return {
        "articles": search_articles(db, words, limit),
        "quotes": search_quotes(db, words, limit),
        "entities": search_entities(db, words, limit),
    }
