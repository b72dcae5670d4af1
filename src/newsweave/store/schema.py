"""The SQLite store's layout, how it is opened, and how records become rows and back.

Tables (one file, WAL mode, so `serve` reads while `ingest` writes):

    articles        one row per distinct article (unique content hash); the cleaned record as
                    JSON (every Article field: sentences with offsets, removed lines, notes) and
                    `duplicate_of` as the last grouping decided it
    stories         the current grouping: id, member key, headline, size, dates, outlets
    story_articles  story -> article, in the story's order
    story_aliases   ids of stories merged away -> the story that holds their articles now
    briefs          one brief per member key (JSON v1 for the API, the full record for the page)
    brief_versions  per story, a version of its JSON v1 brief each time an ingest changed its
                    articles: number, UTC time, the brief, the member article ids (made by the
                    first ingest into an older store; readers take its absence as no versions)
    quotes, entities   per brief, for search and entity pages
    articles_fts, quotes_fts   FTS5 indexes over titles, texts and quotes
    meta            schema version, brief settings

The file says it is newsweave's in its header (`PRAGMA application_id`, `APPLICATION_ID`):
a database of another program is refused before anything in it changes, and a store made
before the mark (id 0, newsweave's tables) is marked by the next ingest.

A brief is keyed by its story's member key (a hash of the member articles and their repost
marks), never by story id: regrouping only swaps `stories`, and a story whose members did not
change finds its brief already there.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import sqlite3
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from newsweave.errors import NewsweaveError

SCHEMA_VERSION = 1
# The store's mark in the SQLite header (`PRAGMA application_id`): "NWVE" in ASCII.
APPLICATION_ID = 0x4E575645
# What a store made before the mark holds: the tables by which an unmarked one is known.
UNMARKED_STORE_TABLES = frozenset({"meta", "articles", "stories", "story_articles", "briefs"})
Record = TypeVar("Record")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    record TEXT NOT NULL,
    title TEXT, outlet TEXT, url TEXT, published TEXT,
    duplicate_of TEXT,
    grouped INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    headline TEXT NOT NULL,
    size INTEGER NOT NULL,
    newest TEXT, oldest TEXT,
    outlets TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_order ON stories (newest DESC, size DESC);
CREATE INDEX IF NOT EXISTS stories_key ON stories (key);
CREATE TABLE IF NOT EXISTS story_articles (
    story TEXT NOT NULL, article TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (story, position)
);
CREATE INDEX IF NOT EXISTS story_articles_article ON story_articles (article);
CREATE TABLE IF NOT EXISTS story_aliases (old TEXT PRIMARY KEY, story TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS briefs (key TEXT PRIMARY KEY, v1 TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS brief_versions (
    story TEXT NOT NULL, version INTEGER NOT NULL, at TEXT NOT NULL,
    v1 TEXT NOT NULL, articles TEXT NOT NULL,
    PRIMARY KEY (story, version)
);
CREATE INDEX IF NOT EXISTS brief_versions_at ON brief_versions (at);
CREATE TABLE IF NOT EXISTS quotes (
    rowid INTEGER PRIMARY KEY, brief TEXT NOT NULL,
    text TEXT NOT NULL, speaker TEXT, article TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_brief ON quotes (brief);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS entities (
    brief TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
    aliases TEXT NOT NULL, mentions INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_brief ON entities (brief);
CREATE INDEX IF NOT EXISTS entities_name ON entities (name COLLATE NOCASE);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (title, text, tokenize='unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5 (text, speaker, tokenize='unicode61');
"""


