"""Browsing the app as a newsroom does, against the real server on 127.0.0.1: the story list
with its summary line, filters, sorts and pages; search snippets over hostile text; entity
pages that name outlet, date and story; the story page as the story alone."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from archives import example_store, free_port, hostile_store, running_server

from newsweave.app.server import create_app
from newsweave.config import set_defaults, settings

__all__ = ["hostile_store"]  # a fixture used below


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(example_store(tmp_path_factory)) as base:
        yield base


@contextmanager
def paged_server(store: Path, page_size: int) -> Iterator[str]:
    """The app with `page_size` stories a page, served by uvicorn on 127.0.0.1 in a thread."""
    default = settings("server").page_size
    set_defaults("server", page_size=page_size)
    try:
        app = create_app(store)
    finally:
        set_defaults("server", page_size=default)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)


def stories(base: str, **params: Any) -> list[dict[str, Any]]:
    response = httpx.get(base + "/api/stories", params=params)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["stories"]
    return found


def test_home_page_shows_headline_summary_outlets_dates_and_size(server: str) -> None:
    first = stories(server, sort="biggest")[0]  # a story of several articles and outlets
    assert first["summary"] and first["outlets"] and first["articles"] > 1
    page = httpx.get(server + "/", params={"sort": "biggest"}).text
    item = page.split('<li class="story-item">')[1].split("</li>")[0]
    assert '<p class="summary">' in item and f"{first['articles']} articles" in item
    assert first["outlets"][0] in item and first["oldest"][:10] in item
    assert "page 1 of 1" in page and 'name="outlet"' in page and 'name="sort"' in page


def test_filters_keep_only_the_stories_asked_for(server: str) -> None:
    everything = stories(server)
    outlet = everything[-1]["outlets"][-1]
    by_outlet = stories(server, outlet=outlet.upper())
    assert by_outlet and all(outlet in s["outlets"] for s in by_outlet)
    assert len(by_outlet) < len(everything) or all(outlet in s["outlets"] for s in everything)
    day = max(s["newest"] for s in everything)[:10]
    late = stories(server, **{"from": day})
    assert late and all(s["newest"][:10] >= day for s in late)
    early = stories(server, to="2025-03-03")
    assert all(s["oldest"][:10] <= "2025-03-03" for s in early)
    assert len(early) < len(everything)
    levee = stories(server, q="levee")
    assert [s["headline"] for s in levee] == [
        "Levee failure behind deadly Brennick flood; 8,000 evacuated"
    ]
    page = httpx.get(server + "/", params={"q": "levee", "outlet": outlet}).text
    assert f'value="{outlet}"' in page and "match" in page
    nothing = httpx.get(server + "/", params={"q": "zzzunheardof"})
    assert nothing.status_code == 200 and "No story matches these filters" in nothing.text
    assert "No stories yet" not in nothing.text
    assert httpx.get(server + "/", params={"from": "yesterday"}).status_code == 400


def test_sorts_order_the_list(server: str) -> None:
    biggest = stories(server, sort="biggest")
    assert [s["articles"] for s in biggest] == sorted(
        (s["articles"] for s in biggest), reverse=True
    )
    newest = stories(server, sort="newest")
    assert [s["newest"] for s in newest] == sorted((s["newest"] for s in newest), reverse=True)
    updated = stories(server, sort="updated")
    key = "updated" if "updated" in updated[0] else "newest"  # the column, where the store has it
    assert [s[key] for s in updated] == sorted((s[key] for s in updated), reverse=True)
    page = httpx.get(server + "/", params={"sort": "biggest"}).text
    assert '<option value="biggest" selected>' in page
    assert httpx.get(server + "/api/stories", params={"sort": "random"}).status_code == 400


def test_pages_say_where_you_are_and_a_page_past_the_end_says_so(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    store = example_store(tmp_path_factory)
    with paged_server(store, page_size=2) as base:
        listing = httpx.get(base + "/api/stories", params={"page": 2, "sort": "biggest"}).json()
        assert (listing["page"], listing["pages"], len(listing["stories"])) == (2, 3, 2)
        second = httpx.get(base + "/", params={"page": 2, "sort": "biggest"}).text
        assert "Page 2 of 3" in second
        assert 'href="/?sort=biggest&amp;page=3"' in second  # the filter travels with the pages
        past = httpx.get(base + "/", params={"page": 99})
        assert past.status_code == 404 and "There is no page 99" in past.text
        assert 'href="/?page=3"' in past.text and "No stories yet" not in past.text
        api = httpx.get(base + "/api/stories", params={"page": 99})
        assert api.status_code == 404 and api.json()["pages"] == 3


def test_search_snippets_mark_hits_and_escape_hostile_text(hostile_store: Path) -> None:
    with running_server(hostile_store) as base:
        page = httpx.get(base + "/search", params={"q": "plan"}).text
        home = httpx.get(base + "/", params={"q": "<b>plan</b>"}).text
    hits = page.split('<ul class="list articles">')[1]
    assert "<mark>plan</mark>" in hits and "&lt;script&gt;alert(&#39;title&#39;)" in hits
    assert "<script>alert(" not in page and "<img src=x" not in page
    assert re.findall(r"<mark>([^<]*)</mark>", page) == ["plan"] * len(re.findall("<mark>", page))
    assert 'value="&lt;b&gt;plan&lt;/b&gt;"' in home and "<b>plan</b>" not in home


def test_entity_page_names_outlet_date_and_links_to_the_story(server: str) -> None:
    person = httpx.get(server + "/api/entities/Greta Halloran").json()
    quote = person["quotes"][0]
    assert quote["outlet"] and quote["published"] and quote["headline"] and quote["text"]
    assert person["mentions"] and all(m["story"] and m["headline"] for m in person["mentions"])
    page = httpx.get(server + "/entities/Greta%20Halloran").text
    links = re.findall(r'class="story-link" href="(/stories/[^"#]+)#(s1-a\d+)"', page)
    assert links and quote["outlet"] in page and quote["published"][:10] in page
    story, anchor = links[0]
    assert f'id="{anchor}"' in httpx.get(server + story).text


def test_the_story_page_is_the_story_alone(server: str) -> None:
    first = stories(server, sort="biggest")[0]
    page = httpx.get(f"{server}/stories/{first['id']}").text
    assert "News brief" not in page and 'class="toc"' not in page
    assert 'role="search"' in page and 'class="home" href="/"' in page
    assert page.count('class="story-head"') == 1 and first["headline"] in page
    assert '<details class="fulltext">' in page  # texts folded; a citation unfolds its article
    if first["unknown_outlets"]:
        assert '<span class="unknown-outlet">unknown outlet</span> <small class="file">' in page
