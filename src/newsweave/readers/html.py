"""HTML pages: trafilatura finds the main text and the page's metadata.

Paragraph breaks are kept as blank lines, the same shape as plain-text articles, so the
cleaner sees one layout whatever the input. Nothing is fetched: trafilatura and htmldate
only ever get the bytes or a parsed tree, never a URL. A page over `max_html_bytes`, or nested
deeper than `max_html_depth` (a cheap tag scan decides, before any parser sees it), is refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from htmldate import find_date
from lxml import etree

from newsweave.config import settings
from newsweave.models import Problem, RawArticle
from newsweave.readers.common import EMPTY_FILE, Item, Limits, mojibake_repaired, read_limited
from newsweave.readers.titles import plain_title
from newsweave.text.outlets import host

NO_TEXT = "no article text found in HTML"

_BLOCKS = frozenset(
    {
        *("p", "div", "br", "hr", "li", "ul", "ol", "dd", "dt", "blockquote", "pre", "table"),
        *("tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer"),
        *("figure", "figcaption", "aside"),
    }
)
_SPACES = re.compile(r"[ \t\u00a0]+")
# A sentence end: closing quotes of English, German („…“) and French (« … ») included.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’“»«›)\]]*(\s|$)|[。！？।]")
# Scripts written without spaces between words: two characters count as one word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
# A start or end tag; the attribute run is bounded and stops at '<', so a page of '<' without
# '>' is scanned in linear time.
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})[^<>]{0,4000}?(/?)>")
# Elements whose content is text, not markup, to a parser.
_RAW_TEXT = frozenset({b"script", b"style", b"textarea", b"title", b"xmp", b"noscript"})
# Tags that never nest: void elements, and those a parser closes when a sibling opens.
_FLAT_TAGS = frozenset(
    {
        *(b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta"),
        *(b"param", b"source", b"track", b"wbr", b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th"),
        *(b"option", b"optgroup", b"thead", b"tbody", b"tfoot", b"colgroup", b"rp", b"rt"),
    }
)


def read_html(path: Path, source: str, limits: Limits) -> Iterator[Item]:
    """Yield the page's main text as one RawArticle, or a Problem."""
    data = read_limited(path, limits, min(limits.max_file_bytes, limits.max_html_bytes))
    if not data.strip():
        yield Problem(source, EMPTY_FILE)
        return
    yield html_article(data, source, limits=limits)


def html_article(
    page: bytes | str,
    source: str,
    *,
    limits: Limits | None = None,
    url: str | None = None,
    fallback_date: str | None = None,
    fallback_note: str | None = None,
) -> RawArticle | Problem:
    """One page to a RawArticle: main text, title, date, site name and URL.

    `url` (e.g. a WARC record's target) wins over the page's canonical link; `fallback_date`
    is used, with `fallback_note` recorded, when neither trafilatura nor htmldate finds a date.
    """
    refused = _refusal(page, limits or Limits.from_settings())
    if refused:
        return Problem(source, refused)
    document = _extract(page, url) or {}
    text, how = main_text(page, url, document)
    if text is None:
        return Problem(source, NO_TEXT)
    notes = [how] if how else []
    published = document.get("date") or _htmldate(page, url)
    if not published and fallback_date:
        published = fallback_date
        if fallback_note:
            notes.append(fallback_note)
    page_url = url or document.get("url")
    raw = RawArticle(
        source=source,
        text=_paragraphs(text),
        title=plain_title(document.get("title")),
        url=page_url or None,
        outlet=document.get("sitename") or host(page_url),
        published=published or None,
        notes=tuple(notes),
    )
    return mojibake_repaired(raw)


def _refusal(page: bytes | str, limits: Limits) -> str | None:
    """Why the page is not given to the parsers (too big, nested too deep), or None."""
    data = page.encode("utf-8", "replace") if isinstance(page, str) else page
    if len(data) > limits.max_html_bytes:
        return (
            f"HTML page is larger than {limits.max_html_bytes} bytes (limit: ingest.max_html_bytes)"
        )
    if nesting_deeper_than(data, limits.max_html_depth):
        return (
            f"HTML is nested more than {limits.max_html_depth} elements deep "
            "(limit: ingest.max_html_depth)"
        )
    return None


