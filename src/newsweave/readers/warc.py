"""WARC crawls: each successful HTML response goes through the HTML reader.

The URL comes from WARC-Target-URI and, when the page itself has no date, the crawl time
(WARC-Date) stands in, with a note. Requests, revisits, redirects, errors and non-HTML
responses are normal in a crawl: they are passed over and counted (`Skipped`), not reported
as problems. A broken record or a cut gzip keeps every record before the break. A page over
`max_record_bytes` is skipped (counted as "too large") after reading no more than the limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from newsweave.models import Problem
from newsweave.readers.common import Item, Limits, Skipped
from newsweave.readers.html import html_article

HTML_TYPES = ("text/html", "application/xhtml+xml")
CRAWL_DATE_NOTE = "published date is the crawl date (WARC-Date): the page gave none"


def read_warc(path: Path, source: str, limits: Limits) -> Iterator[Item]:
    """Yield an article (`crawl.warc.gz@40213`) per HTML page, skips for the other records."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        records = ArchiveIterator(stream, arc2warc=True)
        pages = iter(records)
        while True:
            try:
                record = next(pages, None)
                if record is None:
                    break
                skip, body = _body(record, limits.max_record_bytes)
                place = f"{source}@{records.get_record_offset()}"
            except Exception as error:  # warcio raises many kinds on a broken record
                yield _broken(source, records.offset, f"{type(error).__name__}: {error}")
                return
            yield Skipped(place, skip) if skip else _page(record, body, place, limits)
        if records.offset < size:
            yield _broken(source, records.offset, f"{size - records.offset} bytes left over")


def _broken(source: str, offset: int, detail: str) -> Problem:
    """The Problem for a WARC that breaks at `offset`: what was read before it stays."""
    reason = f"WARC breaks at byte {offset}: a record is cut short or malformed ({detail})"
    if not offset:
        return Problem(source, reason)  # nothing readable: the whole file is the problem
    return Problem(f"{source}@{offset}", reason + "; kept the records before it")


def _body(record: Any, limit: int) -> tuple[str | None, bytes]:
    """Why this record is skipped (None if it is an HTML page to read), and the page."""
    kind = record.rec_type
    if not kind:
        raise ValueError("a record without a WARC-Type header")
    if kind not in ("response", "resource"):
        return kind, b""
    content_type = record.rec_headers.get_header("Content-Type") or ""
    if kind == "response":
        if record.http_headers is None:
            return "non-HTTP response", b""
        status = record.http_headers.get_statuscode() or ""
        if status.startswith("3"):
            return "redirect", b""
        if status != "200":
            return "non-200", b""
        content_type = record.http_headers.get_header("Content-Type") or ""
    media_type = content_type.split(";")[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        return "non-HTML", b""
    body: bytes = record.content_stream().read(limit + 1)
    if len(body) > limit:
        return "too large", b""
    if not media_type and not body.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")):
        return "non-HTML", b""
    return None, body


def _page(record: Any, body: bytes, place: str, limits: Limits) -> Item:
    """An HTML response to a RawArticle (or a Problem when it holds no article text)."""
    return html_article(
        body,
        place,
        limits=limits,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        fallback_date=record.rec_headers.get_header("WARC-Date"),
        fallback_note=CRAWL_DATE_NOTE,
    )
