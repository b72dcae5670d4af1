"""WARC crawls: each successful HTML response goes through the HTML reader.

The URL comes from WARC-Target-URI and, when the page itself has no date, the crawl time
(WARC-Date) stands in, with a note. Requests, revisits, redirects, errors and non-HTML
responses are normal in a crawl: they are passed over and counted (`Skipped`), not reported
as problems. A record over `max_record_bytes` (by its Content-Length, or its page once
decoded) is skipped (counted as "too large") after holding no more than the limit.

warcio reads through `_LimitedReader`, so a WARC keeps to the limits the other readers keep
to: inflated gzip is counted (`max_decompressed_bytes`, `max_gzip_ratio`) and no line is read
past `max_line_bytes`. A record that ends before its Content-Length says (a file cut short, a
cut gzip member, a wrong length) is named and skipped, never read as an article that stops
mid-sentence; a broken record, or a limit hit, keeps every record before it.

warcio does not check a gzip member's CRC, and spoilt deflate data can inflate to plausible
garbage: a record whose headers still parse, with the records after it swallowed unseen. So a
gzipped WARC of several members is first inflated member by member with zlib, which checks
each one; reading stops at the first member that fails, named as the place the WARC breaks.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from contextlib import redirect_stderr
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.limitreader import LimitReader

from newsweave.models import Problem
from newsweave.readers.common import Item, Limits, Skipped, TooLarge, check_inflation
from newsweave.readers.detect import head_bytes
from newsweave.readers.html import html_article

HTML_TYPES = ("text/html", "application/xhtml+xml")
CRAWL_DATE_NOTE = "published date is the crawl date (WARC-Date): the page gave none"
# Records are parted by two blank lines; a long run of them is filler (a bomb of newlines).
MAX_BLANK_LINES = 1000


def read_warc(path: Path, source: str, limits: Limits) -> Iterator[Item]:
    """Yield an article (`crawl.warc.gz@40213`) per HTML page, skips for the other records."""
    size = path.stat().st_size
    # ARC records need no blank line after them, so only a WARC's stray bytes mean a bad length
    arc = head_bytes(path, limits).lstrip().startswith(b"filedesc://")
    spoilt = _first_spoilt_member(path, limits)
    with path.open("rb") as stream:
        records = _LimitedArchive(stream, limits)
        pages = iter(records)
        while True:
            offset, skip, body = records.offset, None, None  # where the next record starts
            if spoilt is not None and offset >= spoilt[0]:
                yield _broken(source, spoilt[0], spoilt[1])
                return
            try:
                with redirect_stderr(io.StringIO()):  # warcio warns there; we name it instead
                    record = next(pages, None)
                    if record is None:
                        break
                    warnings = records.err_count
                    skip, body = _body(record, limits.max_record_bytes)
                    records.read_to_end()  # the rest of the record and the blank lines after it
            except Exception as error:  # warcio raises many kinds on a broken record
                if body is not None and not _damage(record, overran=False):
                    yield _item(record, skip, body, f"{source}@{offset}", limits)  # it is whole:
                    yield _broken(source, offset, error, after=True)  # the trouble follows it
                else:
                    yield _broken(source, offset, error)
                return
            place = f"{source}@{offset}"
            if damage := _damage(record, overran=records.err_count > warnings and not arc):
                yield Problem(place, f"record at byte {offset} {damage}; skipped")
            else:
                yield _item(record, skip, body, place, limits)
        if records.offset < size:
            yield _broken(source, records.offset, f"{size - records.offset} bytes left over")


def _first_spoilt_member(path: Path, limits: Limits) -> tuple[int, zlib.error] | None:
    """Where the first gzip member that fails zlib's check starts, and zlib's complaint; None
    when every member checks, the file is not gzip, or its first member is the spoilt one (a
    WARC gzipped whole: the reader keeps what it can of it, as before). A member cut short by
    the end of the file is left to the reader, which names it."""
    inflated, start, fed = 0, 0, 0
    member = zlib.decompressobj(31)
    with path.open("rb") as stream:
        if stream.read(2) != b"\x1f\x8b":
            return None
        stream.seek(0)
        while chunk := stream.read(1 << 16):
            fed += len(chunk)
            while chunk:
                try:
                    inflated += len(member.decompress(chunk, 1 << 20))
                except zlib.error as error:
                    return None if start == 0 else (start, error)
                if inflated > limits.max_decompressed_bytes:
                    return None  # the reader stops at its limit and says so
                chunk = member.unconsumed_tail
                if member.eof:
                    chunk = member.unused_data + chunk
                    start = fed - len(chunk)
                    member = zlib.decompressobj(31)
    return None


class _LimitedReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's gunzipping line reader, held to the limits.

    Inflated bytes are counted as they are decompressed (`check_inflation`). warcio reads
    headers a line at a time, each line whole however long, so a line longer than
    `max_line_bytes` is TooLarge (a bomb of zeros without a newline would otherwise be held
    entire, then quoted entire in warcio's error), and so is a run of header lines longer
    than that in all (millions of tiny headers) or of more than `MAX_BLANK_LINES` blank ones
    (a bomb of newlines, read one call at a time).
    """

    def __init__(self, stream: IO[bytes], limits: Limits) -> None:
        super().__init__(stream)
        self._limits = limits
        self._run = 0  # bytes of header lines read in a row
        self._blanks = 0  # blank lines read in a row

    def _process_read(self, data: bytes) -> None:
        super()._process_read(data)
        check_inflation(self.num_read, self.stream.tell(), self._limits)

    def read(self, length: int | None = None) -> bytes:
        self._run = self._blanks = 0  # a body is read whole, not as lines
        data: bytes = super().read(length)
        return data

    def readline(self, length: int | None = None) -> bytes:
        limit = self._limits.max_line_bytes
        capped = not length or length > limit
        line: bytes = super().readline(limit + 1 if capped else length)
        if capped and len(line) > limit:
            raise TooLarge(f"a line longer than {limit} bytes (limit: ingest.max_line_bytes)")
        if line.strip():
            self._run, self._blanks = self._run + len(line), 0
            if self._run > limit:
                raise TooLarge(
                    f"header lines of more than {limit} bytes in a row "
                    "(limit: ingest.max_line_bytes)"
                )
        elif line:
            self._run, self._blanks = 0, self._blanks + 1
            if self._blanks > MAX_BLANK_LINES:
                raise TooLarge(f"more than {MAX_BLANK_LINES} blank lines in a row: not a WARC")
        return line


