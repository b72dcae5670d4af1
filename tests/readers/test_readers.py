"""Readers: every format, the source strings, bad input as Problems, streaming."""

from __future__ import annotations

import gzip
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.clean.cleaner import clean
from newsweave.models import Problem, RawArticle
from newsweave.readers import ReadStats, read
from newsweave.readers.common import MOJIBAKE_NOTE, repair_mojibake
from newsweave.readers.records import record_article

DATA = Path(__file__).parents[1] / "data" / "ingest"
PARAGRAPH = (
    "The harbour bridge reopened to traffic on Tuesday after eleven weeks of repairs to its "
    "cracked steel supports, the city's transport office said in a statement."
)


def page(title: str = "Bridge reopens", body: str = PARAGRAPH, head: str = "") -> str:
    """A small but realistic news page: navigation, an article of three paragraphs, a footer."""
    paragraphs = "".join(f"<p>Part {n}: {body}</p>" for n in range(3))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>"
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>'
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer><p>All rights reserved.</p></footer></body></html>"
    )


def write(path: Path, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes to `path`, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def jsonl(*records: object) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def items(*paths: str | Path) -> list[RawArticle | Problem]:
    return list(read(paths))


def articles(*paths: str | Path) -> list[RawArticle]:
    return [item for item in read(paths) if isinstance(item, RawArticle)]


def problems(*paths: str | Path) -> list[Problem]:
    return [item for item in read(paths) if isinstance(item, Problem)]


# Plain text


def test_text_is_kept_as_written_with_its_header_line(tmp_path: Path) -> None:
    text = " date 2021-06-11 National-World\n\nGENEVA — Leaders met.\r\n\r\nThey talked.\n"
    path = write(tmp_path / "a.txt", text.encode("utf-8-sig"))
    [article] = items(path)
    assert isinstance(article, RawArticle)
    assert article.source == str(path)
    assert (
        article.text == " date 2021-06-11 National-World\n\nGENEVA — Leaders met.\n\nThey talked.\n"
    )
    assert article.notes == ()


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_text_in_another_encoding_is_decoded_and_noted(tmp_path: Path, encoding: str) -> None:
    text = "Café owners in Genève said the summit brought “record” crowds to the lake shore."
    path = write(tmp_path / "a.txt", text.encode(encoding))
    [article] = articles(path)
    assert article.text == text
    assert "not UTF-8" in article.notes[0]


def test_binary_and_empty_files_are_problems(tmp_path: Path) -> None:
    binary = write(tmp_path / "photo.txt", bytes(range(256)) * 4)
    empty = write(tmp_path / "empty.txt", b"")
    blank = write(tmp_path / "blank.txt", "  \n\n ")
    assert [(p.source, p.reason) for p in problems(binary, empty, blank)] == [
        (str(binary), "binary file, not text"),
        (str(empty), "empty file"),
        (str(blank), "empty file"),
    ]


def test_missing_path_is_a_problem_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", "An article.")
    result = items(tmp_path / "missing.txt", good)
    assert isinstance(result[0], Problem) and result[0].reason == "no such file or folder"
    assert isinstance(result[1], RawArticle)


# Folders and sniffing


def test_folder_is_walked_sorted_recursively_without_hidden_files(tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "web" / "b.txt", "B text.")
    write(tmp_path / "corpus" / "a.txt", "A text.")
    write(tmp_path / "corpus" / "web" / "a.txt", "Web A text.")
    write(tmp_path / "corpus" / ".hidden.txt", "secret")
    write(tmp_path / "corpus" / ".git" / "c.txt", "secret")
    given = str(tmp_path / "corpus")
    assert [a.source for a in articles(given)] == [
        f"{given}/a.txt",
        f"{given}/web/a.txt",
        f"{given}/web/b.txt",
    ]


def test_source_is_the_path_as_given_joined_with_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "examples" / "web" / "a.html", page())
    monkeypatch.chdir(tmp_path)
    assert [a.source for a in articles("examples")] == ["examples/web/a.html"]


