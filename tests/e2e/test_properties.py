"""Properties that hold for any input, checked on inputs hypothesis makes up.

Readers: any bytes, under any article suffix, come out as articles and problems, never an
exception, with every field of an article a string or None (wrong JSON types coerced or the
record skipped), and every good JSONL record kept whatever junk lines stand between them.
Cleaning: any text cleans; each sentence is exactly its slice of the text; nothing is lost
silently (the character invariant is stated at `test_clean_loses_no_character`).
Sentences: in order, disjoint, exact, stripped, covering every non-space character.
JSON v1: briefs of made-up stories, through the real pipeline, are valid against the schema
the package ships, and every cited text stands verbatim in its article (at its offsets).
"""

from __future__ import annotations

import gzip
import io
import json
import string
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from itertools import count
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.clean.cleaner import clean
from newsweave.models import Article, Brief, Problem, RawArticle, SourceRef
from newsweave.pipeline import brief_story, group_stories, read_articles
from newsweave.readers import read
from newsweave.render.json_v1 import document, schema, write_document
from newsweave.text.sentences import split_sentences

QUICK = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of news text and its debris: abbreviations, quotes, datelines, boilerplate lines,
# invisible characters, odd whitespace. Joined at random they reach the branches plain random
# text rarely does.
TOKENS = [
    *("The", "mayor", "said", "bridge", "on Tuesday", "last March", "$2.5 million", "3.5"),
    *(" ", " ", " ", "  ", "\t", "\n", "\n", "\n\n", "\r\n", "\u00a0", "\u2028", "\x0c"),
    *(". ", ".", "? ", "! ", "…", ",", ";", ":", "(", ")", '"', "“", "”", "‘", "’", "'"),
    *("Mr. ", "U.S. ", "Jan. 6", "10 a.m. ", "e.g. ", "No. ", "St. "),
    *("GENEVA (Reuters) — ", "Advertisement", "Photo: Reuters", "Related: ", "By Jane Doe"),
    *("Home > World > Europe", "© 2021 Example Times", "Click here to subscribe", "\u00ad"),
    *("\u200b", "\ufeff", "e\u0301", "Zürich", "日本", "😀", "<p>", "&amp;", "\\", "{", "}"),
    *("Published: June 16, 2021", "June 16, 2021", "Share this article", "READ MORE"),
]
prose = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)
any_text = st.one_of(prose, st.text(max_size=400), st.text(string.printable, max_size=400))

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

# Readers

_ids = count()
JSON_KEYS = ["text", "maintext", "content", "body", "title", "url", "outlet", "source", "site"]
JSON_KEYS += ["source_domain", "published", "date_publish", "date", "pubDate", "id", "other"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40) | prose,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
records = st.dictionaries(st.sampled_from(JSON_KEYS), json_values, max_size=6)


def _jsonl(items: Sequence[Mapping[str, object]]) -> bytes:
    return "".join(json.dumps(item) + "\n" for item in items).encode()


def _html(body: str) -> bytes:
    page = f"<html><head><title>T</title></head><body><article><p>{body}</p></article></body>"
    return (page + "</html>").encode()


def _rss(title: str, body: str) -> bytes:
    item = f"<item><title>{title}</title><description>{body}</description></item>"
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{item}</channel></rss>'.encode()


@st.composite
def damaged(draw: st.DrawFn, content: bytes) -> bytes:
    """`content` cut short, or with junk spliced in, or as it is."""
    junk = draw(st.binary(max_size=40))
    at = draw(st.integers(0, len(content)))
    how = draw(st.sampled_from(["keep", "cut", "splice", "replace"]))
    if how == "cut":
        return content[:at]
    if how == "splice":
        return content[:at] + junk + content[at:]
    if how == "replace":
        return content[:at] + junk + content[at + len(junk) :]
    return content


def file_contents(suffix: str) -> st.SearchStrategy[bytes]:
    """Bytes for a file of `suffix`: random, or shaped like the format and then damaged."""
    text = st.one_of(prose, st.text(max_size=200))
    shaped: st.SearchStrategy[bytes] = {
        ".txt": text.map(str.encode),
        ".json": st.lists(records, max_size=4).map(lambda items: json.dumps(items).encode()),
        ".jsonl": st.lists(records, max_size=4).map(_jsonl),
        ".jsonl.gz": st.lists(records, max_size=4).map(_jsonl).map(gzip.compress),
        ".html": text.map(_html),
        ".xml": st.tuples(text, text).map(lambda pair: _rss(*pair)),
    }[suffix]
    return st.one_of(st.binary(max_size=2000), shaped.flatmap(damaged))


