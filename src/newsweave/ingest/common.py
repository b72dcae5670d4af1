"""What every reader shares: the records readers yield, opening (maybe gzipped) files, decoding
bytes to text, and small helpers for outlets and sizes.

Readers are plain generators `reader(path, source) -> Iterator[Item]`. Besides articles and
problems they may yield a `Skipped` note for a record that is normal to pass over (a WARC request
or revisit); `read()` counts those and never shows them to the caller.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast
from urllib.parse import urlsplit

import charset_normalizer

from newsweave.config import settings
from newsweave.models import Problem, RawArticle

GZIP_MAGIC = b"\x1f\x8b"
BINARY_FILE = "binary file, not text"
EMPTY_FILE = "empty file"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record passed over on purpose (not an error), counted under `reason`."""

    source: str
    reason: str


Item = RawArticle | Problem | Skipped
Reader = Callable[[Path, str], Iterator[Item]]


class TooLarge(Exception):
    """A file that a whole-file reader will not load (see ingest.max_file_bytes)."""


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, gunzipped on the fly when it starts with the gzip magic."""
    with path.open("rb") as probe:
        magic = probe.read(2)
    if magic == GZIP_MAGIC:
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def read_limited(path: Path) -> bytes:
    """The whole (gunzipped) file, for readers of one-article formats; refuses huge files."""
    limit = int(settings("ingest")["max_file_bytes"])
    with open_binary(path) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"file is larger than {limit} bytes (ingest.max_file_bytes)")
    return data


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Bytes to text: UTF-8 (BOM allowed), else the encoding charset-normalizer finds.

    Returns the text and a note naming the fallback encoding (None for UTF-8). Raises
    ValueError(BINARY_FILE) for bytes that are not text in any encoding we trust.
    """
    utf16 = _utf16_codec(data)
    if utf16:
        return data.decode(utf16), f"decoded as {utf16.upper()} (not UTF-8)"
    if b"\x00" in data:
        raise ValueError(BINARY_FILE)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or _looks_binary(str(best)):
        raise ValueError(BINARY_FILE)
    return str(best), f"decoded as {best.encoding} (not UTF-8)"


def _utf16_codec(data: bytes) -> str | None:
    """'utf-16' for a BOM, 'utf-16-le'/'utf-16-be' for ASCII-heavy text with NULs on one side."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    even_nuls = head[0::2].count(0) / (len(head) / 2)
    odd_nuls = head[1::2].count(0) / (len(head) / 2)
    if odd_nuls > 0.6 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.6 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    """True when more than 1% of the characters are control characters (not tab/newline)."""
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    return controls > len(text) / 100


def outlet_from_url(url: str | None) -> str | None:
    """The URL's host without 'www.', as the outlet of last resort ('bbc.co.uk')."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname or ""
    host = host.removeprefix("www.")
    return host or None