class _LimitedArchive(ArchiveIterator):  # type: ignore[misc]
    """warcio's record iterator, reading through a `_LimitedReader`."""

    def __init__(self, stream: IO[bytes], limits: Limits) -> None:
        super().__init__(stream, arc2warc=True)
        self.reader = _LimitedReader(self.fh, limits)


def _damage(record: Any, overran: bool) -> str | None:
    """What is wrong with a record read to its end, if anything: it ended before its
    Content-Length did (a file or gzip member cut short, a length too large), or bytes
    followed it where a blank line should (`overran`: a length too small). Either way the
    page would end mid-sentence."""
    stream = record.raw_stream
    missing = stream.limit if isinstance(stream, LimitReader) else 0
    if missing > 0:
        return (
            f"is cut short: {record.length - missing} of its {record.length} bytes "
            "(file truncated, or a wrong Content-Length)"
        )
    if overran:
        return f"goes on past its Content-Length of {record.length} bytes (a wrong length?)"
    return None


def _broken(source: str, offset: int, error: Exception | str, *, after: bool = False) -> Problem:
    """The Problem for a WARC that breaks at `offset` (or `after` the record there, which was
    whole and is kept): every record before it is kept.

    `error` is a limit's TooLarge, or warcio's complaint (which may quote a whole line:
    `read()` cuts every reason).
    """
    if isinstance(error, TooLarge):
        what = str(error)
    elif isinstance(error, zlib.error):
        what = f"its gzip member fails zlib's check ({error})"
    else:
        detail = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        what = f"a record is cut short or malformed ({detail})"
    if after:
        return Problem(
            f"{source}@{offset}",
            f"after the record at byte {offset}: {what}; kept it and the records before it",
        )
    if isinstance(error, TooLarge):
        reason = f"record at byte {offset}: {what}" if offset else what
    else:
        reason = f"WARC breaks at byte {offset}: {what}"
    if not offset:
        return Problem(source, reason)  # nothing readable: the whole file is the problem
    return Problem(f"{source}@{offset}", reason + "; kept the records before it")


def _item(record: Any, skip: str | None, body: bytes, place: str, limits: Limits) -> Item:
    """The record's article, or its Skipped note."""
    return Skipped(place, skip) if skip else _page(record, body, place, limits)


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
    if record.length and record.length > limit:
        # before warcio de-chunks the body: it would hold a chunk whole, up to 2 GB
        return "too large", b""
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
