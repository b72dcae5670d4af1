"""The feeds to follow: a text file of URLs (one a line, `#` comments) or an OPML file.

OPML (what feed readers export) is XML, parsed with defusedxml: a document that declares
entities or names an external DTD is refused, as feeds are. Every feed URL must be http or
https; anything else (a `file:` URL, a bare word) is named and left out.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree

from newsweave.errors import ConfigError
from newsweave.models import Problem

# The most bytes of a sources file that are read: a list of feeds is small.
MAX_SOURCES_BYTES = 5_000_000


def read_sources(path: Path) -> tuple[list[str], list[Problem]]:
    """The feed URLs in `path`, in order and without repeats, and a Problem per line or
    outline left out. ConfigError when the file cannot be read or names no feed at all."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SOURCES_BYTES + 1)
    except OSError as error:
        shown = error.strerror or error
        raise ConfigError(f"{path}: cannot read the feed list ({shown})") from None
    if len(data) > MAX_SOURCES_BYTES:
        raise ConfigError(f"{path}: a feed list larger than {MAX_SOURCES_BYTES} bytes")
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    places = _opml_urls(text, path) if _is_opml(text) else _text_urls(text, path)
    urls: list[str] = []
    problems: list[Problem] = []
    for place, url in places:
        reason = url_problem(url)
        if reason:
            problems.append(Problem(place, reason))
        elif url not in urls:
            urls.append(url)
    if not urls:
        raise ConfigError(
            f"{path}: no feed URL found (one http(s) URL a line, or an OPML file of outlines "
            "with xmlUrl)"
        )
    return urls, problems


def url_problem(url: str) -> str | None:
    """Why `url` cannot be fetched as a feed (not http/https, no host), or None."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return f"not an http(s) URL: {url[:200]!r}"
    if not parts.hostname:
        return f"URL has no host: {url[:200]!r}"
    return None


def _is_opml(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith("<") and "<opml" in head


def _text_urls(text: str, path: Path) -> list[tuple[str, str]]:
    """(place, URL) for each line that is not blank or a `#` comment."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            found.append((f"{path}:{number}", line))
    return found


def _opml_urls(text: str, path: Path) -> list[tuple[str, str]]:
    """(place, xmlUrl) for each outline that has one, at any depth (folders nest them)."""
    try:
        root = defusedxml.ElementTree.fromstring(text, forbid_dtd=True)
    except (ParseError, defusedxml.DefusedXmlException) as error:
        raise ConfigError(f"{path}: not a readable OPML file ({error})") from None
    found = []
    for number, outline in enumerate(root.iter("outline"), start=1):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            found.append((f"{path}#outline{number}", url))
    return found
