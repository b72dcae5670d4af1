"""What `watch` remembers between polls, in the store beside the articles (tables of its own).

    watch_feeds   one row per feed: the validators of its last 200 answer (ETag,
                  Last-Modified), for the next conditional GET; when it was last asked and
                  what came of it
    watch_items   per feed, each item already taken (its guid, else its link, else its text
                  hash) and a hash of what it said: an item seen again unchanged is not
                  fetched or ingested again, one whose text changed is

The feed's validators are written after its items are in the store, in one transaction with
the items seen: a poll stopped half-way asks again next time instead of losing items.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsweave.store.schema import connect_writer, transaction

WATCH_SCHEMA = """
CREATE TABLE IF NOT EXISTS watch_feeds (
    url TEXT PRIMARY KEY,
    etag TEXT, last_modified TEXT,
    checked TEXT, outcome TEXT
);
CREATE TABLE IF NOT EXISTS watch_items (
    feed TEXT NOT NULL, item TEXT NOT NULL, digest TEXT NOT NULL,
    PRIMARY KEY (feed, item)
);
"""


@dataclass(frozen=True, slots=True)
class FeedState:
    """One feed's validators and outcome as the last poll left them."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    outcome: str | None = None


def open_state(store: Path) -> sqlite3.Connection:
    """The store (created if new) with the watch tables in it."""
    connection = connect_writer(store)
    connection.executescript(WATCH_SCHEMA)
    return connection


def load_feed(connection: sqlite3.Connection, url: str) -> FeedState:
    row = connection.execute(
        "SELECT etag, last_modified, outcome FROM watch_feeds WHERE url = ?", (url,)
    ).fetchone()
    return FeedState(url, *row) if row else FeedState(url)


def seen_items(connection: sqlite3.Connection, url: str) -> dict[str, str]:
    """Item key -> digest of what the feed's items said when they were taken."""
    rows = connection.execute("SELECT item, digest FROM watch_items WHERE feed = ?", (url,))
    return dict(rows.fetchall())


def save_poll(
    connection: sqlite3.Connection,
    feeds: list[FeedState],
    items: list[tuple[str, str, str]],
) -> None:
    """Record the feeds' new states and the (feed, item, digest) taken, in one transaction."""
    checked = datetime.now(UTC).isoformat(timespec="seconds")
    with transaction(connection):
        connection.executemany(
            "INSERT INTO watch_feeds (url, etag, last_modified, checked, outcome)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
            " last_modified = excluded.last_modified, checked = excluded.checked,"
            " outcome = excluded.outcome",
            [(f.url, f.etag, f.last_modified, checked, f.outcome) for f in feeds],
        )
        connection.executemany(
            "INSERT OR REPLACE INTO watch_items (feed, item, digest) VALUES (?, ?, ?)", items
        )
