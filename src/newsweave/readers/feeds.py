"""RSS and Atom feeds: one article per item, read with feedparser's lenient parser.

Real feeds are often ill-formed (bytes before the XML declaration, an undeclared latin-1
encoding); what feedparser recovers is kept, with a note saying so. A document whose DOCTYPE
declares entities is refused before parsing, as a guard against entity expansion attacks
("billion laughs", quadratic blowup) and external entities (XXE): news feeds have no need for
them. Two guards stand in front of feedparser: a byte scan for entity declarations (any
encoding, ill-formed XML too), then defusedxml's SAX parser with every entity declaration
forbidden. feedparser itself never loads external entities or DTDs.
"""

from __future__ import annotations

import io
import re
import xml.sax
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import defusedxml
import defusedxml.sax
import feedparser

from newsweave.models import Problem, RawArticle
from newsweave.readers.common import EMPTY_FILE, Item, Limits, mojibake_repaired, read_limited
from newsweave.readers.html import fragment_text
from newsweave.readers.titles import plain_title
from newsweave.text.outlets import host

ENTITIES_REFUSED = "XML DOCTYPE declares entities (refused: entity expansion guard)"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_ENTITY = re.compile(rb"<!ENTITY", re.I)


def read_feed(path: Path, source: str, limits: Limits) -> Iterator[Item]:
    """Yield one RawArticle per feed item (`feed.xml#3`), or a Problem per unreadable item."""
    data = read_limited(path, limits)
    if not data.strip():
        yield Problem(source, EMPTY_FILE)
        return
    refused = ENTITIES_REFUSED if declares_entities(data) else defused_refusal(data)
    if refused:
        yield Problem(source, refused)
        return
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    if not parsed.entries:
        reason = parsed.get("bozo_exception") if parsed.bozo else None
        yield Problem(source, f"not a readable feed: {reason}" if reason else "feed has no items")
        return
    notes: tuple[str, ...] = ()
    if parsed.bozo:
        reason = parsed.get("bozo_exception")
        notes = (f"feed was not well-formed XML; recovered leniently: {reason}",)
    outlet = _feed_outlet(parsed.feed)
    for number, entry in enumerate(parsed.entries, start=1):
        yield _item(entry, f"{source}#{number}", number, outlet, notes)


def declares_entities(data: bytes) -> bool:
    """True when an XML document has a DOCTYPE with entity declarations (any encoding)."""
    flat = data.replace(b"\x00", b"")  # UTF-16 reads as ASCII once its NULs are gone
    return bool(_DOCTYPE.search(flat) and _ENTITY.search(flat))


def defused_refusal(data: bytes) -> str | None:
    """Why defusedxml refuses the document (any entity declaration), or None.

    An external DTD reference alone (RSS 0.91's Netscape DOCTYPE) is allowed: neither expat
    nor feedparser ever loads it, and every entity declaration, internal or external (XXE),
    is refused. Ill-formed XML is not refused here: feedparser's lenient parser may still
    recover it, and it never expands declared entities or fetches anything.
    """
    try:
        defusedxml.sax.parseString(
            data, xml.sax.handler.ContentHandler(), forbid_entities=True, forbid_external=False
        )
    except defusedxml.DefusedXmlException as error:
        return f"XML refused by the entity guard ({type(error).__name__}: {error})"
    except (xml.sax.SAXException, ValueError):
        return None
    return None


def _item(
    entry: Any, place: str, number: int, outlet: str | None, notes: tuple[str, ...]
) -> RawArticle | Problem:
    """One feed item: its full content where the feed has it, else its summary."""
    text = fragment_text(_body(entry))
    if not text.strip():
        return Problem(place, f"item {number}: no text (neither content nor description)")
    link = entry.get("link") or None
    source_title = (entry.get("source") or {}).get("title")
    raw = RawArticle(
        source=place,
        text=text,
        record_id=entry.get("id") or None,
        title=plain_title(entry.get("title")),
        url=link,
        outlet=source_title or outlet or host(link),
        published=entry.get("published") or entry.get("updated") or None,
        notes=notes,
    )
    return mojibake_repaired(raw)


def _body(entry: Any) -> str:
    """The item's longest full content (content:encoded, atom:content), else its summary."""
    contents = [str(part.get("value") or "") for part in entry.get("content") or []]
    best = max(contents, key=len, default="")
    return best if best.strip() else str(entry.get("summary") or "")


def _feed_outlet(feed: Any) -> str | None:
    """The outlet a feed speaks for: its title, else its link's domain."""
    title = (feed.get("title") or "").strip()
    return title or host(feed.get("link"))
