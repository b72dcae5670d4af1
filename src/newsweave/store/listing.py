"""The story list as a newsroom browses it: filters (outlet, dates, words), a sort, pages.

Kept apart from `query.py` (one story, search, entities) so that the list's filters and sort
orders live in one place: `/` and `/api/stories` both call `list_page`. Every value reaches
SQL as a bound parameter; the sort is chosen from `query.SORTS`, never from the input
("updated": the latest brief version, `store/versions.py`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from newsweave.store.query import SORTS, StoryRow, fts_query, has_versions, story_row

MAX_OUTLETS = 500  # outlets offered in the filter's list (all stay filterable by name)


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """What the reader asked the list for; None means "any"."""

    outlet: str | None = None
    since: date | None = None  # first day wanted (the `from` parameter)
    until: date | None = None  # last day wanted (the `to` parameter)
    words: str | None = None
    sort: str = "newest"

    def as_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "from": self.since.isoformat() if self.since else None,
            "to": self.until.isoformat() if self.until else None,
            "q": self.words,
            "sort": self.sort,
        }


@dataclass(frozen=True, slots=True)
class ListedStory:
    """One line of the home page: the story row, its first summary sentence, and how many of
    its articles name no outlet."""

    row: StoryRow
    summary: str | None
    unnamed: int

    def as_dict(self) -> dict[str, Any]:
        return {**self.row.as_dict(), "summary": self.summary, "unknown_outlets": self.unnamed}


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One page of the filtered list, and where it stands among all pages."""

    stories: tuple[ListedStory, ...]
    total: int
    page: int
    pages: int

    @property
    def out_of_range(self) -> bool:
        return self.page > max(self.pages, 1)


def _where(wanted: StoryFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (with its parameters) that keeps the stories `wanted` asks for."""
    clauses: list[str] = []
    values: list[Any] = []
    if wanted.outlet:
        clauses.append("EXISTS (SELECT 1 FROM json_each(s.outlets) WHERE value = ? COLLATE NOCASE)")
        values.append(wanted.outlet)
    if wanted.since:
        clauses.append("s.newest >= ?")
        values.append(wanted.since.isoformat())
    if wanted.until:
        clauses.append("s.oldest < ?")
        values.append((wanted.until + timedelta(days=1)).isoformat())
    words = fts_query(wanted.words or "")
    if words:
        clauses.append(
            "s.id IN (SELECT sa.story FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
            " JOIN story_articles sa ON sa.article = a.id WHERE articles_fts MATCH ?)"
        )
        values.append(words)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), values


def _versions(connection: sqlite3.Connection) -> tuple[str, str]:
    """The columns and join that give each story its `updated` time and `versions` count
    (NULL and 0 on a store made before brief versions)."""
    if has_versions(connection):
        join = (
            " LEFT JOIN (SELECT story, max(at) AS updated, count(*) AS versions"
            " FROM brief_versions GROUP BY story) v ON v.story = s.id"
        )
        return "v.updated, v.versions", join
    return "NULL AS updated, 0 AS versions", ""


def list_page(
    connection: sqlite3.Connection, wanted: StoryFilter, page: int, size: int
) -> StoryPage:
    """Page `page` (from 1) of the stories `wanted` asks for, `size` a page."""
    where, values = _where(wanted)
    total = int(connection.execute(f"SELECT count(*) FROM stories s{where}", values).fetchone()[0])
    columns, versions = _versions(connection)
    rows = connection.execute(
        f"SELECT s.*, {columns}, json_extract(b.v1, '$.summary[0].text') AS summary,"
        " (SELECT count(*) FROM story_articles sa JOIN articles a ON a.id = sa.article"
        "  WHERE sa.story = s.id AND a.outlet IS NULL"
        "  AND json_extract(a.record, '$.dateline.wire') IS NULL) AS unnamed"
        f" FROM stories s LEFT JOIN briefs b ON b.key = s.key{versions}{where}"
        f" ORDER BY {SORTS.get(wanted.sort, SORTS['newest'])} LIMIT ? OFFSET ?",
        (*values, size, (page - 1) * size),
    ).fetchall()
    stories = tuple(
        ListedStory(story_row(row), row["summary"], int(row["unnamed"])) for row in rows
    )
    return StoryPage(stories, total, page, -(-total // size))


def known_outlets(connection: sqlite3.Connection) -> list[str]:
    """The outlets stories name, most stories first (for the filter's suggestions)."""
    rows = connection.execute(
        "SELECT o.value FROM stories s, json_each(s.outlets) o"
        " GROUP BY o.value ORDER BY count(*) DESC, o.value LIMIT ?",
        (MAX_OUTLETS,),
    )
    return [row[0] for row in rows]
