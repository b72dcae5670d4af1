"""A feed item that carries only a blurb gets its article page, read as the HTML reader reads
a page (trafilatura), where robots.txt allows it.

The item keeps what the feed said of it (URL, outlet, title, date, guid); the page gives the
text, and the title or date only where the feed had none. A page that cannot be had (robots.txt,
an error, no article text in it) leaves the item with its blurb and a note saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from newsweave.models import Problem, RawArticle
from newsweave.readers import Limits
from newsweave.readers.html import html_article
from newsweave.watch.fetch import Fetcher, FetchError
from newsweave.watch.sources import url_problem


def is_blurb(raw: RawArticle, blurb_words: int) -> bool:
    """True for an item whose text is shorter than `blurb_words` words and that links a page."""
    return bool(raw.url) and len(raw.text.split()) < blurb_words


def with_page(
    raw: RawArticle,
    fetcher: Fetcher,
    limits: Limits,
    on_problem: Callable[[Problem], None],
) -> tuple[RawArticle, bool]:
    """The item with its page's text, or with its blurb and a note; (item, page was used)."""
    assert raw.url is not None
    page = _page(raw.url, fetcher, limits)
    if isinstance(page, str):
        on_problem(Problem(raw.url, f"page not fetched ({page}); the feed's blurb is kept"))
        return replace(raw, notes=(*raw.notes, f"only the feed's blurb: {page}")), False
    note = f"text from the item's page; the feed ({raw.source}) had a blurb only"
    return (
        RawArticle(
            source=page.source,
            text=page.text,
            record_id=raw.record_id,
            title=raw.title or page.title,
            url=raw.url,
            outlet=raw.outlet or page.outlet,
            published=raw.published or page.published,
            notes=(*raw.notes, *page.notes, note),
        ),
        True,
    )


def _page(url: str, fetcher: Fetcher, limits: Limits) -> RawArticle | str:
    """The page at `url` as the HTML reader reads it, or why it could not be had."""
    refused = url_problem(url)
    if refused:
        return refused
    allowed, why_not = fetcher.allowed(url)
    if not allowed:
        return why_not
    try:
        answer = fetcher.get(url, limits.max_html_bytes)
    except FetchError as error:
        return str(error)
    page = html_article(answer.body, answer.url, limits=limits, url=answer.url)
    if isinstance(page, Problem):
        return page.reason
    return page
