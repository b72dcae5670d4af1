"""What `ingest` keeps so that new articles are placed without grouping the store again.

Three tables beside the store's own (made by `ensure_index`, so an older store gains them on
its next ingest, which then groups it once, whole, to fill them):

    article_terms     per article: its compact grouping term counts (`grouping.Compact`: ids
                      and counts as little-endian arrays, terms per view) and publication time
                      (ISO, with its zone as read: grouping compares times as the article has
                      them); ~3 KB an article
    grouping_terms    document frequency of each term id over every stored article (only the
                      ids some article has); `meta` 'grouping_documents' counts the articles
    grouping_postings blocking's inverted index (`grouping.blocking`): per heavy term id, the
                      ids of the `posting_stories` stories that used it last, oldest first
                      (JSON); an id merged away is read through `story_aliases`
    story_sums        per story: its members' summed views as grouping keeps them
                      (`grouping.placement.Sums`: ids as little-endian int32, sums as float64)
                      and its first and last publication time, and how many articles the
                      store held when they were weighed (`documents`: their idf's); written
                      with the story's row, so placing a new article reads a candidate
                      story's sums, not its members (a store made before them gets every
                      story's once, `fill_sums`; meta 'story_sums' says it has them)

(Stores made before 2026-12-07 also hold `settled_articles`, marks no ingest reads now.)

Everything here is read and written by term, article or story id, for the new articles' terms
and their candidate stories only: one ingest's cost follows its new articles, not the store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.grouping import Compact
from newsweave.grouping.placement import Sums

INDEX_SCHEMA = """
CREATE TABLE IF NOT EXISTS article_terms (
    article TEXT PRIMARY KEY, ids BLOB NOT NULL, counts BLOB NOT NULL,
    lengths TEXT NOT NULL, published TEXT
);
CREATE TABLE IF NOT EXISTS grouping_terms (id INTEGER PRIMARY KEY, documents INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS grouping_postings (term INTEGER PRIMARY KEY, stories TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_sums (
    story TEXT PRIMARY KEY, ids BLOB NOT NULL, sums BLOB NOT NULL, first TEXT, last TEXT,
    documents INTEGER
);
"""
INDEX_VERSION = "1"  # meta 'grouping_index': the store's stories match these tables
SUMS_VERSION = "1"  # meta 'story_sums': every story has its row in story_sums
# (story, article id, duplicate_of, published) of a stored story's member
Member = tuple[str, str, str | None, datetime | None]
_CHUNK = 500  # ids per `IN (...)` query (SQLite allows 32,766 variables; smaller plans faster)


def ensure_index(connection: sqlite3.Connection) -> bool:
    """Make the index tables if missing; True when they describe the stored stories.

    False for a new store or one made before the index: its next grouping is a whole one.
    """
    connection.executescript(INDEX_SCHEMA)
    columns = {str(row[1]) for row in connection.execute("PRAGMA table_info(story_sums)")}
    if "documents" not in columns:  # sums kept before their weighing was: NULL, not known
        connection.execute("ALTER TABLE story_sums ADD COLUMN documents INTEGER")
    found = connection.execute("SELECT value FROM meta WHERE key = 'grouping_index'").fetchone()
    return found is not None and found[0] == INDEX_VERSION


def clear_index(connection: sqlite3.Connection) -> None:
    """Empty the index (in the caller's transaction), before a whole grouping fills it again."""
    tables = ("article_terms", "grouping_terms", "grouping_postings", "story_sums")
    for table in tables:
        connection.execute(f"DELETE FROM {table}")
    connection.execute(
        "DELETE FROM meta WHERE key IN ('grouping_index', 'grouping_documents', 'story_sums')"
    )


def mark_index(connection: sqlite3.Connection, documents: int) -> None:
    """Record that the index (story sums included) describes the stored stories, over
    `documents` articles."""
    connection.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [
            ("grouping_index", INDEX_VERSION),
            ("grouping_documents", str(documents)),
            ("story_sums", SUMS_VERSION),
        ],
    )


def has_sums(connection: sqlite3.Connection) -> bool:
    """Whether every story has its sums (False for a store indexed before they were kept)."""
    found = connection.execute("SELECT value FROM meta WHERE key = 'story_sums'").fetchone()
    return found is not None and found[0] == SUMS_VERSION


def documents(connection: sqlite3.Connection) -> int:
    """How many articles the document frequencies count."""
    found = connection.execute("SELECT value FROM meta WHERE key = 'grouping_documents'")
    row = found.fetchone()
    return int(row[0]) if row else 0


def _chunks(items: Sequence[object]) -> Iterator[Sequence[object]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def rows_in(
    connection: sqlite3.Connection, query: str, keys: Iterable[object]
) -> Iterator[tuple[Any, ...]]:
    """`query` (with one `{marks}` for the IN list) over `keys`, a chunk at a time."""
    unique = sorted(set(keys))  # type: ignore[type-var]
    for chunk in _chunks(unique):
        marks = ",".join("?" * len(chunk))
        yield from connection.execute(query.format(marks=marks), tuple(chunk))


# -- document frequencies --------------------------------------------------------------------


def frequencies(
    connection: sqlite3.Connection, ids: NDArray[np.intp], into: NDArray[np.int32]
) -> None:
    """Set the stored document frequencies of `ids` in `into` (a dense array by term id; an
    id no stored article has is set to 0): only the ids asked are ever looked up."""
    into[ids] = 0
    query = "SELECT id, documents FROM grouping_terms WHERE id IN ({marks})"
    found = np.array(list(rows_in(connection, query, ids.tolist())), dtype=np.int64)
    if len(found):
        into[found[:, 0]] = found[:, 1]


def add_frequencies(connection: sqlite3.Connection, compacts: Sequence[Compact]) -> None:
    """Count each of `compacts` as one more document of every term id it has."""
    added: dict[int, int] = {}
    for item in compacts:
        for term in np.unique(item.ids).tolist():
            added[term] = added.get(term, 0) + 1
    connection.executemany(
        "INSERT INTO grouping_terms (id, documents) VALUES (?, ?)"
        " ON CONFLICT (id) DO UPDATE SET documents = documents + excluded.documents",
        sorted(added.items()),
    )


# -- article terms ---------------------------------------------------------------------------


def save_terms(
    connection: sqlite3.Connection, rows: Iterable[tuple[str, Compact, datetime | None]]
) -> None:
    """Keep each article's compact counts and publication time."""
    connection.executemany(
        "INSERT OR REPLACE INTO article_terms (article, ids, counts, lengths, published)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (
                article,
                item.ids.astype("<i4").tobytes(),
                item.counts.astype("<f4").tobytes(),
                json.dumps(list(item.lengths)),
                published.isoformat() if published else None,
            )
            for article, item, published in rows
        ],
    )


def load_members(connection: sqlite3.Connection, stories: Iterable[str]) -> list[Member]:
    """(story, article id, duplicate_of, published) of every member of `stories`, each
    story's members in their stored order (no term counts: see `load_terms`)."""
    query = (
        "SELECT sa.story, sa.position, a.id, a.duplicate_of, t.published"
        " FROM story_articles sa JOIN articles a ON a.id = sa.article"
        " JOIN article_terms t ON t.article = a.id WHERE sa.story IN ({marks})"
    )
    rows = sorted(rows_in(connection, query, stories), key=lambda r: (str(r[0]), r[1]))
    return [
        (
            str(story),
            str(article),
            None if original is None else str(original),
            _time(published),
        )
        for story, _, article, original, published in rows
    ]


def load_terms(connection: sqlite3.Connection, articles: Iterable[str]) -> dict[str, Compact]:
    """The stored compact counts of `articles`, by id."""
    query = "SELECT article, ids, counts, lengths FROM article_terms WHERE article IN ({marks})"
    rows = rows_in(connection, query, articles)
    return {
        str(article): Compact(_ints(ids), _array(counts, "<f4", np.float32), _lengths(lengths))
        for article, ids, counts, lengths in rows
    }


def _ints(blob: bytes) -> NDArray[np.int32]:
    return np.frombuffer(blob, dtype="<i4").astype(np.int32)


def _array(blob: bytes, stored: str, kind: type[Any]) -> NDArray[Any]:
    return np.frombuffer(blob, dtype=stored).astype(kind)


def _lengths(text: str) -> tuple[int, ...]:
    return tuple(json.loads(str(text)))


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(str(text))


# -- story sums ------------------------------------------------------------------------------


def save_sums(connection: sqlite3.Connection, rows: Iterable[tuple[str, Sums, int]]) -> None:
    """Keep each story's sums (replacing what it had), and how many articles the store held
    when they were weighed (`load_weighed`)."""
    connection.executemany(
        "INSERT OR REPLACE INTO story_sums (story, ids, sums, first, last, documents)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                story,
                sums.ids.astype("<i4").tobytes(),
                sums.values.astype("<f8").tobytes(),
                sums.first.isoformat() if sums.first else None,
                sums.last.isoformat() if sums.last else None,
                documents,
            )
            for story, sums, documents in rows
        ],
    )


