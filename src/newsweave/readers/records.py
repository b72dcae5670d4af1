"""JSON Lines and JSON files of article records, with the field names crawlers use.

Both are streamed: JSONL one line at a time (gzip decompressed on the fly), a JSON array one
element at a time, so a file of any size is never held whole. A bad record is one Problem
(`crawl.jsonl:17`, `feed.json#3`) and the rest of the file goes on; a file cut short keeps
every complete record before the cut and reports the cut. A JSONL line over `max_line_bytes`
is skipped without being held (it is read past in chunks); a JSON array item over
`max_record_bytes`, or nested past Python's recursion limit, ends the array there.

Field types are coerced where the meaning is certain (a number id, a list of paragraphs, an
epoch-seconds date, a one-element list) and otherwise the record is skipped with a reason
naming the field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import count
from pathlib import Path
from typing import IO, Any

from newsweave.models import Problem, RawArticle
from newsweave.readers.common import Item, Limits, TooLarge, mojibake_repaired, open_binary
from newsweave.readers.jsonstream import GZIP_ERRORS, JsonStream
from newsweave.readers.titles import plain_title
from newsweave.text.outlets import host

# Field aliases, first match wins (the contract's list, in its order).
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "content", "body"),
    "title": ("title",),
    "url": ("url",),
    "outlet": ("outlet", "source", "source_domain", "site"),
    "published": ("published", "date_publish", "date", "pubDate"),
    "id": ("id",),
}


# Epoch timestamps taken as dates: seconds between 1990 and 2100 (milliseconds above that).
_EPOCH_SECONDS = (631_152_000, 4_102_444_800)
_READ_PAST_CHUNK = 1 << 20
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class RecordError(ValueError):
    """A record whose fields have types we cannot use; the message names the field."""


def read_jsonl(path: Path, source: str, limits: Limits) -> Iterator[Item]:
    """Yield one RawArticle (or Problem) per non-blank line of a JSON Lines file."""
    number = 0
    with open_binary(path, limits) as stream:
        try:
            for number, line, size in _lines(stream, limits.max_line_bytes):
                place, label = f"{source}:{number}", f"line {number}"
                if line is None:
                    yield Problem(
                        place,
                        f"{label}: line is {size} bytes, over the limit of "
                        f"{limits.max_line_bytes} (ingest.max_line_bytes); skipped",
                    )
                elif line.strip():
                    yield _jsonl_line(line, place, label, cut=not line.endswith(b"\n"))
        except (*GZIP_ERRORS, TooLarge) as error:
            detail = (
                str(error)
                if isinstance(error, TooLarge)
                else f"compressed data ends or breaks there ({error})"
            )
            if not number:
                yield Problem(source, detail)
                return
            yield Problem(
                f"{source}:{number + 1}",
                f"line {number + 1}: {detail}; kept the records before it",
            )


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(number, line, size) of each line; line is None for one over `limit` bytes.

    A line over the limit is read past in chunks, so it is never held whole.
    """
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(_READ_PAST_CHUNK)
            if not line:
                break
            size += len(line)
        yield number, None, size


def _jsonl_line(line: bytes, place: str, label: str, *, cut: bool) -> RawArticle | Problem:
    """One JSONL line to a record; `cut` says it is the file's last line without a newline."""
    try:
        value = json.loads(line)
    except RecursionError:
        return Problem(place, f"{label}: JSON nested too deeply to read")
    except ValueError as error:
        if cut:
            return Problem(
                place, f"{label}: last line is cut off (file truncated?); kept the lines before it"
            )
        return Problem(place, f"{label}: not valid JSON ({error})")
    return record_article(value, place, label)


def read_json(path: Path, source: str, limits: Limits) -> Iterator[Item]:
    """Yield the records of a JSON array (`file.json#n`) or the one object a file holds.

    A file of several top-level objects (JSON Lines named .json) is read as JSON Lines.
    """
    with open_binary(path, limits) as stream:
        decoder = JsonStream(stream, max_value_chars=limits.max_file_bytes)
        decoder.limit_name = "ingest.max_file_bytes"
        first = decoder.peek()
        if first == "[":
            decoder.max_value_chars = limits.max_record_bytes
            decoder.limit_name = "ingest.max_record_bytes"
            yield from _array_items(decoder, source)
            return
        try:
            value = decoder.value()
        except ValueError as error:
            yield Problem(source, f"not valid JSON: {error}")
            return
        more = decoder.peek() != ""
    if more:
        yield from read_jsonl(path, source, limits)
    else:
        yield record_article(value, source)


