"""Following a story over time: a version of its brief per ingest that changed its articles.

`record_versions` runs at the end of every `ingest`: each story whose member articles differ
from those of its latest version (or that has none: a new story, or every story of a store
made before versions) gets version n + 1, stamped with the UTC time, holding the JSON v1 brief
and the member ids. Versions are never rewritten, so "what changed since Monday" compares the
brief as it stood on Monday with the brief now (`store/changes.py`).

A store made before versions has no `brief_versions` table until its next ingest makes it;
the read-only app takes that as "no versions yet" and serves the rest as before.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from newsweave.errors import ConfigError
from newsweave.models import Brief
from newsweave.render.json_v1 import brief_dict
from newsweave.store.changes import story_changes
from newsweave.store.query import (
    count_stories,
    has_versions,
    list_stories,
    load_brief,
    story_v1,
)
from newsweave.store.schema import transaction


def utc_now() -> str:
    """The time a version is stamped with, as `instant` writes times (sorts as text)."""
    return _written(datetime.now(UTC))


def _written(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def instant(text: str) -> str:
    """An ISO 8601 date or time (`2025-03-06`, `2025-03-06T15:00`, `...Z`, `...+01:00`) as
    UTC in the form versions are stamped with; a date means its midnight, a time without a
    zone UTC. ConfigError (a usage error) for anything else."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError(
            f"{text!r} is not an ISO 8601 date or time; give e.g. 2025-03-06 or 2025-03-06T15:00Z"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _written(moment)


def record_versions(connection: sqlite3.Connection, at: str | None = None) -> int:
    """A new version for every briefed story whose articles changed since its latest
    version (or that has none), in one transaction; how many were recorded."""
    stamp = at or utc_now()
    latest: dict[str, tuple[int, set[str]]] = {
        story: (version, set(json.loads(articles)))
        for story, version, articles in connection.execute(
            "SELECT story, max(version), articles FROM brief_versions GROUP BY story"
        )
    }
    members: dict[str, list[str]] = {}
    for story, article in connection.execute(
        "SELECT sa.story, sa.article FROM story_articles sa JOIN stories s ON s.id = sa.story"
        " JOIN briefs b ON b.key = s.key ORDER BY sa.story, sa.position"
    ):
        members.setdefault(story, []).append(article)
    changed = [
        (story, ids)
        for story, ids in members.items()
        if story not in latest or latest[story][1] != set(ids)
    ]
    recorded = 0
    with transaction(connection):
        for story, ids in changed:
            brief = story_v1(connection, story)
            if brief is None:  # unbriefed since the query above; the next ingest records it
                continue
            recorded += 1
            connection.execute(
                "INSERT INTO brief_versions (story, version, at, v1, articles)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    story,
                    latest.get(story, (0, set()))[0] + 1,
                    stamp,
                    json.dumps(brief, ensure_ascii=False, separators=(",", ":")),
                    json.dumps(ids, ensure_ascii=False),
                ),
            )
    return recorded


def _versions(connection: sqlite3.Connection, story_id: str) -> list[tuple[str, str]]:
    """(time, JSON v1 text) of each version of the story, oldest first."""
    if not has_versions(connection):
        return []
    rows = connection.execute(
        "SELECT at, v1 FROM brief_versions WHERE story = ? ORDER BY version", (story_id,)
    )
    return [(at, v1) for at, v1 in rows]


def version_count(connection: sqlite3.Connection, story_id: str) -> int:
    """How many versions of its brief the story has had (0 on a store made before versions)."""
    if not has_versions(connection):
        return 0
    row = connection.execute("SELECT count(*) FROM brief_versions WHERE story = ?", (story_id,))
    return int(row.fetchone()[0])


def current_v1(connection: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """The story as JSON v1 now: its stored brief, else its articles alone; None if unknown."""
    found = story_v1(connection, story_id)
    if found is not None:
        return found
    brief = load_brief(connection, story_id)
    if brief is None:
        return None
    return brief_dict(brief)


def changes_since(
    connection: sqlite3.Connection, story_id: str, since: str | None = None
) -> dict[str, Any] | None:
    """The story's `changes`: against its version as it stood at `since` (an `instant`),
    or, without `since`, against its previous version. None for an unknown story.

    A story with no version as old as that compares against nothing: all of it is new.
    """
    now = current_v1(connection, story_id)
    if now is None:
        return None
    versions = _versions(connection, story_id)
    if since is None:
        earlier = versions[-2] if len(versions) > 1 else None
        label = earlier[0] if earlier else None
    else:
        kept = [version for version in versions if version[0] <= since]
        earlier, label = (kept[-1] if kept else None), since
    before = json.loads(earlier[1]) if earlier else None
    return story_changes(before, now, label)


def changed_stories(connection: sqlite3.Connection, since: str) -> list[str]:
    """Ids of the current stories with a version newer than `since`, latest change first."""
    if not has_versions(connection):
        return []
    rows = connection.execute(
        "SELECT v.story FROM brief_versions v JOIN stories s ON s.id = v.story"
        " WHERE v.at > ? GROUP BY v.story ORDER BY max(v.at) DESC, v.story",
        (since,),
    )
    return [story for (story,) in rows]


def stored_briefs(
    connection: sqlite3.Connection, since: str | None = None
) -> tuple[list[Brief], dict[str, dict[str, Any]]]:
    """What `brief --store` shows: every stored story's latest brief, newest first; or, with
    `since` (an `instant`), only the stories changed since then, each with its `changes`
    (story id -> changes), latest change first."""
    if since is None:
        ids = [row.id for row in list_stories(connection, count_stories(connection))]
    else:
        ids = changed_stories(connection, since)
    briefs = [brief for story in ids if (brief := load_brief(connection, story)) is not None]
    if since is None:
        return briefs, {}
    changes = {
        brief.story.id: found
        for brief in briefs
        if (found := changes_since(connection, brief.story.id, since)) is not None
    }
    return briefs, changes
