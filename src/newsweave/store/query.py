"""Reading the store: the story list, one story's brief, full-text search, entity pages.

Every function takes an open connection (the web app's is read-only) and returns plain
records; nothing here writes. User input reaches SQL only as bound parameters, and search
words reach FTS5 only as quoted terms (`fts_query`), so no input is ever read as syntax.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from newsweave.models import Article, Brief, Story
from newsweave.store.schema import from_plain

MARK_START, MARK_END = "\x02", "\x03"
WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One line of the story list."""

    id: str
    headline: str
    size: int
    newest: str | None
    oldest: str | None
    outlets: tuple[str, ...]
    updated: str | None = None  # UTC time of the brief's latest version (store/versions.py)
    versions: int = 0  # more than one: the story grew since it was first briefed

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "articles": self.size,
            "newest": self.newest,
            "oldest": self.oldest,
            "outlets": list(self.outlets),
            "updated": self.updated,
            "versions": self.versions,
        }


Snippet = tuple[tuple[str, bool], ...]  # pieces of text, each marked as a search hit or not


@dataclass(frozen=True, slots=True)
class ArticleHit:
    article: str
    story: str | None
    title: str | None
    outlet: str | None
    published: str | None
    snippet: Snippet
    source: str | None = None  # the file (and record) read: shown when no outlet is known


@dataclass(frozen=True, slots=True)
class QuoteHit:
    text: Snippet
    speaker: str | None
    article: str
    story: str | None
    headline: str | None = None  # the story's
    outlet: str | None = None
    published: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class EntityPage:
    name: str
    type: str
    aliases: tuple[str, ...]
    stories: tuple[StoryRow, ...]
    quotes: tuple[QuoteHit, ...]


def story_row(row: sqlite3.Row) -> StoryRow:
    """A row of the stories table as a StoryRow (the list, entity pages and the app's browsing
    all read it so)."""
    columns = row.keys()  # (`in row` would look among the values)
    versioned = "updated" in columns
    return StoryRow(
        id=row["id"],
        headline=row["headline"],
        size=row["size"],
        newest=row["newest"],
        oldest=row["oldest"],
        outlets=tuple(json.loads(row["outlets"])),
        updated=row["updated"] if versioned else None,
        versions=(row["versions"] or 0) if versioned else 0,
    )


SORTS = {  # sort=NAME of the story list -> its ORDER BY
    "newest": "s.newest IS NULL, s.newest DESC, s.size DESC, s.id",
    "biggest": "s.size DESC, s.newest IS NULL, s.newest DESC, s.id",
    "updated": "updated IS NULL, updated DESC, s.newest IS NULL, s.newest DESC, s.id",
}


def has_versions(connection: sqlite3.Connection) -> bool:
    """Whether the store has its versions table (a store made before versions has not)."""
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'brief_versions'"
    ).fetchone()
    return found is not None


def list_stories(
    connection: sqlite3.Connection, limit: int, offset: int = 0, sort: str = "newest"
) -> list[StoryRow]:
    """Stories in `sort` order (`SORTS`): newest first (undated last), then biggest; or
    biggest first; or most recently updated (a new version of the brief) first."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    if has_versions(connection):
        versions = (
            " LEFT JOIN (SELECT story, max(at) AS updated, count(*) AS versions"
            " FROM brief_versions GROUP BY story) v ON v.story = s.id"
        )
        columns = "s.*, v.updated, v.versions"
    else:  # a store made before versions, not ingested into since
        versions, columns = "", "s.*, NULL AS updated, 0 AS versions"
    rows = connection.execute(
        f"SELECT {columns} FROM stories s{versions} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [story_row(row) for row in rows]


def count_stories(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT count(*) FROM stories").fetchone()[0])


def resolve_story(connection: sqlite3.Connection, story_id: str) -> str | None:
    """The current id for `story_id`: itself, the story it was merged into, or None."""
    for _ in range(16):  # alias chains are short; the bound guards against a cycle
        if connection.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone():
            return story_id
        found = connection.execute(
            "SELECT story FROM story_aliases WHERE old = ?", (story_id,)
        ).fetchone()
        if found is None:
            return None
        story_id = found[0]
    return None


def load_story(connection: sqlite3.Connection, story_id: str) -> Story | None:
    """The story with its articles (repost marks as last grouped), or None."""
    rows = connection.execute(
        "SELECT a.record, a.duplicate_of FROM story_articles s JOIN articles a ON a.id = s.article"
        " WHERE s.story = ? ORDER BY s.position",
        (story_id,),
    ).fetchall()
    if not rows:
        return None
    articles = tuple(
        replace(from_plain(Article, json.loads(record)), duplicate_of=duplicate_of)
        for record, duplicate_of in rows
    )
    return Story(id=story_id, articles=articles)


def load_brief(connection: sqlite3.Connection, story_id: str) -> Brief | None:
    """The story's brief; a brief naming only the story while it is still being briefed."""
    story = load_story(connection, story_id)
    if story is None:
        return None
    found = connection.execute(
        "SELECT b.record FROM stories s JOIN briefs b ON b.key = s.key WHERE s.id = ?",
        (story_id,),
    ).fetchone()
    if found is None:
        from newsweave.pipeline import story_only_brief

        return story_only_brief(story)
    return replace(from_plain(Brief, json.loads(found[0])), story=story)


