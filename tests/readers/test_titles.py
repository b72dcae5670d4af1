"""Titles are read as text: feed and record markup stripped, entities decoded once, and a
plain-text file's first line taken as its title when it reads as a headline."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.clean import clean
from newsweave.models import RawArticle
from newsweave.readers import read
from newsweave.readers.titles import plain_title

BODY = (
    "The plant in Harwick will close next spring, the company said on Monday. "
    "About 300 workers are affected, and the union said it would ask for talks."
)


def only_article(path: Path) -> RawArticle:
    items = list(read(path))
    assert len(items) == 1 and isinstance(items[0], RawArticle), items
    return items[0]


def test_markup_is_stripped_and_entities_decoded_once() -> None:
    assert plain_title("Global Automotive <b>Slack</b> Market") == "Global Automotive Slack Market"
    assert plain_title("Global &lt;b&gt;Slack&lt;/b&gt;  Market") == "Global Slack Market"
    assert plain_title("AT&amp;T buys <a href='x'>Time</a>") == "AT&T buys Time"
    assert plain_title("Shown as &amp;lt;") == "Shown as &lt;"  # decoded once, not twice
    assert plain_title("Rates: 3 < 4 and 5 > 2, <3") == "Rates: 3 < 4 and 5 > 2, <3"
    assert plain_title(" <br/> ") is None and plain_title(None) is None


def test_a_feed_title_with_markup_is_read_as_text(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Trade Wire</title>'
        "<item><title>Global Automotive &lt;b&gt;Slack&lt;/b&gt; Market &amp;amp; more</title>"
        f"<description>{BODY}</description></item></channel></rss>",
        encoding="utf-8",
    )
    # XML `&amp;amp;` is the HTML `&amp;` of an RSS title: the text "&"
    assert only_article(feed).title == "Global Automotive Slack Market & more"


def test_a_record_title_with_markup_is_read_as_text(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.jsonl"
    record = {"title": "Plant to <em>close</em> &amp; 300 jobs go", "text": BODY}
    crawl.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert only_article(crawl).title == "Plant to close & 300 jobs go"


def test_a_text_files_headline_line_becomes_its_title(tmp_path: Path) -> None:
    headed = tmp_path / "001_e808c60144aaf27a.txt"
    headed.write_text("Harwick plant to close next spring\n\n" + BODY + "\n", encoding="utf-8")
    article = clean(only_article(headed))
    assert article.title == "Harwick plant to close next spring"
    assert article.outlet is None  # shown as "unknown outlet" with the file name beside it
    sentence = tmp_path / "002.txt"
    sentence.write_text(BODY + "\n", encoding="utf-8")
    assert clean(only_article(sentence)).title is None  # a first line that is a sentence
