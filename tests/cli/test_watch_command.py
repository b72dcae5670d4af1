"""`newsweave watch` as a user (or cron) runs it, against a real server on 127.0.0.1."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from feedsite import FeedItem, FeedSite, rss

# The command line in a process of its own, with fast briefs (no spaCy load) and no host delay.
LAUNCH = (
    "import sys; from newsweave.config import set_defaults; "
    "set_defaults('brief', mode='fast'); "
    "set_defaults('watch', host_delay_seconds=0.0, retries=0, timeout_seconds=5.0); "
    "from newsweave.cli.main import main; sys.argv[0] = 'newsweave'; main()"
)
TEXT = (
    "The harbour authority reopened the eastern dock on Monday after a week of repairs to the "
    "sea wall. Ferries to the islands will run on the summer timetable from Friday, it said."
)


def watch(*arguments: str | Path, **options: object) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", LAUNCH, "watch", *map(str, arguments)]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options
    )  # type: ignore[call-overload]


def test_once_ingests_tells_the_failed_feed_and_exits_0(tmp_path: Path) -> None:
    with FeedSite().running() as site:
        good = site.put(
            "/feed.xml",
            rss("Harbour News", [FeedItem("h1", "Dock reopens", site.url("/dock"), TEXT)]),
        )
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"# mine\n{good}\n{site.url('/gone.xml')}\n", encoding="utf-8")
        process = watch(feeds, "--store", tmp_path / "news.db", "--once")
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert f"skipped {site.url('/gone.xml')}: HTTP 404" in stderr
    assert "2 feeds: 1 answered (0 unchanged), 1 failed; 1 new items" in stderr
    assert "1 new of 1 articles read" in stderr


def test_once_exits_1_when_no_feed_could_be_read(tmp_path: Path) -> None:
    with FeedSite().running() as site:
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(site.url("/gone.xml") + "\n", encoding="utf-8")
        process = watch(feeds, "--store", tmp_path / "news.db", "--once")
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stderr
    assert "0 answered" in stderr


def test_a_bad_duration_is_a_usage_error(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/feed.xml\n", encoding="utf-8")
    process = watch(feeds, "--store", tmp_path / "news.db", "--every", "soon")
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "--every 'soon'" in stderr


def test_ctrl_c_between_polls_ends_cleanly(tmp_path: Path) -> None:
    with FeedSite().running() as site:
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(site.url("/gone.xml") + "\n", encoding="utf-8")
        process = watch(feeds, "--store", tmp_path / "news.db", "--every", "1h")
        deadline = time.monotonic() + 60
        while not site.requests_to("/gone.xml") and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # the poll's closing line, then the wait for the next
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert "poll: 1 feeds" in stderr
    assert stderr.rstrip().endswith("newsweave watch: stopped")
