"""The feed list: a text file of URLs or an OPML export, read safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.errors import ConfigError
from newsweave.watch.sources import read_sources


def test_a_text_list_skips_comments_blanks_and_repeats_and_names_what_is_not_http(
    tmp_path: Path,
) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# world news\n\nhttp://127.0.0.1:9/a.xml\n  https://127.0.0.1:9/b.rss  \n"
        "http://127.0.0.1:9/a.xml\nfile:///etc/passwd\n",
        encoding="utf-8",
    )
    urls, problems = read_sources(path)
    assert urls == ["http://127.0.0.1:9/a.xml", "https://127.0.0.1:9/b.rss"]
    assert [p.source for p in problems] == [f"{path}:6"]
    assert "not an http(s) URL" in problems[0].reason


def test_an_opml_export_gives_its_feeds_at_any_depth(tmp_path: Path) -> None:
    path = tmp_path / "subscriptions.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>'
        '<outline text="News"><outline type="rss" text="A" xmlUrl="http://127.0.0.1:9/a.xml"/>'
        '<outline text="Deeper"><outline type="rss" text="B" '
        'xmlUrl="http://127.0.0.1:9/b.xml"/></outline></outline>'
        '<outline type="rss" text="C" xmlUrl="http://127.0.0.1:9/c.xml"/></body></opml>',
        encoding="utf-8",
    )
    urls, problems = read_sources(path)
    assert urls == [f"http://127.0.0.1:9/{name}.xml" for name in "abc"]
    assert problems == []


def test_an_opml_file_that_declares_entities_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.opml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">]>'
        '<opml version="2.0"><body><outline xmlUrl="http://127.0.0.1:9/&a;"/></body></opml>',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="not a readable OPML file"):
        read_sources(path)


def test_a_list_without_any_feed_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no feed URL found"):
        read_sources(path)