def _array_items(decoder: JsonStream, source: str) -> Iterator[Item]:
    """The elements of a top-level array, one at a time."""
    decoder.expect("[")
    if decoder.peek() == "]":
        yield Problem(source, "empty JSON array: no records")
        return
    for number in count(1):
        place = f"{source}#{number}"
        try:
            value = decoder.value()
        except ValueError as error:
            if number == 1:  # nothing read: the file is the problem
                yield Problem(source, f"item 1: not valid JSON ({error})")
                return
            yield Problem(
                place, f"item {number}: not valid JSON ({error}); kept the items before it"
            )
            return
        yield record_article(value, place, f"item {number}")
        separator = decoder.peek()
        if separator == "]":
            return
        try:
            decoder.expect(",")
        except ValueError as error:
            yield Problem(place, f"after item {number}: {error}; kept the items before it")
            return


def record_article(value: Any, place: str, label: str = "") -> RawArticle | Problem:
    """One JSON record to a RawArticle using the field aliases; a Problem when it cannot be.

    `place` is the record's source (`crawl.jsonl:4`); `label` ("line 4") starts its messages.
    """
    where = f"{label}: " if label else ""
    if not isinstance(value, dict):
        return Problem(place, f"{where}expected a JSON object, found {_kind(value)}")
    try:
        text = _text(value)
        fields = {name: _string(value, name) for name in ("title", "url", "id")}
        fields["published"] = _published(value)
        outlet = _outlet(value)
    except RecordError as error:
        return Problem(place, f"{where}{error}")
    if not text or not text.strip():
        names = ", ".join(ALIASES["text"])
        return Problem(place, f"{where}no article text (expected one of: {names})")
    raw = RawArticle(
        source=place,
        text=text,
        record_id=fields["id"],
        title=plain_title(fields["title"]),
        url=fields["url"],
        outlet=outlet or host(fields["url"]),
        published=fields["published"],
    )
    return mojibake_repaired(raw)


def _first(record: dict[str, Any], name: str) -> tuple[str, Any]:
    """The first alias of `name` that the record fills (not null), and its value."""
    for alias in ALIASES[name]:
        if record.get(alias) is not None:
            return alias, record[alias]
    return name, None


def _text(record: dict[str, Any]) -> str | None:
    """The article text; a list of strings (paragraphs) is joined with blank lines, a list
    holding anything else is an error naming what it holds."""
    alias, value = _first(record, "text")
    if isinstance(value, list):
        odd = [part for part in value if not isinstance(part, str)]
        if odd:
            raise RecordError(
                f"field {alias!r} is an array holding {_kind(odd[0])}, expected a string "
                "or an array of strings (paragraphs)"
            )
        return _unicode("\n\n".join(part.strip() for part in value if part.strip()))
    if value is None or isinstance(value, str):
        return _unicode(value) if value else value
    raise RecordError(f"field {alias!r} is {_kind(value)}, expected a string")


def _string(record: dict[str, Any], name: str) -> str | None:
    """A string field; an integer id is taken as its digits, a one-string list as its string,
    anything else is an error."""
    alias, value = _first(record, name)
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        value = value[0]
    if name == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is None or isinstance(value, str):
        return _stripped(value)
    raise RecordError(f"field {alias!r} is {_kind(value)}, expected a string")


def _published(record: dict[str, Any]) -> str | None:
    """The publication date as a string; a number is taken as Unix time (seconds or ms)."""
    alias, value = _first(record, "published")
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > _EPOCH_SECONDS[1] else value
        if not _EPOCH_SECONDS[0] <= seconds <= _EPOCH_SECONDS[1]:
            raise RecordError(f"field {alias!r} is a number that is no date (Unix time) we trust")
        return datetime.fromtimestamp(seconds, UTC).isoformat()
    return _string(record, "published")


def _outlet(record: dict[str, Any]) -> str | None:
    """The outlet; NewsAPI's `source: {"id", "name"}` object gives its name."""
    alias, value = _first(record, "outlet")
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return _stripped(value["name"])
    if value is None or isinstance(value, str):
        return _stripped(value)
    raise RecordError(f"field {alias!r} is {_kind(value)}, expected a string")


def _kind(value: Any) -> str:
    """'a number', 'an array'...: how a JSON value's type reads in a message."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else "a string"


def _stripped(value: str | None) -> str | None:
    """The string without surrounding spaces; None for None or a blank string."""
    return (_unicode(value.strip()) or None) if value is not None else None


def _unicode(text: str) -> str:
    """`text` with each lone surrogate as U+FFFD: JSON's escapes may spell one (`"\\ud800"`),
    and no UTF-8 output (the JSON we write, the store) can hold it."""
    return _LONE_SURROGATE.sub("\ufffd", text)
