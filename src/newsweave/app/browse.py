"""The story list's parameters as the app reads them, and the JSON shapes of the list, the
search results and the entity page.

`/` and `/api/stories` take the same parameters (`outlet`, `from`, `to`, `q`, `sort`, `page`);
FastAPI validates them here (a bad date or sort is a 400 naming the parameter), and the store
(`store.listing`) turns them into bound SQL parameters.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, Query

from newsweave.config import settings
from newsweave.store.listing import StoryFilter, StoryPage
from newsweave.store.mentions import Appearance

_WORDS = settings("server").max_query_chars


def story_filter(
    outlet: Annotated[str | None, Query(max_length=_WORDS)] = None,
    since: Annotated[date | None, Query(alias="from")] = None,
    until: Annotated[date | None, Query(alias="to")] = None,
    q: Annotated[str | None, Query(max_length=_WORDS)] = None,
    sort: Literal["newest", "biggest", "updated"] = "newest",
) -> StoryFilter:
    """The list's filter from the query string (blank fields mean "any")."""
    return StoryFilter(
        outlet=(outlet or "").strip() or None,
        since=since,
        until=until,
        words=(q or "").strip() or None,
        sort=sort,
    )


Wanted = Annotated[StoryFilter, Depends(story_filter)]


def list_url(wanted: StoryFilter, page: int = 1) -> str:
    """The home page's address for this filter at `page` ("/" for all stories, newest first)."""
    values = {key: value for key, value in wanted.as_dict().items() if value}
    if values.get("sort") == "newest":
        del values["sort"]
    if page > 1:
        values["page"] = str(page)
    return "/" + ("?" + urlencode(values) if values else "")


def list_json(found: StoryPage, wanted: StoryFilter) -> dict[str, Any]:
    return {
        "version": 1,
        "total": found.total,
        "page": found.page,
        "pages": found.pages,
        "filter": wanted.as_dict(),
        "stories": [s.as_dict() for s in found.stories],
    }


def search_json(found: dict[str, Any]) -> dict[str, Any]:
    """The search hits as plain JSON: highlighted snippets and quotes become text."""
    return {
        "articles": [
            {
                "article": a.article,
                "story": a.story,
                "title": a.title,
                "outlet": a.outlet,
                "published": a.published,
                "snippet": "".join(text for text, _ in a.snippet),
            }
            for a in found["articles"]
        ],
        "quotes": [
            {
                "text": "".join(text for text, _ in quote.text),
                "speaker": quote.speaker,
                "article": quote.article,
                "story": quote.story,
            }
            for quote in found["quotes"]
        ],
        "entities": found["entities"],
    }


def appearances_json(items: list[Appearance]) -> list[dict[str, Any]]:
    return [item.as_dict() for item in items]
