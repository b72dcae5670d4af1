"""HTML pages of the shapes that lost their article text: each must give the article.

Invented pages, each of the shape of a real page that once gave nothing or lost text: the body
in <div>s with no <p>, in <br>-separated blocks, only in JSON-LD, an AMP page, Japanese prose,
lines without full stops, and markup whose unclosed tags or script text looked deeply nested.
"""

from __future__ import annotations

import json

import pytest

from newsweave.models import Problem, RawArticle
from newsweave.readers.html import html_article, nesting_deeper_than

SENTENCES = [
    "The river ferry resumed its crossings on Monday after a month of repairs to the landing "
    "stage, the port authority said.",
    "Engineers replaced four corroded pylons and a section of the deck that had been closed "
    "since the spring floods.",
    "Commuters had faced a detour of more than forty minutes through the old town while the "
    "work went on.",
]
JAPANESE = [
    "川の渡し船が、桟橋の修理を終えて月曜日に運航を再開しました。",
    "技術者たちは腐食した四本の支柱と、春の洪水以来閉鎖されていた甲板の一部を交換しました。",
    "工事の間、通勤客は旧市街を通る四十分以上の回り道を強いられていました。",
]
NAV = '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'


def page(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Ferry resumes</title>{head}</head><body>{NAV}"
        f"{body}<footer>Copyright 2024 Riverside Post</footer></body></html>"
    )


def amp_page() -> str:
    paragraphs = "".join(f"<p>{s}</p>" for s in SENTENCES)
    return (
        '<!doctype html><html amp lang="en"><head><meta charset="utf-8"><title>Ferry resumes'
        '</title><link rel="canonical" href="https://post.example/ferry">'
        "<style amp-boilerplate>body{visibility:hidden}</style>"
        '<script async src="https://cdn.ampproject.org/v0.js"></script></head><body>'
        '<amp-sidebar id="menu" layout="nodisplay"><a href="/">Home</a></amp-sidebar>'
        '<main><article><h1>Ferry resumes</h1><amp-img src="a.jpg" width="600" height="400" '
        f'layout="responsive"></amp-img>{paragraphs}</article></main></body></html>'
    )


def json_ld_page() -> str:
    data = {"@type": "NewsArticle", "headline": "Ferry resumes", "articleBody": " ".join(SENTENCES)}
    script = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    return page('<div id="app"></div>', head=script)


SHAPES = {
    "divs without p": page("<div>" + "".join(f"<div>{s}</div>" for s in SENTENCES) + "</div>"),
    "br-separated blocks": page("<div>" + "<br><br>".join(SENTENCES) + "</div>"),
    "JSON-LD articleBody only": json_ld_page(),
    "AMP page": amp_page(),
    # unclosed inline tags that their <div> closes, and tags inside a script's text
    "unclosed inline tags": page(
        "<div><span><i>Ad</div>" * 450 + "".join(f"<p>{s}</p>" for s in SENTENCES)
    ),
    "tags in a script": page(
        "<script>var t = '"
        + "<span>" * 500
        + "';</script>"
        + "".join(f"<p>{s}</p>" for s in SENTENCES)
    ),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_gives_its_article(shape: str) -> None:
    article = html_article(SHAPES[shape], f"{shape}.html")
    assert isinstance(article, RawArticle), article
    for sentence in SENTENCES:
        assert sentence in " ".join(article.text.split())
    assert "Copyright 2024" not in article.text


def test_japanese_prose_reads_as_prose() -> None:
    article = html_article(page("<article>" + "".join(f"<p>{s}</p>" for s in JAPANESE)), "ja.html")
    assert isinstance(article, RawArticle), article
    assert article.text.split("\n\n") == JAPANESE
    assert not article.notes  # found by the main extraction, no fallback


def test_lines_without_full_stops_are_kept_and_say_so() -> None:
    lines = [
        "When the river rises high", "and the ferry waits for me", "I will cross the water slow",
        "to the lights of Riverside", "every morning every night", "the old boat carries me home",
    ]  # fmt: skip
    article = html_article(page("<article>" + "<br>".join(lines) + "</article>"), "song.html")
    assert isinstance(article, RawArticle), article
    assert "the old boat carries me home" in article.text
    assert any("no line of the page reads as prose" in note for note in article.notes)


def test_a_menu_alone_is_still_no_article() -> None:
    found = html_article(page('<div><a href="/a">Weather</a> <a href="/b">Traffic</a></div>'), "x")
    assert isinstance(found, Problem) and found.reason == "no article text found in HTML"


def test_nesting_scan_closes_as_a_parser_does() -> None:
    assert not nesting_deeper_than(b"<div><span><i>x</div>" * 1000, 400)
    assert not nesting_deeper_than(b"<script>" + b"<div>" * 1000 + b"</script>", 400)
    assert nesting_deeper_than(b"<div>" * 401, 400)
    assert nesting_deeper_than(b"<div><span>" * 201 + b"</i>" * 1000, 400)


def test_german_and_french_closing_quotes_end_a_sentence() -> None:
    lines = [
        "„Ich weiß, ich bin müde und sollte das vielleicht gar nicht sagen…“",
        "« Nous reprendrons la traversée du fleuve dès lundi matin. »",
    ]
    for line in lines:
        article = html_article(page(f"<article><p>{line}</p></article>"), "quote.html")
        assert isinstance(article, RawArticle), article
        assert not article.notes, article.notes  # the main extraction's text reads as prose


def test_decomposed_letters_are_composed() -> None:
    decomposed = "Die Sitze wurden gepru\u0308ft, und vier Modelle fielen im Test durch."
    article = html_article(page(f"<article><p>{decomposed}</p></article>"), "nfc.html")
    assert isinstance(article, RawArticle), article
    assert "geprüft" in article.text
