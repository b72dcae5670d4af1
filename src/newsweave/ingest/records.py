"""JSON Lines and JSON files of article records, with the field names crawlers use.

Both are streamed: JSONL one line at a time (gzip decompressed on the fly), a JSON array one
element at a time, so a file of any size is never held whole. A bad record is one Problem
(`crawl.jsonl:17`, `feed.json#3`) and the rest of the file goes on; a file cut short keeps
every complete record before the cut and reports the cut.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

from newsweave.ingest.common import Item, open_binary, outlet_from_url
from newsweave.ingest.jsonstream import GZIP_ERRORS, JsonStream
from newsweave.models import Problem, RawArticle

# Field aliases, first match wins (the contract's list, in its order).
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "content", "body"),
    "title": ("title",),
    "url": ("url",),
    "outlet": ("outlet", "source", "source_domain", "site"),
    "published": ("published", "date_publish", "date", "pubDate"),
    "id": ("id",),
}


class RecordError(ValueError):
    """A record whose fields have types we cannot use; the message names the field."""


def read_jsonl(path: Path, source: str) -> Iterator[Item]:
    """Yield one RawArticle (or Problem) per non-blank line of a JSON Lines file."""
    number = 0
    with open_binary(path) as stream:
        try:
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    cut = not line.endswith(b"\n")
                    yield _jsonl_line(line, f"{source}:{number}", f"line {number}", cut=cut)
        except GZIP_ERRORS as error:
            yield Problem(
                f"{source}:{number + 1}",
                f"line {number + 1}: compressed data ends or breaks there ({error}); "
                "kept the records before it",
            )


def _jsonl_line(line: bytes, place: str, label: str, *, cut: bool) -> RawArticle | Problem:
    """One JSONL line to a record; `cut` says it is the file's last line without a newline."""
    try:
        value = json.loads(line)
    except ValueError as error:
        if cut:
            return Problem(
                place, f"{label}: last line is cut off (file truncated?); kept the lines before it"
            )
        return Problem(place, f"{label}: not valid JSON ({error})")
    return record_article(value, place, label)


def read_json(path: Path, source: str) -> Iterator[Item]:
    """Yield the records of a JSON array (`file.json#n`) or the one object a file holds.

    A file of several top-level objects (JSON Lines named .json) is read as JSON Lines.
    """
    with open_binary(path) as stream:
        decoder = JsonStream(stream)
        first = decoder.peek()
        if first == "[":
            yield from _array_items(decoder, source)
            return
        try:
            value = decoder.value()
        except ValueError as error:
            yield Problem(source, f"not valid JSON: {error}")
            return
        more = decoder.peek() != ""
    if more:
        yield from read_jsonl(path, source)
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
        fields = {name: _string(value, name) for name in ("title", "url", "published", "id")}
        outlet = _outlet(value)
    except RecordError as error:
        return Problem(place, f"{where}{error}")
    if not text or not text.strip():
        names = ", ".join(ALIASES["text"])
        return Problem(place, f"{where}no article text (expected one of: {names})")
    return RawArticle(
        source=place,
        text=text,
        record_id=fields["id"],
        title=fields["title"],
        url=fields["url"],
        outlet=outlet or outlet_from_url(fields["url"]),
        published=fields["published"],
    )


def _first(record: dict[str, Any], name: str) -> tuple[str, Any]:
    """The first alias of `name` that the record fills (not null), and its value."""
    for alias in ALIASES[name]:
        if record.get(alias) is not None:
            return alias, record[alias]
    return name, None


def _text(record: dict[str, Any]) -> str | None:
    """The article text; a list of strings (paragraphs) is joined with blank lines."""
    alias, value = _first(record, "text")
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "\n\n".join(part.strip() for part in value if part.strip())
    if value is None or isinstance(value, str):
        return value
    raise RecordError(f"field {alias!r} is {_kind(value)}, expected a string")


def _string(record: dict[str, Any], name: str) -> str | None:
    """A string field; an integer id is taken as its digits, anything else is an error."""
    alias, value = _first(record, name)
    if name == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is None or isinstance(value, str):
        return _stripped(value)
    raise RecordError(f"field {alias!r} is {_kind(value)}, expected a string")


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
    return (value.strip() or None) if value is not None else None