def load_sums(connection: sqlite3.Connection, stories: Iterable[str]) -> dict[str, Sums]:
    """The stored sums of `stories`, by story id (a story without a row is left out)."""
    query = "SELECT story, ids, sums, first, last FROM story_sums WHERE story IN ({marks})"
    rows = rows_in(connection, query, stories)
    return {
        str(story): Sums(_ints(ids), _array(sums, "<f8", np.float64), _time(first), _time(last))
        for story, ids, sums, first, last in rows
    }


def load_weighed(connection: sqlite3.Connection, stories: Iterable[str]) -> dict[str, int]:
    """How many articles the store held when the sums of `stories` were weighed (the
    oldest part of them: a story that grows keeps the figure of its first weighing); a story
    whose sums were kept before this was is left out."""
    query = "SELECT story, documents FROM story_sums WHERE story IN ({marks})"
    rows = rows_in(connection, query, stories)
    return {str(story): int(weighed) for story, weighed in rows if weighed is not None}


# -- blocking postings -----------------------------------------------------------------------


def load_postings(connection: sqlite3.Connection, terms: Iterable[int]) -> dict[int, list[str]]:
    """The stored postings of `terms`: story ids, oldest first, merged-away ids followed to
    the story that holds their articles now, and ids of no current story left out."""
    query = "SELECT term, stories FROM grouping_postings WHERE term IN ({marks})"
    raw = {int(term): json.loads(str(ids)) for term, ids in rows_in(connection, query, terms)}
    named = {story for ids in raw.values() for story in ids}
    aliases: dict[str, str] = dict(
        rows_in(connection, "SELECT old, story FROM story_aliases WHERE old IN ({marks})", named)
    )
    wanted = {str(aliases.get(story, story)) for story in named}
    current = {
        str(row[0])
        for row in rows_in(connection, "SELECT id FROM stories WHERE id IN ({marks})", wanted)
    }
    postings: dict[int, list[str]] = {}
    for term, ids in raw.items():
        resolved: list[str] = []
        for story in ids:
            story = str(aliases.get(story, story))
            if story in current:
                if story in resolved:
                    resolved.remove(story)
                resolved.append(story)
        postings[term] = resolved
    return postings


def save_postings(connection: sqlite3.Connection, postings: dict[int, list[str]]) -> None:
    connection.executemany(
        "INSERT OR REPLACE INTO grouping_postings (term, stories) VALUES (?, ?)",
        [(term, json.dumps(ids)) for term, ids in sorted(postings.items())],
    )
