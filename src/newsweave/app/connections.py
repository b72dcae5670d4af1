"""What an open connection may hold of `serve`: a deadline for its request headers, and a cap
on open connections that makes room by closing the oldest one still waiting for its headers.

uvicorn has neither. Its `timeout_keep_alive` starts only after a first response and any byte
cancels it, so a socket that sends nothing, or trickles a request line a byte at a time, stays
open for ever; and its `limit_concurrency` counts every open connection, so 63 such sockets
made every later request a 503. Here a connection must send its full request headers within
`header_timeout` seconds of opening (or of its last response) however it trickles them, or it
is closed; requests in flight are capped by the app (`server.request_guard`), not by counting
sockets.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import ClassVar

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


@dataclass(frozen=True, slots=True)
class ConnectionLimits:
    """One server's limits, and its connections waiting for request headers, oldest first."""

    header_timeout: float
    max_connections: int
    waiting: dict[GuardedH11Protocol, asyncio.TimerHandle] = field(default_factory=dict)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, with `limits` enforced (made per server by `guarded_protocol`)."""

    limits: ClassVar[ConnectionLimits]

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.limits.max_connections:
            oldest = next(iter(self.limits.waiting), self)  # none waiting: all busy, refuse
            oldest._stop_waiting()
            oldest.transport.close()
            if oldest is self:
                return
        self._wait_for_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        if self._busy():
            self._stop_waiting()  # the headers are in: the app has the request

    def handle_websocket_upgrade(self, event: h11.Request) -> None:
        self._stop_waiting()  # the connection is another protocol's now
        super().handle_websocket_upgrade(event)

    def on_response_complete(self) -> None:
        super().on_response_complete()  # may already have started a pipelined request
        if not self.transport.is_closing() and not self._busy():
            self._wait_for_headers()

    def _busy(self) -> bool:
        """Whether a request of this connection is with the app, its response not yet sent."""
        return self.cycle is not None and not self.cycle.response_complete

    def _wait_for_headers(self) -> None:
        self._stop_waiting()
        timer = self.loop.call_later(self.limits.header_timeout, self._headers_overdue)
        self.limits.waiting[self] = timer

    def _stop_waiting(self) -> None:
        timer = self.limits.waiting.pop(self, None)
        if timer is not None:
            timer.cancel()

    def _headers_overdue(self) -> None:
        self.limits.waiting.pop(self, None)
        if not self._busy():
            self.transport.close()


def guarded_protocol(header_timeout: float, max_connections: int) -> type[H11Protocol]:
    """A protocol class for `uvicorn.run(http=...)` with these limits (a fresh one per server)."""

    class ServerProtocol(GuardedH11Protocol):
        limits = ConnectionLimits(header_timeout, max_connections)

    return ServerProtocol
