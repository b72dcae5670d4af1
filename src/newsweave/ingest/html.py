"""HTML pages: trafilatura finds the main text and the page's metadata.

Paragraph breaks are kept as blank lines, the same shape as plain-text articles, so the
cleaner sees one layout whatever the input. Nothing is fetched: trafilatura and htmldate
only ever get the bytes or a parsed tree, never a URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from htmldate import find_date
from lxml import etree

from newsweave.config import settings
from newsweave.ingest.common import EMPTY_FILE, Item, outlet_from_url, read_limited
from newsweave.models import Problem, RawArticle

NO_TEXT = "no article text found in HTML"

_BLOCKS = frozenset(
    {
        *("p", "div", "br", "hr", "li", "ul", "ol", "dd", "dt", "blockquote", "pre", "table"),
        *("tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer"),
        *("figure", "figcaption", "aside"),
    }
)
_SPACES = re.compile(r"[ \t\u00a0]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(\s|$)")


def read_html(path: Path, source: str) -> Iterator[Item]:
    """Yield the page's main text as one RawArticle, or a Problem."""
    data = read_limited(path)
    if not data.strip():
        yield Problem(source, EMPTY_FILE)
        return
    yield html_article(data, source)


def html_article(
    page: bytes | str,
    source: str,
    *,
    url: str | None = None,
    fallback_date: str | None = None,
    fallback_note: str | None = None,
) -> RawArticle | Problem:
    """One page to a RawArticle: main text, title, date, site name and URL.

    `url` (e.g. a WARC record's target) wins over the page's canonical link; `fallback_date`
    is used, with `fallback_note` recorded, when neither trafilatura nor htmldate finds a date.
    """
    document = _extract(page, url)
    if document is None or not _has_prose(document.get("text") or ""):
        return Problem(source, NO_TEXT)
    notes: list[str] = []
    published = document.get("date") or _htmldate(page, url)
    if not published and fallback_date:
        published = fallback_date
        if fallback_note:
            notes.append(fallback_note)
    page_url = url or document.get("url")
    return RawArticle(
        source=source,
        text=_paragraphs(document["text"]),
        title=document.get("title") or None,
        url=page_url or None,
        outlet=document.get("sitename") or outlet_from_url(page_url),
        published=published or None,
        notes=tuple(notes),
    )


def _extract(page: bytes | str, url: str | None) -> dict[str, Any] | None:
    """trafilatura's main text and metadata as a dict (None when it finds nothing)."""
    favor = settings("ingest")["html_favor"]
    document = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=favor == "precision",
        favor_recall=favor == "recall",
    )
    if document is None:
        return None
    fields: dict[str, Any] = document if isinstance(document, dict) else document.as_dict()
    return fields


def _has_prose(text: str) -> bool:
    """True when some line reads as prose: enough words and a sentence end in it.

    trafilatura falls back to whatever text a page has, so an index or error page comes back
    as its menu and headlines; such lines have no full stop.
    """
    min_words = int(settings("ingest")["html_min_sentence_words"])
    return any(
        len(line.split()) >= min_words and _SENTENCE_END.search(line) for line in text.splitlines()
    )


def _htmldate(page: bytes | str, url: str | None) -> str | None:
    """htmldate's guess at the original publication date, offline (it gets a parsed tree)."""
    tree = trafilatura.load_html(page)
    if tree is None:
        return None
    found = find_date(tree, url=url, original_date=True, extensive_search=True)
    return found if isinstance(found, str) else None


def _paragraphs(text: str) -> str:
    """trafilatura's one-line-per-block text as blank-line-separated paragraphs."""
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def fragment_text(fragment: str) -> str:
    """An HTML snippet (a feed item's body) as plain text with paragraph breaks.

    Too short for trafilatura's page heuristics, so block elements simply become breaks;
    scripts and styles are dropped.
    """
    if "<" not in fragment:
        return _paragraphs(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _paragraphs(re.sub(r"<[^>]+>", " ", fragment))
    for element in list(root.iter("script", "style", "noscript")):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    text = root.text_content()
    return _paragraphs("\n".join(_SPACES.sub(" ", line) for line in text.splitlines()))
