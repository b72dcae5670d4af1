"""Hostile and broken input: nothing crashes, nothing good is lost, every skip is named.

Every hostile file is written here, in the test. Each is read through the real `read()` (and
`clean()` where truncation matters) and, all together, through the real CLI in a subprocess:
exit status, no traceback, each bad file or record named on stderr with its reason, the good
articles in the JSON output, the summary counts, time and peak memory.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import resource
import sqlite3
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PROSE, good, write
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.clean.cleaner import clean
from newsweave.models import Problem, RawArticle
from newsweave.readers import Limits, ReadStats, read


def jsonl(*records: object) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def rss(items: str, doctype: str = "") -> str:
    return (
        f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>Harbour Post</title>'
        f"{items}</channel></rss>"
    )


def rss_item(title: str, body: str) -> str:
    return f"<item><title>{title}</title><description>{body}</description></item>"


def gzip_bomb(path: Path, gigabytes: int, before: str = "", fill: bytes = b"\0") -> Path:
    """`before`, then `gigabytes` GiB of `fill` bytes, gzipped: ~1 MB a GiB on disk.

    A gzip file may hold many members, read as one stream; one member of 1 MiB of zeros,
    repeated, makes the bomb in milliseconds without ever holding it.
    """
    member = gzip.compress(fill * (1 << 20), compresslevel=9)
    with path.open("wb") as stream:
        stream.write(gzip.compress(before.encode()))
        for _ in range(gigabytes << 10):
            stream.write(member)
    return path


def warc_with_a_broken_tail(path: Path) -> Path:
    """Two good HTML responses, then a record cut short in the middle of its body."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for word in ("Warcfirst", "Warcsecond"):
        page = f"<html><body><article><p>{good(word)}</p><p>{PROSE}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://warc.example/{word}",
            "response",
            payload=io.BytesIO(page.encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    good_part = buffer.getvalue()
    third = io.BytesIO()
    WARCWriter(third, gzip=True).write_record(
        writer.create_warc_record(
            "https://warc.example/cut",
            "response",
            payload=io.BytesIO(b"<html><body>" + b"x" * 5000),
            http_headers=StatusAndHeaders("200 OK", [], protocol="HTTP/1.1"),
        )
    )
    return write(path, good_part + third.getvalue()[:200])


def nested_html(depth: int) -> str:
    return (
        f"<html><body><article><p>{good('Deepnest')}</p>"
        + "<div>" * depth
        + "x"
        + "</div>" * depth
        + "</article></body></html>"
    )


# The hostile files: name -> builder. Each builder writes into a folder.
Builder = Callable[[Path], object]
BAD_FILES: dict[str, tuple[Builder, str]] = {
    "empty.txt": (lambda d: write(d / "empty.txt", b""), "empty file"),
    "image.txt": (
        lambda d: write(d / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
        "binary file, not text",
    ),
    "blob.jsonl": (
        lambda d: write(d / "blob.jsonl", bytes(range(256)) * 40),
        "binary file, not text",
    ),
    "billion-laughs.xml": (
        lambda d: write(
            d / "billion-laughs.xml",
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(
                f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
                for n in range(1, 10)
            )
            + "]>"
            + rss(rss_item("Laughs", "&lol9;")),
        ),
        "entity expansion guard",
    ),
    "quadratic.xml": (
        lambda d: write(
            d / "quadratic.xml",
            f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{"A" * 50_000}">]>'
            + rss(rss_item("Blowup", "&a;" * 50_000)),
        ),
        "entity expansion guard",
    ),
    "xxe.xml": (
        lambda d: write(
            d / "xxe.xml",
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            + rss(rss_item("Secrets", "&xxe;")),
        ),
        "entity expansion guard",
    ),
    "deep.html": (lambda d: write(d / "deep.html", nested_html(100_000)), "max_html_depth"),
    "deep.json": (lambda d: write(d / "deep.json", "[" * 100_000), "nested too deeply"),
    "bomb.jsonl.gz": (
        lambda d: gzip_bomb(d / "bomb.jsonl.gz", 10, '{"text": "'),
        "gzip bomb",
    ),
}


def bad_records(folder: Path) -> dict[str, str]:
    """Files holding good records and bad ones; returns {record source: reason fragment}."""
    records = write(
        folder / "types.jsonl",
        jsonl(
            {"id": 7, "text": good("Numberid"), "title": None},
            {"text": ["Listtext paragraph one.", PROSE], "published": "not a date at all"},
            {"text": good("Epochdate"), "published": 1623801600},
            {"text": {"html": "<p>an object</p>"}},
            {"text": good("Booloutlet"), "outlet": True},
            {"text": good("Onelisttitle"), "title": ["A title in a list"]},
        ),
    )
    deep = write(
        folder / "deep-line.jsonl",
        jsonl({"text": good("Beforedeep")})
        + "[" * 100_000
        + "\n"
        + jsonl({"text": good("Afterdeep")}),
    )
    cut = write(folder / "cut.jsonl", jsonl({"text": good("Beforecut")}) + '{"text": "The last li')
    whole = gzip.compress(jsonl(*({"text": good(f"Gzipped{n}")} for n in range(40))).encode())
    truncated = write(folder / "truncated.jsonl.gz", whole[: len(whole) * 2 // 3])
    bomb = gzip_bomb(folder / "late-bomb.jsonl.gz", 1, jsonl({"text": good("Beforebomb")}))
    warc = warc_with_a_broken_tail(folder / "crawl.warc.gz")
    laughs_in_item = write(
        folder / "external-dtd.xml",
        rss(
            rss_item("Harbour", good("Feeditem")),
            doctype='<!DOCTYPE rss SYSTEM "file:///etc/passwd">',
        ),
    )
    assert laughs_in_item.exists()
    return {
        f"{records}:4": "field 'text' is an object",
        f"{records}:5": "field 'outlet' is a boolean",
        f"{deep}:2": "nested too deeply",
        f"{cut}:2": "last line is cut off",
        f"{truncated}:": "compressed data ends or breaks",
        f"{bomb}:2": "gzip bomb",
        f"{warc}@": "WARC breaks",
    }


def matching(expected: dict[str, str], source: str) -> str:
    """The key of `expected` naming `source`: equal, or a prefix ending in ':' or '@'."""
    for key in expected:
        if source == key or (key[-1] in ":@" and source.startswith(key)):
            return key
    raise AssertionError(f"unexpected problem at {source}")


GOOD_WORDS = [
    *("Numberid", "Listtext", "Epochdate", "Onelisttitle", "Beforedeep", "Afterdeep"),
    *("Beforecut", "Gzipped0", "Beforebomb", "Warcfirst", "Warcsecond", "Feeditem"),
    *("Latinone", "Cpwin", "Utfbom", "Utfplain", "Mojibake"),
]


def encoded_files(folder: Path) -> None:
    """One good article per encoding."""
    text = good("{word}") + " Café, naïve, déjà vu; “quoted” — €5.\n"
    write(
        folder / "latin1.txt",
        text.format(word="Latinone").replace("“", '"').encode("latin-1", "replace"),
    )
    write(folder / "cp1252.txt", (text.format(word="Cpwin") * 3).encode("cp1252"))
    write(folder / "utf16-bom.txt", text.format(word="Utfbom").encode("utf-16"))
    write(folder / "utf16-nobom.txt", text.format(word="Utfplain").encode("utf-16-le"))
    mixed = good("Mojibake") + " The café said â€œnoâ€\x9d to naÃ¯ve plans — in Zürich.\n"
    write(folder / "mojibake.txt", mixed)


@pytest.fixture
def pile(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder of every hostile case beside good articles; {source: reason fragment}."""
    folder = tmp_path / "pile"
    expected = {str(folder / name): reason for name, (build, reason) in BAD_FILES.items()}
    for build, _ in BAD_FILES.values():
        build(folder)
    expected.update(bad_records(folder))
    encoded_files(folder)
    return folder, expected


def read_all(path: Path, limits: Limits | None = None) -> tuple[list[RawArticle], list[Problem]]:
    items = list(read([path], limits=limits))
    return (
        [item for item in items if isinstance(item, RawArticle)],
        [item for item in items if isinstance(item, Problem)],
    )


# Through read(), one case at a time


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_hostile_file_is_one_named_problem_quickly(tmp_path: Path, name: str) -> None:
    build, reason = BAD_FILES[name]
    build(tmp_path)
    started = time.perf_counter()
    found, problems = read_all(tmp_path / name)
    assert time.perf_counter() - started < 3.0
    assert found == []
    assert [p.source for p in problems] == [str(tmp_path / name)]
    assert reason in problems[0].reason


def test_bad_records_are_named_and_every_good_record_is_kept(tmp_path: Path) -> None:
    expected = bad_records(tmp_path)
    found, problems = read_all(tmp_path)
    assert sorted(matching(expected, p.source) for p in problems) == sorted(expected)
    for problem in problems:
        assert expected[matching(expected, problem.source)] in problem.reason
    texts = "\n".join(article.text for article in found)
    for word in GOOD_WORDS[:12]:
        assert word in texts
    intact = zlib.decompressobj(31).decompress((tmp_path / "truncated.jsonl.gz").read_bytes())
    assert sum("Gzipped" in article.text for article in found) == intact.count(b"\n") >= 5


def test_wrong_json_types_are_coerced_where_the_meaning_is_certain(tmp_path: Path) -> None:
    bad_records(tmp_path)
    found, _ = read_all(tmp_path / "types.jsonl")
    by_word = {article.text.split()[0]: article for article in found}
    assert by_word["Numberid"].record_id == "7" and by_word["Numberid"].title is None
    assert by_word["Listtext"].text.startswith("Listtext paragraph one.\n\n")
    assert clean(by_word["Listtext"], "x").published is None  # an unreadable date is left empty
    assert by_word["Epochdate"].published == "2021-06-16T00:00:00+00:00"
    assert by_word["Onelisttitle"].title == "A title in a list"


def test_external_dtd_is_not_fetched(tmp_path: Path) -> None:
    bad_records(tmp_path)
    found, problems = read_all(tmp_path / "external-dtd.xml")
    assert problems == [] and "Feeditem" in found[0].text
    assert "root:" not in found[0].text


def test_every_encoding_is_decoded_and_mojibake_repaired(tmp_path: Path) -> None:
    encoded_files(tmp_path)
    found, problems = read_all(tmp_path)
    assert problems == []
    by_word = {article.text.split()[0]: article.text for article in found}
    assert set(by_word) == {"Latinone", "Cpwin", "Utfbom", "Utfplain", "Mojibake"}
    for word in ("Cpwin", "Utfbom", "Utfplain"):
        assert "Café, naïve, déjà vu; “quoted” — €5." in by_word[word]
    assert "Café, naïve, déjà vu;" in by_word["Latinone"]
    assert "The café said “no” to naïve plans — in Zürich." in by_word["Mojibake"]


def test_a_line_over_the_limit_is_skipped_without_holding_it(tmp_path: Path) -> None:
    huge = json.dumps({"text": "word " * 400_000})  # a 2 MB single line
    path = write(tmp_path / "long.jsonl", jsonl({"text": good("Short")}) + huge + "\n")
    found, problems = read_all(path, Limits.from_settings(max_line_bytes=1_000_000))
    assert [a.text.split()[0] for a in found] == ["Short"]
    assert problems[0].source == f"{path}:2"
    assert "over the limit of 1000000 (ingest.max_line_bytes)" in problems[0].reason


def test_a_2mb_single_line_article_is_truncated_with_a_note(tmp_path: Path) -> None:
    path = write(tmp_path / "one-line.txt", (PROSE + " ") * 12_000)  # ~2 MB, one paragraph
    started = time.perf_counter()
    (raw,), _ = read_all(path)
    article = clean(raw, max_sentences=300)
    assert time.perf_counter() - started < 5.0
    assert len(article.sentences) == 300
    assert article.text.endswith(article.sentences[-1].text)
    # first cut to ingest.max_text_chars (1,250 sentences of the 12,000), then to 300 of those
    assert "more characters over the limit (ingest.max_text_chars)]" in article.removed[-2]
    assert article.removed[-1] == "[truncated: 950 more sentences over the limit]"


def test_json_array_item_over_the_record_limit_ends_the_array(tmp_path: Path) -> None:
    items = [{"text": good("Smallitem")}, {"text": "x" * 3_000_000}, {"text": good("Never")}]
    path = write(tmp_path / "array.json", json.dumps(items))
    found, problems = read_all(path, Limits.from_settings(max_record_bytes=1_000_000))
    assert [a.text.split()[0] for a in found] == ["Smallitem"]
    assert "limit: ingest.max_record_bytes" in problems[0].reason


@pytest.mark.parametrize(
    ("name", "start", "fill"),
    [
        ("bomb.json.gz", "[", b"\0"),
        ("bomb.jsonl.gz", '{"text": "', b"a"),
        ("bomb.txt.gz", "", b" "),
    ],
)
def test_a_gzip_bomb_stops_at_a_limit_quickly(
    tmp_path: Path, name: str, start: str, fill: bytes
) -> None:
    path = gzip_bomb(tmp_path / name, 4, start, fill)
    started = time.perf_counter()
    _, problems = read_all(path)
    assert time.perf_counter() - started < 3.0
    assert "limit: ingest.max_" in problems[0].reason


def test_limits_from_flags_read_sizes_and_refuse_unknown_names() -> None:
    limits = Limits.from_flags(["max_line_bytes=2M", "max-sentences=50"])
    assert limits.max_line_bytes == 2_000_000 and limits.max_sentences == 50
    from newsweave.errors import ConfigError

    with pytest.raises(ConfigError, match="no such limit"):
        Limits.from_flags(["max_lines=3"])
    with pytest.raises(ConfigError, match="whole number from 1"):
        Limits.from_flags(["max_line_bytes=lots"])


# Through the real CLI, all at once


def run_cli(*args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "newsweave", "stories", *args, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done, time.perf_counter() - started


def test_cli_reads_the_hostile_pile_names_each_skip_and_keeps_the_good(
    pile: tuple[Path, dict[str, str]],
) -> None:
    folder, expected = pile
    done, seconds = run_cli(str(folder))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    skipped = {
        line.removeprefix("skipped ").split(": ", 1)[0]: line.split(": ", 1)[1]
        for line in done.stderr.splitlines()
        if line.startswith("skipped ")
    }
    assert sorted(matching(expected, source) for source in skipped) == sorted(expected)
    for source, reason in skipped.items():
        assert expected[matching(expected, source)] in reason, (source, reason)
    texts = [a["text"] for s in json.loads(done.stdout)["stories"] for a in s["articles"]]
    for word in GOOD_WORDS:
        assert any(word in text for text in texts), word
    stats = ReadStats()
    list(read([folder], stats=stats))
    assert stats.summary() in done.stderr
    files = sum(1 for source in expected if source.rsplit("/", 1)[-1] in BAD_FILES)
    assert (stats.files_skipped, stats.records_skipped) == (files, len(expected) - files)
    assert seconds < 30.0  # the run as a whole, imports and story grouping included
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 1024


def test_cli_exits_1_when_nothing_is_readable_and_takes_limit_flags(tmp_path: Path) -> None:
    BAD_FILES["empty.txt"][0](tmp_path)
    BAD_FILES["deep.json"][0](tmp_path)
    done, _ = run_cli(str(tmp_path), str(tmp_path / "missing.txt"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"skipped {tmp_path / 'missing.txt'}: no such file or folder" in done.stderr
    assert "0 articles read, 3 files skipped, 0 records skipped" in done.stderr
    write(tmp_path / "ok.txt", good("Okay"))
    done, _ = run_cli(str(tmp_path / "ok.txt"), "--limit", "max_file_bytes=10")
    assert done.returncode == 1
    assert "file is larger than 10 bytes (limit: ingest.max_file_bytes)" in done.stderr


# One hostile case beside one good article, through the real CLI: the good article is read,
# the bad one is named on stderr with its reason, and memory stays under MEMORY_MB.

MEMORY_MB = 2048
BESIDE = "Besidegood"


@dataclass
class Run:
    """A CLI run over a folder: its exit status, stderr (strictly UTF-8) and article texts."""

    code: int
    stderr: str
    texts: list[str]
    sources: list[str]


def run_beside_good(
    folder: Path, command: str = "stories", *flags: str, preexec: Callable[[], None] | None = None
) -> Run:
    """`newsweave COMMAND FOLDER --format json -o OUT FLAGS` with a good article in FOLDER.

    Checks what every case shares: exit 0, no traceback, stderr and the JSON output valid
    UTF-8, the good article read, peak memory of the children under MEMORY_MB.
    """
    write(folder / "good.txt", good(BESIDE))
    out = folder.parent / f"{folder.name}-{command}.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsweave",
            command,
            str(folder),
            "-f",
            "json",
            "-o",
            str(out),
            *flags,
        ],
        capture_output=True,
        timeout=300,
        preexec_fn=preexec,
    )
    stderr = done.stderr.decode("utf-8")  # strict: whatever the file names, stderr is UTF-8
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    document = json.loads(out.read_bytes().decode("utf-8"))
    articles = [a for story in document["stories"] for a in story["articles"]]
    texts = [a["text"] for a in articles]
    assert any(BESIDE in text for text in texts)
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 < MEMORY_MB
    return Run(done.returncode, stderr, texts, [a["source"] for a in articles])


def skipped_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("skipped ")]


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    folder.mkdir()
    write(Path(os.fsdecode(bytes(folder) + b"/caf\xe9-news.txt")), good("Cafeword"))
    write(Path(os.fsdecode(bytes(folder) + b"/bin\xff.txt")), bytes(range(256)) * 40)
    run = run_beside_good(folder, "brief")  # as reported: it died writing the JSON
    assert f"{folder}/caf\\xe9-news.txt" in run.sources
    assert any("Cafeword" in text for text in run.texts)
    assert skipped_lines(run.stderr) == [f"skipped {folder}/bin\\xff.txt: binary file, not text"]
    for output_format in ("md", "html"):
        done = subprocess.run(
            [sys.executable, "-m", "newsweave", "stories", str(folder), "-f", output_format],
            capture_output=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "caf\\xe9-news.txt" in done.stdout.decode("utf-8")
    store = tmp_path / "news.db"
    for new in (2, 0):  # the second run finds nothing new
        done = subprocess.run(
            [sys.executable, "-m", "newsweave", "ingest", str(folder), "--store", str(store)],
            capture_output=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert f"{new} new of 2 articles read" in done.stderr.decode("utf-8")
    with sqlite3.connect(store) as connection:
        records = [row[0] for row in connection.execute("SELECT record FROM articles")]
    assert any(json.loads(record)["source"].endswith("/caf\\xe9-news.txt") for record in records)


def test_control_characters_in_a_file_name_are_escaped_on_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    write(folder / "evil\x1b[2J\x1b[31m\nskipped forged.txt: all fine\r.txt", b"\x00" * 4000)
    run = run_beside_good(folder)
    assert "\x1b" not in run.stderr and "\r" not in run.stderr
    assert skipped_lines(run.stderr) == [
        f"skipped {folder}/evil\\x1b[2J\\x1b[31m\\nskipped forged.txt: all fine\\r.txt: "
        "binary file, not text"
    ]


def one_member_gzip(mebibytes: int, before: bytes = b"", fill: bytes = b"\0") -> bytes:
    """One gzip member that inflates to `before` and `mebibytes` MiB of `fill`, ~1 KB a MiB.

    Each MiB is compressed after a full flush, which forgets the history, so its deflate
    block is the same bytes every time: the member is built in a second, not compressed
    for ten. (A bomb of many members would be read by warcio one member at a time.)
    """
    chunk = fill * ((1 << 20) // len(fill))
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = compressor.compress(before) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()[:-8]  # its trailer counts one chunk; the real one follows
    crc = zlib.crc32(before)
    for _ in range(mebibytes):
        crc = zlib.crc32(chunk, crc)
    size = len(before) + mebibytes * len(chunk)
    return head + block * mebibytes + end + struct.pack("<II", crc, size & 0xFFFFFFFF)


def warc_records(*words: str, gz: bool = True) -> tuple[bytes, list[int]]:
    """A WARC of one HTML response per word, and each record's offset."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    offsets = []
    for word in words:
        page = f"<html><body><article><p>{good(word)}</p><p>{PROSE}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        offsets.append(buffer.tell())
        writer.write_record(
            writer.create_warc_record(
                f"https://warc.example/{word}",
                "response",
                payload=io.BytesIO(page.encode()),
                http_headers=headers,
            )
        )
    return buffer.getvalue(), offsets


def bombed_warc(kind: str) -> bytes:
    """A gzipped WARC with 1 GiB of filler inflated from ~1 MB, after a good record but for
    "zeros" (`kind` names the filler, and where it is)."""
    record, _ = warc_records("Warcbefore")
    if kind == "zeros":  # one line of 1 GiB, no record before it
        return one_member_gzip(1024)
    if kind == "a line":  # a gzip member of its own after the record
        return record + one_member_gzip(1024, fill=b"a")
    if kind == "blank lines":  # in the record's own member, after it
        plain, _ = warc_records("Warcbefore", gz=False)
        return one_member_gzip(1024, plain, b"\r\n")
    start = b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://warc.example/\r\n"
    if kind == "a record's body":  # a record of its own, 1 GiB of zeros
        start += b"Content-Type: text/html\r\nContent-Length: %d\r\n\r\n" % (1 << 30)
        return record + one_member_gzip(1024, start)
    return record + one_member_gzip(1024, start, b"X-Header: 1\r\n")  # "header lines"


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("zeros", ": a line longer than 10000000 bytes (limit: ingest.max_line_bytes)"),
        ("a line", "max_line_bytes); kept the records before it"),
        ("blank lines", "more than 1000 blank lines in a row: not a WARC; kept it and the"),
        ("header lines", ": header lines of more than 10000000 bytes in a row (limit: "),
        ("a record's body", "a gzip bomb? (limit: ingest.max_gzip_ratio); kept the records"),
    ],
)
def test_a_gzip_bombed_warc_stops_quickly_with_a_short_reason(
    tmp_path: Path, kind: str, reason: str
) -> None:
    folder = tmp_path / "pile"
    bomb = write(folder / "bomb.warc.gz", bombed_warc(kind))
    assert bomb.stat().st_size < 3_000_000  # 1 GiB inflated
    started = time.perf_counter()
    run = run_beside_good(folder)
    assert time.perf_counter() - started < 30.0
    [line] = skipped_lines(run.stderr)
    assert line.startswith(f"skipped {bomb}") and reason in line, line
    assert len(run.stderr) < 2000
    assert any("Warcbefore" in text for text in run.texts) is (kind != "zeros")


def with_content_length(data: bytes, offset: int, change: int) -> bytes:
    """An uncompressed WARC with the Content-Length of the record at `offset` changed."""
    start = data.index(b"Content-Length: ", offset) + len(b"Content-Length: ")
    end = data.index(b"\r\n", start)
    return data[:start] + str(int(data[start:end]) + change).encode() + data[end:]


def cut_warc(kind: str) -> tuple[str, bytes, int]:
    """(file name, bytes, offset of the damaged record) of three records, one damaged."""
    data, offsets = warc_records(*WARC_WORDS, gz=kind == "cut gzip member")
    if kind == "cut in half":  # the file ends in the middle of the last record
        return "half.warc", data[: offsets[2] + (len(data) - offsets[2]) // 2], offsets[2]
    if kind == "cut gzip member":  # the last record's gzip member ends early
        return "cut.warc.gz", data[:-100], offsets[2]
    if kind == "length too large":  # the last record's Content-Length promises more
        return "long.warc", with_content_length(data, offsets[2], 500), offsets[2]
    return "short.warc", with_content_length(data, offsets[1], -100), offsets[1]


WARC_WORDS = ("Warcfirst", "Warcsecond", "Warcthird")


@pytest.mark.parametrize(
    "kind", ["cut in half", "cut gzip member", "length too large", "length too small"]
)
def test_a_cut_warc_record_is_named_and_the_records_before_it_kept(
    tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "pile"
    name, data, offset = cut_warc(kind)
    path = write(folder / name, data)
    run = run_beside_good(folder)
    [line] = skipped_lines(run.stderr)
    reason = "goes on past its Content-Length" if kind == "length too small" else "is cut short: "
    assert line.startswith(f"skipped {path}@{offset}: record at byte {offset} {reason}"), line
    assert line.endswith("; skipped")
    damaged = 1 if kind == "length too small" else 2
    for number, word in enumerate(WARC_WORDS):
        assert any(word in text for text in run.texts) is (number != damaged), word


def as_anyone() -> Callable[[], None] | None:
    """For a child of root: drop the two capabilities that let root read any folder whatever
    its mode (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so a mode-000 folder stops it as it
    stops anyone. None when not root: the mode alone does it."""
    if os.geteuid() != 0:
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)

    def drop() -> None:
        for capability in (1, 2):  # from the bounding set: exec then leaves them out
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop


def test_a_folder_that_cannot_be_listed_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    locked = folder / "locked"
    write(locked / "inside.txt", good("Lockedaway"))
    locked.chmod(0)
    try:
        probe = subprocess.run(
            [sys.executable, "-c", "import os, sys; os.listdir(sys.argv[1])", str(locked)],
            preexec_fn=as_anyone(),
            capture_output=True,
        )
        if probe.returncode == 0:
            pytest.skip("no way here to make a folder unreadable (root keeps its capabilities)")
        run = run_beside_good(folder, preexec=as_anyone())
    finally:
        locked.chmod(0o755)
    assert skipped_lines(run.stderr) == [
        f"skipped {locked}: folder cannot be listed (permission denied)"
    ]
    assert not any("Lockedaway" in text for text in run.texts)
    assert "1 files skipped" in run.stderr


def test_a_link_leaving_the_folder_is_named_unless_follow_links(tmp_path: Path) -> None:
    folder, outside = tmp_path / "pile", tmp_path / "outside"
    write(outside / "secret.txt", good("Outsideword"))
    write(folder / "sub" / "inner.txt", good("Innerword"))
    links = {
        "passwd.txt": Path("/etc/passwd"),
        "secret.txt": outside / "secret.txt",
        "elsewhere": outside,
        "inner-link.txt": folder / "sub" / "inner.txt",  # stays inside: read as before
        "sub-link": folder / "sub",  # stays inside: its files are read where they are
    }
    for name, target in links.items():
        (folder / name).symlink_to(target)
    run = run_beside_good(folder)
    assert sorted(skipped_lines(run.stderr)) == [
        f"skipped {folder / name}: link leaves {folder}; --follow-links reads it"
        for name in ("elsewhere", "passwd.txt", "secret.txt")
    ]
    assert not any("Outsideword" in text or "root:" in text for text in run.texts)
    assert sorted(s.removeprefix(f"{folder}/") for s in run.sources) == [
        "good.txt",
        "inner-link.txt",
        "sub/inner.txt",
    ]
    followed = run_beside_good(folder, "brief", "--fast", "--follow-links")
    assert skipped_lines(followed.stderr) == []
    assert f"{folder}/elsewhere/secret.txt" in followed.sources
    assert f"{folder}/secret.txt" in followed.sources
    store = tmp_path / "links.db"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsweave",
            "ingest",
            str(folder),
            "--follow-links",
            "--store",
            str(store),
        ],
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0 and b"link leaves" not in done.stderr, done.stderr


def test_a_reason_quoting_the_input_is_cut_to_about_200_characters(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    path = write(folder / "long-first-line.warc", b"\x1b[31m" * 200_000 + b"\n")
    run = run_beside_good(folder)
    [line] = skipped_lines(run.stderr)
    reason = line.removeprefix(f"skipped {path}: ")
    assert reason.startswith("WARC breaks at byte 0: a record is cut short or malformed (")
    assert 150 < len(reason) <= 210 and "\x1b" not in reason


def test_a_gzip_member_that_fails_its_crc_stops_the_warc_there(tmp_path: Path) -> None:
    # warcio checks no CRC: spoilt deflate data can inflate to headers that still parse and
    # swallow the records after them unseen. A wrong CRC is the plainest such member.
    folder = tmp_path / "pile"
    data, offsets = warc_records(*WARC_WORDS)
    crc = offsets[2] - 8  # the second member's CRC-32, before its length
    spoilt = data[:crc] + bytes(byte ^ 0xFF for byte in data[crc : crc + 4]) + data[crc + 4 :]
    path = write(folder / "crc.warc.gz", spoilt)
    run = run_beside_good(folder)
    [line] = skipped_lines(run.stderr)
    assert line.startswith(f"skipped {path}@{offsets[1]}: WARC breaks at byte {offsets[1]}: ")
    assert "gzip member" in line and line.endswith("; kept the records before it")
    assert any("Warcfirst" in text for text in run.texts)
    assert not any("Warcsecond" in text or "Warcthird" in text for text in run.texts)


def test_a_corrupt_gzip_member_keeps_the_warc_records_before_it(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    data, offsets = warc_records(*WARC_WORDS)
    middle = offsets[1] + 100  # inside the second record's deflate data, in the first 8 KB
    spoilt = data[:middle] + bytes(byte ^ 0x55 for byte in data[middle : middle + 50])
    path = write(folder / "spoilt.warc.gz", spoilt + data[middle + 50 :])
    run = run_beside_good(folder)
    [line] = skipped_lines(run.stderr)
    assert line.startswith(f"skipped {path}@{offsets[1]}: WARC breaks at byte {offsets[1]}: ")
    assert line.endswith("; kept the records before it")
    assert any("Warcfirst" in text for text in run.texts)


def test_a_jsonl_text_that_is_a_list_of_other_things_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    path = write(
        folder / "lists.jsonl",
        jsonl(
            {"text": ["Listjoined paragraph one.", PROSE]},
            {"text": [1, 2, 3]},
            {"text": [PROSE, None]},
            {"text": [[PROSE]]},
        )
        + '{"text": "Lonesurrogate \\ud800 said so. '
        + PROSE
        + '"}\n',
    )
    run = run_beside_good(folder)
    expected = {2: "a number", 3: "null", 4: "an array"}
    assert skipped_lines(run.stderr) == [
        f"skipped {path}:{line}: line {line}: field 'text' is an array holding {what}, "
        "expected a string or an array of strings (paragraphs)"
        for line, what in expected.items()
    ]
    assert any(text.startswith("Listjoined paragraph one.\n\n") for text in run.texts)
    assert any("Lonesurrogate \ufffd said so." in text for text in run.texts)
