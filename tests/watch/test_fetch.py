"""The polite HTTP client against a real server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from feedsite import FeedSite

from newsweave.config import settings
from newsweave.watch.fetch import Fetcher, FetchError, user_agent


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite().running() as running:
        yield running


def fetcher(**knobs: float) -> Fetcher:
    values = {"timeout_seconds": 2.0, "retries": 0, "retry_backoff_seconds": 0.01}
    return Fetcher(settings("watch", **{"host_delay_seconds": 0.0, **values, **knobs}))


def test_every_request_names_newsweave_and_its_version(site: FeedSite) -> None:
    fetcher().get(site.put("/a", "x"), 100)
    agent = site.requests_to("/a")[0].headers["User-Agent"]
    assert agent == user_agent()
    assert agent.startswith("newsweave/0.") or agent.startswith("newsweave/1.")


def test_two_requests_to_one_host_are_spaced_by_the_host_delay(site: FeedSite) -> None:
    client = fetcher(host_delay_seconds=0.3)
    client.get(site.put("/a", "x"), 100)
    client.get(site.put("/b", "y"), 100)
    first, second = site.requests_to("/a")[0], site.requests_to("/b")[0]
    assert second.at - first.at >= 0.29


def test_a_server_error_is_retried_with_back_off_then_told(site: FeedSite) -> None:
    slept: list[float] = []
    client = Fetcher(
        settings("watch", retries=2, retry_backoff_seconds=0.5, host_delay_seconds=0.0),
        sleep=slept.append,
    )
    with pytest.raises(FetchError, match=r"HTTP 503 .*\(tried 3 times\)"):
        client.get(site.put("/busy", "", status=503), 100)
    assert len(site.requests_to("/busy")) == 3
    assert slept == [0.5, 1.0]


def test_an_answer_over_its_byte_limit_is_refused(site: FeedSite) -> None:
    with pytest.raises(FetchError, match="larger than 10 bytes"):
        fetcher().get(site.put("/big", "x" * 11), 10)


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1:9/feed.xml"])
def test_a_redirect_to_a_url_that_is_not_http_is_refused(site: FeedSite, target: str) -> None:
    url = site.put("/away", "", status=302, headers={"Location": target})
    with pytest.raises(FetchError, match=f"{target}.*not allowed|not http.*{target}"):
        fetcher().get(url, 100)


def test_robots_txt_absent_allows_and_forbidden_disallows(site: FeedSite) -> None:
    assert fetcher().allowed(site.url("/any/page.html")) == (True, "")
    site.put("/robots.txt", "", status=403)
    allowed, why = fetcher().allowed(site.url("/any/page.html"))
    assert not allowed and "robots.txt disallows" in why
