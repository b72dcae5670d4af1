"""Choose a reader for a file by its suffix and its first bytes.

The suffix is a hint and the content decides when they disagree in a way that is certain:
a `.txt` that is an HTML page is read as HTML, a `.json` holding one object a line as JSON
Lines, a file without a suffix by what it starts with. Gzip is looked through by its magic
bytes, not by the name.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from newsweave.readers.common import Limits, TooLarge, open_binary

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".arc": "warc",
}

SNIFF_BYTES = 8192

_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(p|div|article|h[1-6]|br|span|a\s[^>]*href)[\s/>]", re.I)
_FEED_START = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml", re.I)


def detect_format(path: Path, limits: Limits | None = None) -> str:
    """The format to read this file as (a key of `ingest.READERS`).

    The suffix decides unless the content clearly says otherwise.
    """
    suffix = format_suffix(path)
    head = head_bytes(path, limits)
    sniffed = sniff(head)
    by_suffix = SUFFIXES.get(suffix)
    if by_suffix is None:
        return sniffed
    if by_suffix == "text" and sniffed in ("html", "feed", "warc"):
        return sniffed
    if by_suffix == "json" and sniffed == "jsonl":
        return "jsonl"
    if by_suffix == "html" and sniffed in ("feed", "warc"):
        return sniffed
    return by_suffix


def sniff(head: bytes) -> str:
    """The format the first bytes of a (gunzipped) file look like; 'text' when nothing else."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if start[:1] in (b"{", b"["):
        return _json_kind(start)
    if _FEED_START.search(start[:2048]) and not _HTML_START.match(start):
        return "feed"
    if _HTML_START.match(start) or len(_HTML_TAGS.findall(start)) >= 3:
        return "html"
    if _XML_DECL.match(start):
        return "feed"
    return "text"


def _json_kind(start: bytes) -> str:
    """'jsonl' when the first line is a whole JSON object and another line follows, else 'json'."""
    if start[:1] == b"[":
        return "json"
    first, newline, rest = start.partition(b"\n")
    if newline and rest.lstrip()[:1] == b"{" and first.rstrip().endswith(b"}"):
        return "jsonl"
    return "json"


def format_suffix(path: Path) -> str:
    """The format suffix, looking through '.gz' ('crawl.warc.gz' -> '.warc')."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in (".gz", ".gzip"):
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def head_bytes(path: Path, limits: Limits | None = None) -> bytes:
    """The first bytes of the file, gunzipped when it is gzip (b'' when unreadable there)."""
    with open_binary(path, limits) as stream:
        try:
            return stream.read(SNIFF_BYTES)
        except (OSError, EOFError, zlib.error, TooLarge):  # a gzip cut or corrupt early on
            return b""