SUFFIXES = [".txt", ".json", ".jsonl", ".jsonl.gz", ".html", ".xml"]


@st.composite
def any_file(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(SUFFIXES))
    return suffix, draw(file_contents(suffix))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def _write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / f"{next(_ids)}-{name}"
    path.write_bytes(content)
    return path


def _read_one(path: Path) -> Iterator[RawArticle | Problem]:
    for item in read([path]):
        assert isinstance(item, RawArticle | Problem), item
        assert item.source.startswith(str(path)), item.source
        yield item


@QUICK
@given(case=any_file())
def test_any_bytes_read_as_articles_and_problems(folder: Path, case: tuple[str, bytes]) -> None:
    suffix, content = case
    path = _write(folder, f"file{suffix}", content)
    for item in _read_one(path):
        if isinstance(item, RawArticle):
            assert isinstance(item.text, str) and item.text.strip()
            for value in (item.record_id, item.title, item.url, item.outlet, item.published):
                assert value is None or isinstance(value, str)
            article = clean(item)
            assert all(s.text == article.text[s.start : s.end] for s in article.sentences)
        else:
            assert item.reason.strip()
    path.unlink()


@settings(max_examples=100, deadline=None)
@given(
    junk=st.lists(
        st.binary(max_size=60).map(lambda b: b.replace(b"\n", b" ")) | records.map(json.dumps),
        max_size=6,
    ),
    places=st.lists(st.integers(0, 6), min_size=1, max_size=4),
    cut_tail=st.booleans(),
)
def test_every_good_jsonl_record_is_kept_whatever_stands_between(
    folder: Path, junk: list[bytes | str], places: list[int], cut_tail: bool
) -> None:
    lines = [j.encode() if isinstance(j, str) else j for j in junk]
    words = [f"Goodrecord{n}x" for n in range(len(places))]
    first = json.dumps({"text": f"{words[0]} is the first line.", "outlet": "Harbour Post"})
    for word, place in zip(words[1:], places[1:], strict=True):
        lines.insert(min(place, len(lines)), json.dumps({"text": f"{word} said so."}).encode())
    content = first.encode() + b"\n" + b"".join(line + b"\n" for line in lines)
    if cut_tail:
        content += b'{"text": "The last line is cu'
    path = _write(folder, "mixed.jsonl", content)
    texts = " ".join(item.text for item in _read_one(path) if isinstance(item, RawArticle))
    for word in words:
        assert word in texts
    path.unlink()


# Cleaning and sentences


def _nonspace(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


@QUICK
@given(text=any_text, title=st.none() | prose)
def test_clean_loses_no_character(text: str, title: str | None) -> None:
    """Every character of the input is in the cleaned text or in `removed`.

    Precisely: for the input after NFC, with the invisible format characters (soft hyphen,
    zero-width space/joiners, word joiner, BOM) taken out, the multiset of its non-whitespace
    characters is contained in that of `text` plus NFC(`removed`). Whitespace is normalised
    (runs become one space, lines joined). Mojibake is the readers' to repair, so cleaning
    keeps it as it is. Holds while the text is under `max_sentences`.
    """
    article = clean(RawArticle("any.txt", text, title=title), "a1")
    for sentence in article.sentences:
        assert sentence.text == article.text[sentence.start : sentence.end]
    given_chars = _nonspace(
        unicodedata.normalize("NFC", text).translate({ord(c): None for c in _INVISIBLE})
    )
    kept = _nonspace(article.text) + _nonspace(
        unicodedata.normalize("NFC", "\n".join(article.removed))
    )
    assert given_chars - kept == Counter()


@QUICK
@given(text=any_text, limit=st.none() | st.integers(1, 5))
def test_sentences_are_exact_ordered_disjoint_and_cover_the_text(
    text: str, limit: int | None
) -> None:
    sentences = split_sentences(text, limit)
    end = 0
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert end <= sentence.start < sentence.end <= len(text)
        assert sentence.text == text[sentence.start : sentence.end]
        assert sentence.text == sentence.text.strip()
        end = sentence.end
    if limit is None:
        covered = "".join(s.text for s in sentences)
        assert _nonspace(covered) == _nonspace(text)
    else:
        assert sentences == split_sentences(text)[:limit]


# JSON v1 output, through the real pipeline

PEOPLE = ["Maria Lopez", "John Smith", "Amina Diallo", "Chen Wei"]
PLACES = ["Springfield", "Riverton", "Lakeside"]
OUTLETS = ["Harbour Post", "Daily Ledger", "Metro Wire", "Valley News"]
DAYS = ["on Tuesday", "last March", "on June 3", "next week", "in 2019", "yesterday"]


@st.composite
def story_records(draw: st.DrawFn) -> list[dict[str, str]]:
    """Two to four short articles about one event, told with varying words and order."""
    person, place = draw(st.sampled_from(PEOPLE)), draw(st.sampled_from(PLACES))
    number, day = draw(st.integers(2, 900)), draw(st.sampled_from(DAYS))
    pool = [
        f"The {place} bridge reopened {day} after {number} days of repairs.",
        f'"We fixed every cracked support," said {person}, the city engineer.',
        f"{person} said the repairs cost {number} million dollars.",
        f"Traffic in {place} returned to normal {draw(st.sampled_from(DAYS))}.",
        f"Officials in {place} said {draw(prose)}.",
        f"The council will vote on the budget {draw(st.sampled_from(DAYS))}.",
        draw(prose),
    ]
    outlets = draw(st.lists(st.sampled_from(OUTLETS), min_size=2, max_size=4))
    made = []
    for outlet in outlets:
        picked = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=5, unique=True))
        made.append(
            {
                "text": "\n\n".join(picked),
                "outlet": outlet,
                "title": f"{place} bridge reopens",
                "published": f"2021-06-{draw(st.integers(10, 20))}",
            }
        )
    return made


