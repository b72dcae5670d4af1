"""`watch`'s rhythm: the DURATION flag, once or every DURATION, and its exit status."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from feedsite import FeedSite

from newsweave.config import settings
from newsweave.errors import ConfigError
from newsweave.watch.fetch import Fetcher
from newsweave.watch.loop import follow, parse_every
from newsweave.watch.poll import PollReport


@pytest.mark.parametrize(
    ("text", "seconds"), [("30s", 30), ("15m", 900), ("1h", 3600), ("1.5h", 5400), ("1d", 86400)]
)
def test_a_duration_is_a_number_and_a_unit(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["15", "m", "0m", "15 minutes", "-1h"])
def test_a_duration_without_a_unit_or_above_zero_is_a_usage_error(text: str) -> None:
    with pytest.raises(ConfigError, match="30s, 15m, 1h or 1d"):
        parse_every(text)


def test_polling_every_duration_repeats_until_told_to_stop(tmp_path: Path) -> None:
    with FeedSite().running() as site:
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(site.url("/gone.xml") + "\n", encoding="utf-8")
        polls: list[PollReport] = []
        slept: list[float] = []
        status = follow(
            feeds,
            tmp_path / "news.db",
            every=60.0,
            on_problem=lambda problem: None,
            on_poll=polls.append,
            polls=3,
            make_fetcher=lambda: Fetcher(settings("watch", retries=0, host_delay_seconds=0.0)),
            sleep=slept.append,
        )
        assert len(site.requests_to("/gone.xml")) == 3
    assert [report.failed for report in polls] == [1, 1, 1]
    assert len(slept) == 2 and all(50 < pause <= 60 for pause in slept)
    assert status == 0  # a loop that ran its polls; only --once reports whether feeds answered


def test_a_poll_that_cannot_be_stored_is_told_and_the_loop_goes_on(tmp_path: Path) -> None:
    store = tmp_path / "theirs.db"
    with closing(sqlite3.connect(store)) as connection:
        connection.execute("CREATE TABLE accounts (id INTEGER)")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/feed.xml\n", encoding="utf-8")
    told: list[str] = []
    status = follow(
        feeds,
        store,
        every=60.0,
        on_problem=lambda problem: told.append(problem.reason),
        on_poll=lambda report: None,
        polls=2,
        sleep=lambda seconds: None,
    )
    assert status == 0
    assert len(told) == 2
    assert all(
        "this poll was not stored" in line and "not a newsweave store" in line for line in told
    )