def test_content_decides_when_the_suffix_is_wrong_or_missing(tmp_path: Path) -> None:
    html_as_txt = write(tmp_path / "page.txt", page(title="Sniffed page"))
    no_suffix_jsonl = write(tmp_path / "dump", jsonl({"text": "One."}, {"text": "Two."}))
    no_suffix_text = write(tmp_path / "README", "Just a plain article about the bridge.")
    jsonl_named_json = write(tmp_path / "lines.json", jsonl({"text": "L1."}, {"text": "L2."}))
    result = articles(html_as_txt, no_suffix_jsonl, no_suffix_text, jsonl_named_json)
    assert result[0].title == "Sniffed page" and "<p>" not in result[0].text
    assert [a.source for a in result[1:3]] == [f"{no_suffix_jsonl}:1", f"{no_suffix_jsonl}:2"]
    assert result[3].text == "Just a plain article about the bridge."
    assert [a.text for a in result[4:]] == ["L1.", "L2."]


# Mojibake: repaired once, by every reader, before cleaning

MOJIBAKE = "Zurichâ€™s mayor met MÃ¼ller at the cafÃ© on Tuesday to sign the harbour deal."
REPAIRED = "Zurich’s mayor met Müller at the café on Tuesday to sign the harbour deal."


def _mojibake_warc(path: Path) -> Path:
    with path.open("wb") as stream:
        body = io.BytesIO(page(title="CafÃ© reopens", body=MOJIBAKE).encode())
        WARCWriter(stream, gzip=True).write_record(
            WARCWriter(stream).create_warc_record(
                "https://warc-news.example/cafe",
                "response",
                payload=body,
                http_headers=_http("200 OK", "text/html; charset=utf-8"),
            )
        )
    return path


MOJIBAKE_FILES = {
    "a.txt": lambda path: write(path, f"CafÃ© reopens\n\n{MOJIBAKE}\n"),
    "a.html": lambda path: write(path, page(title="CafÃ© reopens", body=MOJIBAKE)),
    "a.jsonl": lambda path: write(path, jsonl({"title": "CafÃ© reopens", "text": MOJIBAKE})),
    "a.json": lambda path: write(path, json.dumps([{"title": "CafÃ© reopens", "text": MOJIBAKE}])),
    "a.rss": lambda path: write(
        path,
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed</title>'
        f"<item><title>CafÃ© reopens</title><description>{MOJIBAKE}</description></item>"
        "</channel></rss>",
    ),
    "a.warc.gz": _mojibake_warc,
}


@pytest.mark.parametrize("name", MOJIBAKE_FILES)
def test_every_reader_repairs_mojibake_in_text_and_title(tmp_path: Path, name: str) -> None:
    [article] = articles(MOJIBAKE_FILES[name](tmp_path / name))
    assert REPAIRED in article.text and "Ã" not in article.text
    assert article.title in (None, "Café reopens")  # plain text has no title field
    assert article.notes[-1] == MOJIBAKE_NOTE


def test_a_record_made_outside_read_is_repaired_too() -> None:
    raw = record_article({"text": MOJIBAKE}, "dataset.jsonl:1")
    assert isinstance(raw, RawArticle) and raw.text == REPAIRED


def test_mojibake_is_repaired_line_by_line_before_cleaning_drops_invisible_characters(
    tmp_path: Path,
) -> None:
    # "í" read as cp1252 is "Ã" and a soft hyphen; a line that is not mojibake stays as it is.
    text = "RodrÃ­guez spoke.\nThe re\u00adport is due.\nZurichâ€™s mayor agreed."
    [raw] = articles(write(tmp_path / "a.txt", text))
    assert raw.text == "Rodríguez spoke.\nThe re\u00adport is due.\nZurich’s mayor agreed."
    lines = [line for line in clean(raw, "a1").text.splitlines() if line]
    assert lines == ["Rodríguez spoke.", "The report is due.", "Zurich’s mayor agreed."]


def test_mojibake_shown_only_by_composed_characters_is_repaired() -> None:
    # "Ã" written as "A" and a combining tilde: the signature shows once composed (NFC).
    assert repair_mojibake("Enrique PeA\u0303±a Nieto") == ("Enrique Peña Nieto", True)


