"""Rebuild the example corpus's binary files from the text sources kept beside them.

    python examples/build_binary_files.py            # write both files
    python examples/build_binary_files.py --offsets  # also list the WARC records' offsets
    python examples/build_binary_files.py --check    # fail if a committed file is stale

Writes, from `examples/_sources/`:

- `crawl/newsroom-dump.jsonl.gz` from `_sources/newsroom-dump.jsonl.in` (gzip with mtime 0 and no
  file name in the header, so the bytes depend only on the content);
- `archive/crawl-2025-03-14.warc.gz` from `_sources/warc/manifest.toml` and the `*.html.in` pages
  it names (fixed WARC dates, record ids derived from the manifest, per-record gzip members).

The offsets printed by `--offsets` are the `@offset` part of the articles' sources in
`tests/data/examples-expected.json`; `--check` also verifies that every WARC source there
points at a 200 text/html response. Needs `warcio` (in the project's virtual environment).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import struct
import sys
import tomllib
import uuid
import zlib
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "_sources"
JSONL_GZ = HERE / "crawl" / "newsroom-dump.jsonl.gz"
WARC_GZ = HERE / "archive" / "crawl-2025-03-14.warc.gz"
USER_AGENT = "newsweave-example-crawler/1.0 (+https://newsweave.example/crawler)"
ID_NAMESPACE = uuid.UUID("6f1d2c1e-8b1a-4c3e-9a59-5e0b1d3f0a77")


def build_jsonl_gz() -> bytes:
    raw = (SOURCES / "newsroom-dump.jsonl.in").read_bytes()
    for number, line in enumerate(raw.decode("utf-8").splitlines(), 1):
        try:
            json.loads(line)
        except json.JSONDecodeError as error:
            raise SystemExit(f"_sources/newsroom-dump.jsonl.in:{number}: {error}") from error
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return out.getvalue()


def record_id(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(ID_NAMESPACE, '|'.join(parts))}>"


def http_date(warc_date: str) -> str:
    return format_datetime(datetime.fromisoformat(warc_date.replace("Z", "+00:00")), usegmt=True)


def tiny_png(width: int, height: int) -> bytes:
    """A deterministic RGB gradient PNG: a non-HTML payload for the archive."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return (
            struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        )

    rows = b"".join(
        b"\x00" + b"".join(bytes((x * 5 % 256, y * 7 % 256, 120)) for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def request_record(writer: WARCWriter, uri: str, date: str, concurrent_to: str) -> ArcWarcRecord:
    host = uri.split("/")[2]
    path = "/" + uri.split("/", 3)[3] if uri.count("/") >= 3 else "/"
    headers = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [
            ("Host", host),
            ("User-Agent", USER_AGENT),
            ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
            ("Accept-Encoding", "identity"),
            ("Connection", "close"),
        ],
        is_http_request=True,
    )
    return writer.create_warc_record(
        uri,
        "request",
        http_headers=headers,
        warc_headers_dict={
            "WARC-Record-ID": record_id("request", uri, date),
            "WARC-Date": date,
            "WARC-Concurrent-To": concurrent_to,
        },
    )


def response_record(
    writer: WARCWriter,
    uri: str,
    date: str,
    status: str,
    headers: list[tuple[str, str]],
    body: bytes,
) -> ArcWarcRecord:
    headers = [*headers, ("Content-Length", str(len(body))), ("Date", http_date(date))]
    http_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    return writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={"WARC-Record-ID": record_id("response", uri, date), "WARC-Date": date},
    )