def nesting_deeper_than(page: bytes, limit: int) -> bool:
    """True when the elements open at some point of the page exceed `limit`.

    A scan of tag names only, no tree, that closes as a parser does: an end tag closes the
    innermost open element of its name and every element left open inside it (an unclosed
    <span> or <font> in a <div> ends with the div); an end tag with no open element of its
    name is ignored, and the text of a script or style is not markup. Void elements and tags
    that a sibling closes (p, li, td...) do not count, so sloppy but ordinary markup stays far
    below any sensible limit.
    """
    page = page.lower()
    stack: list[bytes] = []
    open_count: dict[bytes, int] = {}
    position = 0
    while match := _TAG.search(page, position):
        closing, name, self_closing = match.groups()
        position = match.end()
        if name in _RAW_TEXT and not closing and not self_closing:
            end = page.find(b"</" + name, position)
            position = len(page) if end < 0 else end
            continue
        if name in _FLAT_TAGS or self_closing:
            continue
        if not closing:
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            if len(stack) > limit:
                return True
        elif open_count.get(name):
            while (closed := stack.pop()) != name:
                open_count[closed] -= 1
            open_count[name] -= 1
    return False


def main_text(
    page: bytes | str, url: str | None, document: dict[str, Any]
) -> tuple[str | None, str | None]:
    """The page's main text and, when a fallback found it, a note naming that fallback.

    `document` is the configured extraction (`[ingest] html_favor`). When none of its lines
    reads as prose, trafilatura's other modes, then its baseline (JSON-LD articleBody, else the
    page's paragraphs) and html2txt (all the page's text) are tried in turn, and the first
    whose text reads as prose is kept. When none does, the text of the first trafilatura mode
    that found a main text is kept, and the note says so: a page that trafilatura extracts
    never gives nothing. (None, None) when no mode finds a main text and neither fallback
    finds prose (a page of links alone).
    """
    favor = settings("ingest").html_favor
    first = document.get("text") or ""
    if _has_prose(first):
        return first, None
    found = [(first, f"{favor} mode")]
    for name, extract in _FALLBACKS:
        if name == f"{favor} mode":
            continue
        text = extract(page, url)
        if text and _has_prose(text):
            return text, f"html: main text found by trafilatura's {name} fallback ({favor} mode "
            "found no line that reads as prose)"
        if text and name.endswith("mode"):
            found.append((text, name))
    least = settings("ingest").html_min_words_without_prose
    found = [(text, name) for text, name in found if len(_words(text)) >= least]
    if not found:
        return None, None
    text, name = found[0]
    return text, f"html: no line of the page reads as prose; kept the text of trafilatura's {name}"


def _mode(favor: str) -> Callable[[bytes | str, str | None], str | None]:
    def extract(page: bytes | str, url: str | None) -> str | None:
        document = _extract(page, url, favor)
        return document.get("text") if document else None

    return extract


def _baseline(page: bytes | str, url: str | None) -> str | None:
    return trafilatura.baseline(page)[1]


def _html2txt(page: bytes | str, url: str | None) -> str | None:
    return trafilatura.html2txt(page)


_FALLBACKS: tuple[tuple[str, Callable[[bytes | str, str | None], str | None]], ...] = (
    ("precision mode", _mode("precision")),
    ("recall mode", _mode("recall")),
    ("balanced mode", _mode("balanced")),
    ("baseline", _baseline),
    ("html2txt", _html2txt),
)


def _extract(page: bytes | str, url: str | None, favor: str | None = None) -> dict[str, Any] | None:
    """trafilatura's main text and metadata as a dict (None when it finds nothing).

    `favor` is "precision", "recall" or "balanced"; by default `[ingest] html_favor`.
    """
    favor = favor or settings("ingest").html_favor
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
    as its menu and headlines; such lines have no full stop. Chinese or Japanese words are not
    spaced: there two characters count as a word; 。！？ and the danda । end sentences too.
    """
    min_words = settings("ingest").html_min_sentence_words
    return any(
        len(_words(line)) >= min_words and _SENTENCE_END.search(line) for line in text.splitlines()
    )


def _words(text: str) -> list[str]:
    """The words of `text`: spaced words, and each two unspaced (Chinese, Japanese) characters
    as one."""
    spaced = _UNSPACED.sub(" ", text).split()
    unspaced = _UNSPACED.findall(text)
    return spaced + ["".join(unspaced[i : i + 2]) for i in range(0, len(unspaced), 2)]


def _htmldate(page: bytes | str, url: str | None) -> str | None:
    """htmldate's guess at the original publication date, offline (it gets a parsed tree)."""
    tree = trafilatura.load_html(page)
    if tree is None:
        return None
    found = find_date(tree, url=url, original_date=True, extensive_search=True)
    return found if isinstance(found, str) else None


def _paragraphs(text: str) -> str:
    """trafilatura's one-line-per-block text as blank-line-separated paragraphs, in NFC (a page
    may spell "ü" as "u" and a combining mark, which no search for "ü" finds)."""
    lines = (line.strip() for line in unicodedata.normalize("NFC", text).splitlines())
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