def test_c1_controls_are_the_cp1252_punctuation_they_were_written_as(tmp_path: Path) -> None:
    # stories-dev's UN News item: "20 July 2014 \x96 The Security Council ..." (an en dash)
    text = "20 July 2014 \x96 The Security Council met.\nA robot lends a hand \x97 or fingers."
    assert repair_mojibake(text) == (
        "20 July 2014 – The Security Council met.\nA robot lends a hand — or fingers.",
        True,
    )
    [raw] = articles(write(tmp_path / "a.txt", text))
    assert raw.text.startswith("20 July 2014 – The") and MOJIBAKE_NOTE in raw.notes


def test_clean_text_is_left_alone_by_the_repair() -> None:
    assert repair_mojibake("Café Zürich — “quoted”, naïve") == (
        "Café Zürich — “quoted”, naïve",
        False,
    )


# HTML


def test_html_gives_main_text_with_paragraphs_and_metadata() -> None:
    [article] = articles(DATA / "harbour-bridge.html")
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.outlet == "The Portside Courier"
    assert article.published == "2023-03-14"
    assert article.url == "https://www.portside-courier.example/news/harbour-bridge-reopens"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[1].startswith("PORTSIDE — The harbour bridge reopened")
    assert any(p.startswith('"We are relieved') for p in paragraphs)
    assert "Sport" not in article.text and "Privacy" not in article.text


def test_html_outlet_falls_back_to_the_url_domain(tmp_path: Path) -> None:
    canonical = '<link rel="canonical" href="https://www.harbour-news.example/a/1">'
    [article] = articles(write(tmp_path / "a.html", page(head=canonical)))
    assert article.url == "https://www.harbour-news.example/a/1"
    assert article.outlet in ("harbour-news.example", "Harbour-News")


def test_html_without_article_text_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "nav.html", '<html><body><nav><a href="/">Home</a></nav></body></html>')
    assert [(p.source, p.reason) for p in problems(path)] == [
        (str(path), "no article text found in HTML")
    ]


# JSON Lines and JSON


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            {
                "id": "x1",
                "text": "T.",
                "title": "Ti",
                "url": "https://a.example/1",
                "outlet": "A News",
                "published": "2021-06-16",
            },
            ("x1", "T.", "Ti", "A News", "2021-06-16"),
        ),
        (
            {
                "maintext": "T.",
                "title": "Ti",
                "url": "https://www.b.example/2",
                "source_domain": "b.example",
                "date_publish": "2021-06-16 10:00:00",
            },
            (None, "T.", "Ti", "b.example", "2021-06-16 10:00:00"),
        ),
        (
            {"content": "T.", "site": "C Daily", "date": "2021-06-16"},
            (None, "T.", None, "C Daily", "2021-06-16"),
        ),
        (
            {"body": "T.", "source": {"id": "d", "name": "D Post"}, "pubDate": "Wed, 16 Jun"},
            (None, "T.", None, "D Post", "Wed, 16 Jun"),
        ),
        (
            {"id": 7, "text": ["Para one.", "Para two."], "url": "https://www.e.example/x"},
            ("7", "Para one.\n\nPara two.", None, "e.example", None),
        ),
    ],
)
def test_jsonl_field_aliases(
    tmp_path: Path, record: dict[str, object], expected: tuple[object, ...]
) -> None:
    [article] = articles(write(tmp_path / "crawl.jsonl", jsonl(record)))
    got = (article.record_id, article.text, article.title, article.outlet, article.published)
    assert got == expected
    assert article.source == f"{tmp_path}/crawl.jsonl:1"


