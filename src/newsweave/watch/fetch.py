"""A polite HTTP client for feeds and their pages (standard library only).

Polite means: a User-Agent that names newsweave and its version; a conditional GET
(If-None-Match / If-Modified-Since) so an unchanged feed costs a 304 and no body; a pause of
`host_delay_seconds` between two requests to one host; a timeout on every request; a bounded
number of retries with a doubling back-off, only where retrying can help (a timeout, a refused
connection, a 5xx or 429 answer); and robots.txt consulted before any article page.
Only http and https are fetched, redirects included; a body over its byte limit is refused
after that many bytes, never read whole.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import urlsplit

from newsweave import __version__
from newsweave.config import settings
from newsweave.errors import NewsweaveError
from newsweave.sections import WatchSettings

_RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(NewsweaveError):
    """A request that failed for good (after its retries); the message says why."""


@dataclass(frozen=True, slots=True)
class Response:
    """A 200 (with its body) or a 304 (without), and the validators to send next time."""

    url: str
    status: int
    body: bytes
    etag: str | None = None
    last_modified: str | None = None


def user_agent() -> str:
    """`newsweave/VERSION (feed reader)`: who is asking, so a site can tell (and robots.txt
    can name us). No URL: the project has no public address of its own to give yet."""
    return f"newsweave/{__version__} (feed reader)"


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only (never file:, ftp: or another scheme)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(f"redirected to a URL that is not http(s): {newurl[:200]!r}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    """One poll's HTTP client: remembers when it last asked each host and each host's
    robots.txt. `sleep` and `clock` are time.sleep and time.monotonic unless given."""

    def __init__(
        self,
        knobs: WatchSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.knobs = knobs or settings("watch")
        self._sleep, self._clock = sleep, clock
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._opener = urllib.request.build_opener(_HttpOnlyRedirects())
        self.requests = 0

    def get(
        self,
        url: str,
        max_bytes: int,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Response:
        """GET `url` (conditionally when validators are given), retrying what may pass;
        FetchError with the reason when it fails for good (a 4xx, or the retries spent)."""
        headers = {"User-Agent": user_agent(), "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = self.knobs.retries + 1
        for attempt in range(attempts):
            try:
                return self._get_once(url, headers, max_bytes)
            except _Retryable as error:
                if attempt + 1 == attempts:
                    tries = f" (tried {attempts} times)" if attempts > 1 else ""
                    raise FetchError(f"{error}{tries}") from None
                self._sleep(self.knobs.retry_backoff_seconds * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def allowed(self, url: str) -> tuple[bool, str]:
        """Whether robots.txt lets newsweave fetch `url`, and why not.

        A robots.txt that is absent (404 or another 4xx) allows everything; one that answers
        401/403 forbids everything (urllib.robotparser's reading); one that cannot be fetched
        at all (timeout, 5xx) forbids the page for this poll: when in doubt, do not fetch.
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        robots = self._robots[origin]
        if robots is None:
            return False, f"{origin}/robots.txt could not be read"
        if not robots.can_fetch(user_agent(), url):
            return False, f"{origin}/robots.txt disallows it"
        return True, ""

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        robots = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            answer = self.get(origin + "/robots.txt", 500_000)
        except _HttpStatus as error:
            forbidden = error.status in (401, 403)
            robots.parse(["User-agent: *", "Disallow: /"] if forbidden else [])
            return robots
        except FetchError:
            return None
        robots.parse(answer.body.decode("utf-8", "replace").splitlines())
        return robots

    def _get_once(self, url: str, headers: dict[str, str], max_bytes: int) -> Response:
        self._wait_for_host(url)
        request = urllib.request.Request(url, headers=headers)
        try:
            with self._opener.open(request, timeout=self.knobs.timeout_seconds) as answer:
                body = _read_capped(answer, max_bytes)
                return _response(answer.geturl(), answer.status, body, answer.headers)
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return _response(url, 304, b"", error.headers)
            if error.code in _RETRIED_STATUSES:
                raise _Retryable(f"HTTP {error.code} {_reason(error.reason)}") from None
            raise _HttpStatus(error.code, _reason(error.reason)) from None
        except TimeoutError:
            raise _Retryable(f"timed out after {self.knobs.timeout_seconds:g} s") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise _Retryable(f"timed out after {self.knobs.timeout_seconds:g} s") from None
            raise _Retryable(f"cannot connect ({_reason(error.reason)})") from None
        except (OSError, http.client.HTTPException) as error:
            raise _Retryable(f"connection failed ({_reason(error)})") from None
        finally:
            self._last_request[_host(url)] = self._clock()
            self.requests += 1

    def _wait_for_host(self, url: str) -> None:
        last = self._last_request.get(_host(url))
        if last is not None:
            pause = last + self.knobs.host_delay_seconds - self._clock()
            if pause > 0:
                self._sleep(pause)


class _Retryable(Exception):
    """A failure that another try may not meet (timeout, connection, 5xx, 429)."""


class _HttpStatus(FetchError):
    """A 4xx answer (but 429): asking again would get the same."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"HTTP {status} {reason}".rstrip())
        self.status = status


def _read_capped(answer: Any, max_bytes: int) -> bytes:
    body: bytes = answer.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise FetchError(f"answer larger than {max_bytes} bytes")
    return body


def _response(url: str, status: int, body: bytes, headers: Message) -> Response:
    return Response(url, status, body, headers.get("ETag"), headers.get("Last-Modified"))


def _reason(reason: object) -> str:
    """An error's reason as one short printable line (a server chooses its reason phrase)."""
    text = "".join(c if c.isprintable() else " " for c in str(reason))
    return text[:200]


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