def build_warc_gz() -> bytes:
    manifest = tomllib.loads((SOURCES / "warc" / "manifest.toml").read_text(encoding="utf-8"))
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)

    info = dict(manifest["warcinfo"])
    filename, date = info.pop("filename"), info.pop("date")
    payload = "".join(f"{key}: {value}\r\n" for key, value in info.items()).encode("utf-8")
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(payload),
            length=len(payload),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": record_id("warcinfo", filename, date),
                "WARC-Date": date,
                "WARC-Filename": filename,
            },
        )
    )

    digests: dict[tuple[str, str], str] = {}  # (uri, date) -> payload digest, for revisits
    for rec in manifest["record"]:
        uri, date, kind = rec["uri"], rec["date"], rec["kind"]
        server = [("Server", rec.get("server", "nginx"))]
        if kind == "page":
            body = (SOURCES / "warc" / rec["file"]).read_bytes()
            headers = [
                *server,
                ("Content-Type", "text/html; charset=utf-8"),
                ("Last-Modified", rec["last_modified"]),
                ("Cache-Control", "max-age=300"),
            ]
            response = response_record(writer, uri, date, "200 OK", headers, body)
        elif kind == "redirect":
            location = rec["location"]
            body = (
                f"<html><head><title>301 Moved Permanently</title></head><body>"
                f"<h1>Moved Permanently</h1><p>The document has moved "
                f'<a href="{location}">here</a>.</p></body></html>\n'
            ).encode()
            headers = [
                *server,
                ("Content-Type", "text/html; charset=iso-8859-1"),
                ("Location", location),
            ]
            response = response_record(writer, uri, date, "301 Moved Permanently", headers, body)
        elif kind == "image":
            body = tiny_png(rec["width"], rec["height"])
            headers = [
                *server,
                ("Content-Type", "image/png"),
                ("Cache-Control", "max-age=31536000"),
            ]
            response = response_record(writer, uri, date, "200 OK", headers, body)
        elif kind == "revisit":
            digest = digests[(uri, rec["refers_to_date"])]
            # identical-payload-digest profile: the new capture's 200 headers, no body
            headers = StatusAndHeaders(
                "200 OK",
                [
                    *server,
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Last-Modified", rec["last_modified"]),
                    ("Cache-Control", "max-age=300"),
                    ("Date", http_date(date)),
                ],
                protocol="HTTP/1.1",
            )
            response = writer.create_revisit_record(
                uri,
                digest,
                uri,
                rec["refers_to_date"],
                http_headers=headers,
                warc_headers_dict={
                    "WARC-Record-ID": record_id("revisit", uri, date),
                    "WARC-Date": date,
                },
            )
            response.rec_headers.add_header(
                "WARC-Refers-To", record_id("response", uri, rec["refers_to_date"])
            )
        else:
            raise SystemExit(f"manifest.toml: unknown record kind {kind!r}")
        digests[(uri, date)] = response.rec_headers.get_header("WARC-Payload-Digest")
        writer.write_record(response)
        writer.write_record(
            request_record(writer, uri, date, response.rec_headers.get_header("WARC-Record-ID"))
        )
    return out.getvalue()


def warc_records(data: bytes) -> list[tuple[int, str, str, str, str]]:
    """(offset, WARC-Type, HTTP status, Content-Type, URI) for every record of a WARC."""
    rows = []
    iterator = ArchiveIterator(io.BytesIO(data))
    for record in iterator:
        has_status = record.rec_type in ("response", "revisit") and record.http_headers
        status = record.http_headers.get_statuscode() if has_status else ""
        ctype = record.http_headers.get_header("Content-Type", "") if has_status else ""
        rows.append(
            (
                iterator.get_record_offset(),
                record.rec_type,
                status or "",
                ctype,
                record.rec_headers.get_header("WARC-Target-URI") or "",
            )
        )
    return rows


def check(built: dict[Path, bytes]) -> int:
    problems = []
    for path, data in built.items():
        if not path.exists() or path.read_bytes() != data:
            problems.append(f"{path.relative_to(HERE.parent)} differs from a fresh build")
    truth = HERE.parent / "tests" / "data" / "examples-expected.json"
    expected = json.loads(truth.read_text(encoding="utf-8"))
    pages = {
        offset
        for offset, rtype, status, ctype, _ in warc_records(built[WARC_GZ])
        if rtype == "response" and status == "200" and ctype.startswith("text/html")
    }
    warc_name = f"examples/{WARC_GZ.relative_to(HERE).as_posix()}@"
    sources = [s for members in expected["stories"].values() for s in members]
    cited = {int(s.split("@")[1]) for s in sources if s.startswith(warc_name)}
    if cited != pages:
        problems.append(
            f"examples-expected.json cites WARC offsets {sorted(cited)}, "
            f"the archive's pages are at {sorted(pages)}"
        )
    for problem in problems:
        print("check:", problem, file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--offsets", action="store_true", help="list the WARC records and their offsets"
    )
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed files; write nothing"
    )
    args = parser.parse_args()

    built = {JSONL_GZ: build_jsonl_gz(), WARC_GZ: build_warc_gz()}
    if args.check:
        failed = check(built)
        print("check:", "FAILED" if failed else "ok")
        return failed
    for path, data in built.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(HERE.parent)} ({len(data)} bytes)")
    if args.offsets:
        for offset, rtype, status, ctype, uri in warc_records(built[WARC_GZ]):
            print(f"{offset:>7}  {rtype:<9} {status:<4} {ctype:<26} {uri}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