def test_jsonl_bad_records_are_problems_with_their_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Good one."}),
        json.dumps({"text": 42}),
        "",
        "{not json",
        json.dumps({"title": "No text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "Ok", "published": True}),
        json.dumps({"text": "Good two."}),
    ]
    path = write(tmp_path / "crawl.jsonl", "\n".join(lines) + "\n")
    result = items(path)
    assert [a.text for a in result if isinstance(a, RawArticle)] == ["Good one.", "Good two."]
    bad = [(p.source, p.reason) for p in result if isinstance(p, Problem)]
    assert bad[0] == (f"{path}:2", "line 2: field 'text' is a number, expected a string")
    assert bad[1][0] == f"{path}:4" and bad[1][1].startswith("line 4: not valid JSON")
    assert bad[2][0] == f"{path}:5" and "no article text" in bad[2][1]
    assert bad[3] == (f"{path}:6", "line 6: expected a JSON object, found an array")
    assert bad[4] == (f"{path}:7", "line 7: field 'published' is a boolean, expected a string")


def test_gzipped_jsonl_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "crawl.jsonl.gz", gzip.compress(jsonl({"text": "A."}, {"text": "B."}).encode())
    )
    assert [(a.source, a.text) for a in articles(path)] == [
        (f"{path}:1", "A."),
        (f"{path}:2", "B."),
    ]


def test_truncated_gzip_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    records = [{"id": n, "text": f"Article number {n} " * 30} for n in range(500)]
    data = gzip.compress(jsonl(*records).encode())
    path = write(tmp_path / "crawl.jsonl.gz", data[: len(data) // 2])
    result = items(path)
    kept = [a for a in result if isinstance(a, RawArticle)]
    assert 0 < len(kept) < 500
    assert [a.record_id for a in kept] == [str(n) for n in range(len(kept))]
    assert isinstance(result[-1], Problem)
    assert result[-1].source == f"{path}:{len(kept) + 1}"
    assert "compressed data ends or breaks" in result[-1].reason


def test_jsonl_with_a_cut_last_line_keeps_the_rest(tmp_path: Path) -> None:
    path = write(tmp_path / "crawl.jsonl", jsonl({"text": "A."}, {"text": "B."}) + '{"text": "C')
    result = items(path)
    assert [a.text for a in result if isinstance(a, RawArticle)] == ["A.", "B."]
    assert result[-1] == Problem(
        f"{path}:3", "line 3: last line is cut off (file truncated?); kept the lines before it"
    )


def test_json_array_items_are_numbered(tmp_path: Path) -> None:
    path = write(tmp_path / "dump.json", json.dumps([{"text": "A."}, {"body": 3}, {"text": "C."}]))
    result = items(path)
    assert [(type(x).__name__, x.source) for x in result] == [
        ("RawArticle", f"{path}#1"),
        ("Problem", f"{path}#2"),
        ("RawArticle", f"{path}#3"),
    ]
    assert isinstance(result[1], Problem)
    assert result[1].reason == "item 2: field 'body' is a number, expected a string"


def test_json_single_object_and_broken_array(tmp_path: Path) -> None:
    single = write(tmp_path / "one.json", json.dumps({"title": "T", "text": "Only one."}, indent=2))
    broken = write(tmp_path / "cut.json", '[{"text": "A."}, {"text": "B."}, {"text": "C')
    [one] = articles(single)
    assert (one.source, one.text) == (str(single), "Only one.")
    result = items(broken)
    assert [a.text for a in result if isinstance(a, RawArticle)] == ["A.", "B."]
    assert isinstance(result[-1], Problem) and result[-1].source == f"{broken}#3"


# Feeds


def test_rss_items_use_full_content_and_feed_title() -> None:
    first, second = articles(DATA / "portside.rss")
    assert first.source == f"{DATA / 'portside.rss'}#1"
    assert first.text == (
        "The harbour bridge reopened to traffic on Tuesday morning after eleven weeks of "
        'repairs.\n\n"We are relieved," said Mayor Ana Lindqvist.'
    )
    assert (first.outlet, first.record_id) == ("The Portside Courier", "courier-1001")
    assert first.published == "Tue, 14 Mar 2023 08:30:00 GMT"
    assert second.text == "The evening ferry will run until midnight for one more week."
    assert first.notes == ()


def test_atom_feed_outlet_from_link_domain(tmp_path: Path) -> None:
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        '<link href="https://www.atom-news.example/"/><id>urn:f</id>'
        "<entry><title>One</title><id>urn:1</id><updated>2023-03-14T08:00:00Z</updated>"
        '<link href="https://www.atom-news.example/1"/>'
        '<content type="html">&lt;p&gt;First para.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</content>'
        "</entry></feed>"
    )
    [article] = articles(write(tmp_path / "f.atom", atom))
    assert (article.text, article.outlet, article.url) == (
        "First para.\n\nSecond.",
        "atom-news.example",
        "https://www.atom-news.example/1",
    )
    assert article.published == "2023-03-14T08:00:00Z"


def test_feed_with_stray_bytes_before_the_declaration_is_recovered(tmp_path: Path) -> None:
    data = b"\n\x00garbage\n" + (DATA / "portside.rss").read_bytes()
    result = articles(write(tmp_path / "feed.xml", data))
    assert [a.title for a in result] == [
        "Harbour bridge reopens after repairs",
        "Ferry timetable extended",
    ]
    assert result[0].notes[0].startswith("feed was not well-formed XML; recovered leniently:")


def test_latin1_feed_without_declaration(tmp_path: Path) -> None:
    rss = (
        '<rss version="2.0"><channel><title>Le Journal</title>'
        "<item><title>Café fermé</title><description>Le café de la gare a fermé.</description>"
        "</item></channel></rss>"
    )
    [article] = articles(write(tmp_path / "feed.rss", rss.encode("latin-1")))
    assert (article.title, article.text) == ("Café fermé", "Le café de la gare a fermé.")
    assert article.outlet == "Le Journal"
    assert article.notes and "recovered leniently" in article.notes[0]


def test_billion_laughs_feed_is_refused_quickly(tmp_path: Path) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<title>&lol9;</title><item><title>x</title><description>&lol9;</description></item>"
        "</channel></rss>"
    )
    path = write(tmp_path / "bomb.xml", doc)
    started = time.perf_counter()
    result = items(path)
    assert time.perf_counter() - started < 1.0
    assert result == [
        Problem(str(path), "XML DOCTYPE declares entities (refused: entity expansion guard)")
    ]


