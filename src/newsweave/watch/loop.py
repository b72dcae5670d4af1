"""`watch`'s rhythm: poll once (for cron), or poll every DURATION until interrupted."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from newsweave.errors import ConfigError, NewsweaveError
from newsweave.models import Problem
from newsweave.watch.fetch import Fetcher
from newsweave.watch.poll import PollReport, Tell, poll
from newsweave.watch.sources import read_sources

_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*", re.I)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """Seconds in a DURATION: a number and a unit, `30s`, `15m`, `1h` or `1d` (ConfigError)."""
    match = _DURATION.fullmatch(text)
    seconds = float(match[1]) * _UNIT_SECONDS[match[2].lower()] if match else 0.0
    if seconds <= 0:
        raise ConfigError(
            f"--every {text!r}: give a number above zero and a unit: 30s, 15m, 1h or 1d"
        )
    return seconds


def follow(
    sources: Path,
    store: Path,
    *,
    every: float | None,
    on_problem: Tell,
    on_poll: Callable[[PollReport], None],
    polls: int | None = None,
    make_fetcher: Callable[[], Fetcher] = Fetcher,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Poll the feeds listed in `sources` into `store`: once when `every` is None, else every
    `every` seconds (from one poll's start to the next) until interrupted (KeyboardInterrupt
    reaches the caller between or during polls; what a poll committed stays) or `polls`
    polls are done. The list is read once, at the start.

    Once: returns 0 when at least one feed answered, else 1; a store that cannot be written
    raises NewsweaveError. Every `every` seconds: a poll that cannot be stored is told
    (`on_problem`) and the next one tries again; returns 0 after `polls` polls.
    """
    urls, problems = read_sources(sources)
    for problem in problems:
        on_problem(problem)
    done = 0
    while True:
        started = time.monotonic()
        if every is None:
            report = poll(urls, store, fetcher=make_fetcher(), on_problem=on_problem)
            on_poll(report)
            return 0 if report.answered else 1
        try:
            on_poll(poll(urls, store, fetcher=make_fetcher(), on_problem=on_problem))
        except NewsweaveError as error:  # the store busy or full: the next poll tries again
            on_problem(Problem(str(store), f"this poll was not stored: {error}"))
        done += 1
        if polls is not None and done >= polls:
            return 0
        sleep(max(0.0, started + every - time.monotonic()))