def _check_refs(article: Article, text: str, ref: SourceRef | None = None) -> None:
    assert text and text in article.text
    if ref is not None and ref.start is not None:
        assert article.text[ref.start : ref.end] == ref.text


def _check_citations(brief: Brief) -> None:
    story = brief.story
    for summary in brief.summary:
        for ref in summary.sources:
            _check_refs(story.article(ref.article), ref.text, ref)
    for fact in brief.facts:
        for ref in fact.sources:
            _check_refs(story.article(ref.article), ref.text, ref)
    for quote in brief.quotes:
        article = story.article(quote.article)
        _check_refs(article, quote.text)
        if quote.start is not None:
            assert article.text[quote.start : quote.end] == quote.text
        if quote.sentence is not None:
            _check_refs(article, quote.sentence)
        for variant in quote.variants:
            _check_refs(story.article(variant.article), variant.text)
    for entry in brief.timeline:
        _check_refs(story.article(entry.article), entry.text)
        for ref in entry.sources:
            _check_refs(story.article(ref.article), ref.text, ref)
    for exclusive in brief.exclusives:
        _check_refs(story.article(exclusive.article), exclusive.text)


VALIDATOR = jsonschema.Draft202012Validator(schema())


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(made=story_records())
def test_json_output_is_valid_and_every_citation_is_verbatim(
    folder: Path, made: list[dict[str, str]]
) -> None:
    path = _write(folder, "story.jsonl", _jsonl(made))
    articles = [a for a in read_articles([path]) if isinstance(a, Article)]
    briefs = [brief_story(story) for story in group_stories(articles)]
    for brief in briefs:
        _check_citations(brief)
    whole = json.dumps(document(briefs), ensure_ascii=False, indent=2) + "\n"
    streamed = io.StringIO()
    write_document(briefs, streamed)
    assert streamed.getvalue() == whole, "the streamed JSON is the one-piece JSON, byte for byte"
    VALIDATOR.validate(json.loads(whole))
    path.unlink()


def test_a_streamed_document_with_no_story_is_the_one_piece_one() -> None:
    streamed = io.StringIO()
    write_document([], streamed)
    assert streamed.getvalue() == json.dumps(document([]), indent=2) + "\n"


def test_the_schema_is_shipped_valid_and_not_vacuous() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    article = RawArticle("a.txt", "The bridge reopened on Tuesday. The mayor said so.")
    story_doc = document([Brief(story=group_stories([clean(article, "a1")])[0], headline="H")])
    VALIDATOR.validate(story_doc)
    missing = json.loads(json.dumps(story_doc))
    del missing["stories"][0]["articles"][0]["removed"]
    extra = {**story_doc, "version": 2}
    for broken in (missing, extra, {"version": 1}):
        assert not VALIDATOR.is_valid(broken)
