"""`watch`'s rhythm: the DURATION flag, once or every DURATION, and its exit status."""

from __future__ import annotations

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
    assert status == 1  # no feed answered
