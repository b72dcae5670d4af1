"""`watch`'s poll against a real HTTP server on 127.0.0.1: new items reach the store, an
unchanged feed costs a 304, failures are told per feed, blurbs get their pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from dataclasses import asdict
from pathlib import Path

import pytest
from feedsite import FeedItem, FeedSite, article_page, http_date, rss

from newsweave.config import set_defaults, settings
from newsweave.models import Problem, StoryProblem
from newsweave.store.schema import connect_reader
from newsweave.watch.fetch import Fetcher
from newsweave.watch.poll import PollReport, poll

BRIDGE = (
    "The city council voted on Tuesday to close the old river bridge to all traffic after "
    "engineers found deep cracks in two of its supports. The mayor said repairs would take "
    "at least eight months and cost about 12 million dollars. Buses will be rerouted over the "
    "northern crossing while the work goes on."
)
FLOOD = (
    "Heavy rain flooded the lower town overnight and forced about 300 residents from their "
    "homes, the fire service said on Wednesday. Schools in the valley stayed closed and the "
    "regional train line was suspended between the two stations nearest the river."
)


@pytest.fixture(autouse=True)
def fast_briefs() -> Iterator[None]:
    """Briefs without spaCy: these tests are about fetching, not briefing."""
    before = settings("brief")
    set_defaults("brief", mode="fast")
    yield
    set_defaults("brief", **asdict(before))


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite().running() as running:
        yield running


def quick_fetcher(**knobs: float) -> Fetcher:
    """Short timeouts and back-offs, no host delay: the server is local and the test short."""
    values = {"timeout_seconds": 2.0, "retries": 1, "retry_backoff_seconds": 0.01}
    return Fetcher(settings("watch", **{"host_delay_seconds": 0.0, **values, **knobs}))


def run_poll(urls: list[str], store: Path, **knobs: float) -> tuple[PollReport, list[str]]:
    told: list[str] = []

    def tell(problem: Problem | StoryProblem) -> None:
        told.append(f"{problem.source}: {problem.reason}")

    return poll(urls, store, fetcher=quick_fetcher(**knobs), on_problem=tell), told


def stored(store: Path) -> list[dict[str, object]]:
    with closing(connect_reader(store)) as connection:
        rows = connection.execute("SELECT record FROM articles ORDER BY url").fetchall()
    return [json.loads(row[0]) for row in rows]


def two_item_feed(site: FeedSite, **route: object) -> str:
    items = [
        FeedItem("bridge-1", "Council closes river bridge", site.url("/bridge"), BRIDGE),
        FeedItem("flood-1", "Floods force 300 from homes", site.url("/flood"), FLOOD),
    ]
    return site.put("/feed.xml", rss("Example Gazette", items), **route)


def test_new_items_are_ingested_with_their_url_outlet_title_and_date(
    site: FeedSite, tmp_path: Path
) -> None:
    url = two_item_feed(site)
    report, told = run_poll([url], tmp_path / "news.db")
    assert (report.answered, report.failed, report.new_items) == (1, 0, 2), told
    bridge, flood = stored(tmp_path / "news.db")
    assert bridge["url"] == site.url("/bridge")
    assert bridge["outlet"] == "Example Gazette"
    assert bridge["title"] == "Council closes river bridge"
    assert str(bridge["published"]).startswith("2021-06-15")
    assert "deep cracks" in str(bridge["text"])
    assert bridge["source"] == f"{url}#1"
    assert flood["url"] == site.url("/flood")


def test_a_second_poll_sends_validators_gets_304_and_changes_nothing(
    site: FeedSite, tmp_path: Path
) -> None:
    store = tmp_path / "news.db"
    two_item_feed(site, etag='"v1"', last_modified=http_date(1_623_747_600))
    run_poll([site.url("/feed.xml")], store)
    before = stored(store)
    report, told = run_poll([site.url("/feed.xml")], store)
    second = site.requests_to("/feed.xml")[-1]
    assert second.headers["If-None-Match"] == '"v1"'
    assert second.headers["If-Modified-Since"] == http_date(1_623_747_600)
    assert second.status == 304
    assert (report.answered, report.unchanged, report.new_items) == (1, 1, 0), told
    assert report.ingest is None
    assert stored(store) == before


def test_a_changed_feed_adds_only_its_new_item(site: FeedSite, tmp_path: Path) -> None:
    store = tmp_path / "news.db"
    two_item_feed(site)  # no validators: the whole feed comes back each time
    run_poll([site.url("/feed.xml")], store)
    again, _ = run_poll([site.url("/feed.xml")], store)
    assert (again.new_items, again.ingest) == (0, None)
    items = [
        FeedItem("bridge-1", "Council closes river bridge", site.url("/bridge"), BRIDGE),
        FeedItem("flood-1", "Floods force 300 from homes", site.url("/flood"), FLOOD),
        FeedItem("flood-2", "Flood water recedes", site.url("/flood2"), FLOOD + " It recedes."),
    ]
    site.put("/feed.xml", rss("Example Gazette", items))
    report, told = run_poll([site.url("/feed.xml")], store)
    assert report.new_items == 1, told
    assert report.ingest is not None and report.ingest.added == 1
    assert len(stored(store)) == 3


def test_feeds_answering_404_and_500_are_told_while_the_others_are_ingested(
    site: FeedSite, tmp_path: Path
) -> None:
    good = two_item_feed(site)
    broken = site.put("/broken.xml", "oops", status=500)
    missing = site.url("/missing.xml")
    report, told = run_poll([missing, broken, good], tmp_path / "news.db")
    assert (report.answered, report.failed, report.new_items) == (1, 2, 2)
    assert any(line.startswith(f"{missing}: HTTP 404") for line in told), told
    assert any(line.startswith(f"{broken}: HTTP 500") for line in told), told
    assert len(site.requests_to("/broken.xml")) == 2  # one retry (retries = 1)
    assert len(site.requests_to("/missing.xml")) == 1  # a 404 is never retried
    assert len(stored(tmp_path / "news.db")) == 2


def test_a_page_that_is_not_a_feed_is_told(site: FeedSite, tmp_path: Path) -> None:
    page = site.put("/index.html", article_page("Home", ["Welcome."]), content_type="text/html")
    report, told = run_poll([page], tmp_path / "news.db")
    assert (report.answered, report.failed) == (0, 1)
    assert len(told) == 1 and told[0].startswith(f"{page}: ")


def test_a_slow_feed_hits_the_timeout_and_is_told(site: FeedSite, tmp_path: Path) -> None:
    slow = two_item_feed(site, delay=3.0)
    report, told = run_poll([slow], tmp_path / "news.db", timeout_seconds=0.3, retries=0)
    assert (report.answered, report.failed) == (0, 1)
    assert told == [f"{slow}: timed out after 0.3 s"]


def test_a_blurb_only_item_gets_its_page_fetched_and_read(site: FeedSite, tmp_path: Path) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    page = site.put(
        "/news/bridge.html",
        article_page("Bridge closed", BRIDGE.split(". ")),
        content_type="text/html",
    )
    blurb = FeedItem("b1", "Council closes river bridge", page, "The bridge is shut.", full=False)
    feed = site.put("/blurbs.xml", rss("Example Gazette", [blurb]))
    report, told = run_poll([feed], tmp_path / "news.db")
    assert (report.new_items, report.pages) == (1, 1), told
    (article,) = stored(tmp_path / "news.db")
    assert "deep cracks in two of its supports" in str(article["text"])
    assert "Copyright" not in str(article["text"])
    assert (article["title"], article["url"]) == ("Council closes river bridge", page)
    assert article["outlet"] == "Example Gazette"
    assert str(article["published"]).startswith("2021-06-15")
    assert site.requests_to("/robots.txt")[0].headers["User-Agent"].startswith("newsweave/")


def test_a_page_robots_txt_disallows_is_not_fetched_and_the_blurb_is_kept(
    site: FeedSite, tmp_path: Path
) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    page = site.put(
        "/private/bridge.html", article_page("Bridge", BRIDGE.split(". ")), content_type="text/html"
    )
    blurb = FeedItem("b1", "Council closes river bridge", page, "The bridge is shut.", full=False)
    feed = site.put("/blurbs.xml", rss("Example Gazette", [blurb]))
    report, told = run_poll([feed], tmp_path / "news.db")
    assert site.requests_to("/private/bridge.html") == []
    assert (report.new_items, report.pages) == (1, 0)
    assert told == [
        f"{page}: page not fetched ({site.url('')}/robots.txt disallows it); "
        "the feed's blurb is kept"
    ]
    (article,) = stored(tmp_path / "news.db")
    assert "The bridge is shut." in str(article["text"])