def story_v1(connection: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """The story in the JSON v1 shape, as stored at briefing (None if not briefed yet)."""
    found = connection.execute(
        "SELECT b.v1 FROM stories s JOIN briefs b ON b.key = s.key WHERE s.id = ?", (story_id,)
    ).fetchone()
    if found is None:
        return None
    story: dict[str, Any] = json.loads(found[0])
    story["id"] = story_id
    return story


# -- search ----------------------------------------------------------------------------------


def fts_query(text: str) -> str | None:
    """User words as an FTS5 query that can only mean "all these words": each word a quoted
    term (quotes doubled), operators and punctuation dropped. None when no word is left."""
    words = WORD.findall(text)[:MAX_TERMS]
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _snippet(marked: str) -> Snippet:
    """FTS5's marked-up text as pieces (text, is_hit), to be escaped by the template."""
    pieces: list[tuple[str, bool]] = []
    for part in marked.split(MARK_START):
        hit, _, rest = part.partition(MARK_END) if MARK_END in part else ("", "", part)
        if hit:
            pieces.append((hit, True))
        if rest:
            pieces.append((rest, False))
    return tuple(pieces)


def search_articles(connection: sqlite3.Connection, text: str, limit: int) -> list[ArticleHit]:
    query = fts_query(text)
    if query is None:
        return []
    rows = connection.execute(
        "SELECT a.id, coalesce(a.title, s.headline),"
        " coalesce(a.outlet, json_extract(a.record, '$.dateline.wire')), a.published, sa.story,"
        f" snippet(articles_fts, 1, '{MARK_START}', '{MARK_END}', '…', 24) AS snip,"
        " json_extract(a.record, '$.source')"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " LEFT JOIN story_articles sa ON sa.article = a.id LEFT JOIN stories s ON s.id = sa.story"
        " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
        (query, limit),
    )
    return [
        ArticleHit(row[0], row[4], row[1], row[2], row[3], _snippet(row[5]), row[6]) for row in rows
    ]


def search_quotes(connection: sqlite3.Connection, text: str, limit: int) -> list[QuoteHit]:
    query = fts_query(text)
    if query is None:
        return []
    rows = connection.execute(
        "SELECT q.speaker, q.article, s.id,"
        f" highlight(quotes_fts, 0, '{MARK_START}', '{MARK_END}'),"
        " s.headline, coalesce(a.outlet, json_extract(a.record, '$.dateline.wire')),"
        " a.published, json_extract(a.record, '$.source')"
        " FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid"
        " LEFT JOIN stories s ON s.key = q.brief LEFT JOIN articles a ON a.id = q.article"
        " WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?",
        (query, limit),
    )
    return [QuoteHit(_snippet(row[3]), row[0], row[1], row[2], *row[4:8]) for row in rows]


def search_entities(connection: sqlite3.Connection, text: str, limit: int) -> list[str]:
    """Names of people, places and organisations containing every search word."""
    words = WORD.findall(text)[:MAX_TERMS]
    if not words:
        return []
    clause = " AND ".join(["name LIKE ? ESCAPE '\\'"] * len(words))
    patterns = ["%" + re.sub(r"([%_\\])", r"\\\1", word) + "%" for word in words]
    rows = connection.execute(
        f"SELECT name FROM entities WHERE {clause} GROUP BY name COLLATE NOCASE"
        " ORDER BY sum(mentions) DESC LIMIT ?",
        (*patterns, limit),
    )
    return [row[0] for row in rows]


def entity_page(connection: sqlite3.Connection, name: str, limit: int) -> EntityPage | None:
    """Every story that names this entity and every quote attributed to it."""
    rows = connection.execute(
        "SELECT e.name, e.type, e.aliases, s.* FROM entities e JOIN stories s ON s.key = e.brief"
        " WHERE e.name = ? COLLATE NOCASE"
        " ORDER BY s.newest IS NULL, s.newest DESC, s.size DESC LIMIT ?",
        (name, limit),
    ).fetchall()
    quotes = connection.execute(
        "SELECT q.text, q.speaker, q.article, s.id FROM quotes q"
        " JOIN stories s ON s.key = q.brief WHERE q.speaker = ? COLLATE NOCASE LIMIT ?",
        (name, limit),
    ).fetchall()
    if not rows and not quotes:
        return None
    aliases: dict[str, None] = {}
    for row in rows:
        aliases.update(dict.fromkeys(json.loads(row["aliases"])))
    return EntityPage(
        name=rows[0]["name"] if rows else quotes[0][1],
        type=rows[0]["type"] if rows else "",
        aliases=tuple(aliases),
        stories=tuple(story_row(row) for row in rows),
        quotes=tuple(QuoteHit(((q[0], False),), q[1], q[2], q[3]) for q in quotes),
    )