# WARC


def _http(
    status: str, content_type: str, extra: tuple[tuple[str, str], ...] = ()
) -> StatusAndHeaders:
    return StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")


def build_warc(path: Path, *, gz: bool = True) -> dict[str, int]:
    """A small crawl: warcinfo, request, 200 HTML, revisit, redirect, image. Offsets by name."""
    offsets: dict[str, int] = {}
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gz)
        url = "https://www.warc-news.example/bridge"

        def put(name: str, record: object) -> None:
            offsets[name] = stream.tell()
            writer.write_record(record)

        put("warcinfo", writer.create_warcinfo_record(path.name, {"software": "test"}))
        request = StatusAndHeaders("GET /bridge HTTP/1.1", [], is_http_request=True)
        put("request", writer.create_warc_record(url, "request", http_headers=request))
        body = page(title="Bridge in the crawl").encode()
        html = _http("200 OK", "text/html; charset=utf-8")
        put(
            "page",
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=html),
        )
        put(
            "revisit",
            writer.create_revisit_record(
                url,
                "sha1:AAAA",
                url,
                "2023-03-14T08:00:00Z",
                http_headers=_http("200 OK", "text/html"),
            ),
        )
        moved = _http("301 Moved Permanently", "text/html", [("Location", "/new")])
        put(
            "redirect",
            writer.create_warc_record(
                url + "/old", "response", payload=io.BytesIO(b"moved"), http_headers=moved
            ),
        )
        png = _http("200 OK", "image/png")
        put(
            "image",
            writer.create_warc_record(
                url + ".png", "response", payload=io.BytesIO(b"\x89PNG...."), http_headers=png
            ),
        )
    return offsets


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_warc_reads_html_responses_and_counts_the_rest(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"crawl{suffix}"
    offsets = build_warc(path, gz=suffix.endswith(".gz"))
    stats = ReadStats()
    result = list(read([path], stats))
    [article] = result
    assert isinstance(article, RawArticle)
    assert article.source == f"{path}@{offsets['page']}"
    assert article.title == "Bridge in the crawl"
    assert article.url == "https://www.warc-news.example/bridge"
    assert article.outlet == "warc-news.example"
    assert article.published is not None and article.published.startswith("20")
    assert stats.skipped_by_reason == {
        "warcinfo": 1,
        "request": 1,
        "revisit": 1,
        "redirect": 1,
        "non-HTML": 1,
    }
    assert stats.summary() == (
        "1 articles read, 0 files skipped, 0 records skipped; "
        "WARC: 5 skipped (1 non-HTML, 1 redirect, 1 request, 1 revisit, 1 warcinfo)"
    )


def test_truncated_warc_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    offsets = build_warc(whole)
    cut = write(tmp_path / "cut.warc.gz", whole.read_bytes()[: offsets["revisit"] + 40])
    result = items(cut)
    assert isinstance(result[0], RawArticle) and result[0].source == f"{cut}@{offsets['page']}"
    assert isinstance(result[-1], Problem) and "kept the records before it" in result[-1].reason


# Streaming


def test_read_is_lazy_and_streams_a_huge_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    write(path, jsonl({"text": "First."}, {"text": "Second."}))
    with path.open("r+b") as stream:
        stream.truncate(1 << 30)  # 1 GiB, sparse: reading it whole would take seconds and memory
    reader = read([path])
    assert isinstance(reader, Iterator)
    started = time.perf_counter()
    first = next(reader)
    assert isinstance(first, RawArticle) and first.text == "First."
    assert time.perf_counter() - started < 1.0


def test_json_array_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    write(path, '[{"text": "First."}, ')
    with path.open("r+b") as stream:
        stream.truncate(1 << 30)
    started = time.perf_counter()
    first = next(read([path]))
    assert isinstance(first, RawArticle) and first.text == "First."
    assert time.perf_counter() - started < 1.0


# Stats and the real samples


def test_stats_count_files_articles_and_problems(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / "b.txt", b"")
    write(tmp_path / "c.jsonl", jsonl({"text": "C1."}, {"text": 5}))
    stats = ReadStats()
    list(read([tmp_path], stats))
    assert (stats.files, stats.articles, stats.files_skipped, stats.records_skipped) == (3, 2, 1, 1)
    assert stats.summary() == "2 articles read, 1 files skipped, 1 records skipped"


def test_the_three_real_samples_are_read(shared: Path) -> None:
    samples = shared / "samples"
    result = items(samples)
    assert len(result) == 3 and all(isinstance(a, RawArticle) for a in result)
    assert [Path(a.source).name for a in result] == sorted(p.name for p in samples.iterdir())
    assert all(
        len(a.text) > 2000 and "Putin" in a.text for a in result if isinstance(a, RawArticle)
    )
    assert result[0].text.startswith(" date 2021-06-11 National-World")


def test_a_single_path_and_a_file_that_is_not_a_warc(tmp_path: Path) -> None:
    fake = write(tmp_path / "fake.warc", "WARC/1.0\r\nnonsense\r\n\r\n")
    text = write(tmp_path / "a.txt", "An article.")
    assert [a.text for a in articles(text)] == ["An article."]
    assert list(read(str(text))) == [RawArticle(source=str(text), text="An article.")]
    [problem] = problems(fake)
    assert problem.source == str(fake) and problem.reason.startswith("WARC breaks at byte 0")


def test_gzip_is_recognised_by_its_magic_bytes_not_its_name(tmp_path: Path) -> None:
    path = write(
        tmp_path / "export", gzip.compress(jsonl({"text": "Z1."}, {"text": "Z2."}).encode())
    )
    assert [(a.source, a.text) for a in articles(path)] == [
        (f"{path}:1", "Z1."),
        (f"{path}:2", "Z2."),
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("only.txt", "â€¨"),
        ("only.jsonl", '{"text": "â€¨"}\n'),
        (
            "only.xml",
            '<rss version="2.0"><channel><title>T</title><item><title>x</title>'
            "<description>â€¨</description></item></channel></rss>",
        ),
    ],
)
def test_text_that_is_blank_once_mojibake_is_repaired_is_named_not_read(
    tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")  # "â€¨" is a line separator, read as cp1252
    (item,) = list(read([path]))
    assert isinstance(item, Problem)
    assert "empty" in item.reason or "white space" in item.reason