def connect_writer(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the store for `ingest`: WAL, explicit transactions.

    Another program's database is refused (NewsweaveError) before anything in it changes.
    """
    connection = _connect(path, str(path), isolation_level=None, timeout=30)
    with _closed_on_error(connection, path):
        if not _marked(connection, path):
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.executescript(SCHEMA)
        # OR IGNORE: two ingests may make a new store at once (they take turns only later)
        connection.execute(
            "INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
        )
        found = connection.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if found[0] != str(SCHEMA_VERSION):
            raise NewsweaveError(
                f"{path}: store schema version {found[0]}, this newsweave reads "
                f"{SCHEMA_VERSION}; ingest into a new store file"
            )
    return connection


def connect_reader(path: Path) -> sqlite3.Connection:
    """Open the store read-only (`mode=ro`): the web app can never change it."""
    if not path.is_file():
        raise NewsweaveError(f"{path}: no such store; create it with `newsweave ingest`")
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    connection = _connect(path, uri, uri=True, timeout=10, check_same_thread=False)
    with _closed_on_error(connection, path):
        _marked(connection, path)  # refuses another program's database
        connection.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    connection.row_factory = sqlite3.Row
    return connection


def _connect(path: Path, database: str, **options: Any) -> sqlite3.Connection:
    try:
        connection: sqlite3.Connection = sqlite3.connect(database, **options)
        return connection
    except sqlite3.DatabaseError as error:
        raise NewsweaveError(f"{path}: cannot open the store ({error})") from None


@contextmanager
def _closed_on_error(connection: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Close `connection` if opening the store fails; SQLite's errors there mean the file is
    not a store newsweave can use (but for a full disk, which `disk_full_named` names)."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        connection.close()
        if _is_disk_full(error):
            raise
        raise NewsweaveError(f"{path}: not a newsweave store ({error})") from None
    except BaseException:
        connection.close()
        raise


def _marked(connection: sqlite3.Connection, path: Path) -> bool:
    """True for a store with newsweave's mark; False for one that should get it: a new (empty)
    database, or a store made before the mark. NewsweaveError for anything else: another
    program's database, which must stay as it is. Reads only."""
    mark = connection.execute("PRAGMA application_id").fetchone()[0]
    if mark == APPLICATION_ID:
        return True
    tables = {
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if mark == 0 and (not tables or _is_unmarked_store(connection, tables)):
        return False
    shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
    raise NewsweaveError(
        f"{path}: not a newsweave store but another program's SQLite database "
        f"(application_id {mark:#x}, tables: {shown or 'none'}); it was left as it is. "
        "Give --store a file of its own (a new name makes a new store)"
    )


def _is_unmarked_store(connection: sqlite3.Connection, tables: set[str]) -> bool:
    """A store newsweave made before it marked its stores: its tables and a schema version."""
    if not UNMARKED_STORE_TABLES.issubset(tables):
        return False
    return connection.execute("SELECT 1 FROM meta WHERE key = 'schema'").fetchone() is not None


# -- records <-> JSON ------------------------------------------------------------------------


def to_plain(value: Any) -> Any:
    """A frozen record (and everything in it) as JSON-ready lists, dicts and strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def from_plain(cls: type[Record], data: dict[str, Any]) -> Record:
    """The record `to_plain` made, rebuilt with its exact types (tuples, datetimes, records)."""
    hints = _hints(typing.cast(Any, cls))
    values = {name: _decode(hints[name], item) for name, item in data.items() if name in hints}
    return cls(**values)


def dumps(value: Any) -> str:
    return json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"))


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
        return _decode(arms[0], data)
    if origin is tuple:
        item_type = typing.get_args(hint)[0]
        return tuple(_decode(item_type, item) for item in data)
    if hint is datetime:
        return datetime.fromisoformat(data)
    if dataclasses.is_dataclass(hint):
        return from_plain(typing.cast(type, hint), data)
    return data


def sortable_time(published: datetime | None) -> str | None:
    """A publication time as a string that sorts in time order (UTC when the zone is known)."""
    if published is None:
        return None
    if published.tzinfo is not None:
        published = published.astimezone(UTC).replace(tzinfo=None)
    return published.isoformat(timespec="seconds")


class transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (the connection is autocommit)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, kind: Any, *_: Any) -> None:
        if not kind:
            self.connection.execute("COMMIT")
        elif self.connection.in_transaction:  # SQLite may have rolled back itself (disk full)
            self.connection.execute("ROLLBACK")


@contextmanager
def disk_full_named(path: Path) -> Iterator[None]:
    """A full disk while writing the store at `path` (SQLITE_FULL, or ENOSPC/EDQUOT from a
    file beside it) becomes a NewsweaveError that says so and what to do; other errors pass.

    Nothing committed is lost: each transaction is whole or absent, and the next ingest goes
    on where this one stopped.
    """
    try:
        yield
    except sqlite3.OperationalError as error:
        if not _is_disk_full(error):
            raise
        raise _disk_full(path, str(error)) from None
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        raise _disk_full(path, f"{error.filename or path}: {error.strerror}") from None


def _is_disk_full(error: sqlite3.DatabaseError) -> bool:
    return getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_FULL


def _disk_full(path: Path, reason: str) -> NewsweaveError:
    return NewsweaveError(
        f"disk full while writing {path} ({reason}): what was committed before is kept; "
        "free some space and run the ingest again, it goes on where this one stopped"
    )
