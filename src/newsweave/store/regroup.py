"""Story rows as `ingest` writes them (ids kept stable, member keys), and the whole regroup.

`ingest` places new articles among the stored stories (`incremental.py`); these are the parts
it shares with `regroup`, which groups the whole store again, as `ingest` did before (~5 ms
per stored article each time): kept as the reference `bench/ingest_incremental.py --old`
measures against. A new story keeps the id of the old story it shares most articles with,
and an id merged away becomes an alias, so links to a story survive regrouping.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from newsweave import __version__
from newsweave.models import Article, Story
from newsweave.pipeline import group_stories
from newsweave.runner import Progress, Runner, no_progress
from newsweave.store.grouping_index import clear_index, ensure_index
from newsweave.store.schema import from_plain, sortable_time, transaction


def regroup(
    connection: sqlite3.Connection,
    words: int,
    progress: Progress | None = None,
    *,
    runner: Runner = Runner(),
) -> None:
    """Group every stored article again and replace the stories in one transaction.

    `runner`: where the per-article signatures are computed.
    """
    rows = connection.execute("SELECT record, content_hash FROM articles").fetchall()
    hashes: dict[str, str] = {}
    articles = []
    for record, digest in rows:
        article = from_plain(Article, json.loads(record))
        hashes[article.id] = digest
        articles.append(article)
    articles.sort(key=canonical_order)
    stories = group_stories(articles, runner=runner, progress=progress or no_progress)
    old = current_members(connection)
    ids = stable_ids([s.id for s in stories], [{a.id for a in s.articles} for s in stories], old)
    ensure_index(connection)
    with transaction(connection):
        connection.execute("DELETE FROM stories")
        connection.execute("DELETE FROM story_articles")
        for story_id, story in zip(ids, stories, strict=True):
            write_story(connection, replace(story, id=story_id), member_key(story, hashes, words))
        _write_aliases(connection, old, ids, stories)
        connection.executemany(
            "UPDATE articles SET duplicate_of = ?, grouped = 1 WHERE id = ?",
            [(a.duplicate_of, a.id) for s in stories for a in s.articles],
        )
        clear_index(connection)  # no longer these stories': the next ingest rebuilds it


def canonical_order(article: Article) -> tuple[bool, str, str]:
    return (article.published is None, sortable_time(article.published) or "", article.id)


def member_key(story: Story, hashes: dict[str, str], words: int) -> str:
    """What a brief depends on: the member articles, their repost marks, the brief settings."""
    members = sorted((a.id, hashes.get(a.id, ""), a.duplicate_of or "") for a in story.articles)
    key = json.dumps([__version__, words, members], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def current_members(connection: sqlite3.Connection) -> dict[str, set[str]]:
    members: dict[str, set[str]] = {}
    for story, article in connection.execute("SELECT story, article FROM story_articles"):
        members.setdefault(story, set()).add(article)
    return members


def stable_ids(
    proposed: Sequence[str], members: Sequence[set[str]], old: dict[str, set[str]]
) -> list[str]:
    """Story ids for the new groups: the old id of the story each shares most articles with
    (each old id used once, largest overlaps first), else the id grouping proposed."""
    story_of = {article: story for story, articles in old.items() for article in articles}
    overlaps: list[tuple[int, int, str]] = []
    for index, articles in enumerate(members):
        shared = Counter(story_of[a] for a in articles if a in story_of)
        overlaps.extend((count, index, story) for story, count in shared.items())
    chosen: dict[int, str] = {}
    taken: set[str] = set()
    for _count, index, story in sorted(overlaps, key=lambda o: (-o[0], o[1], o[2])):
        if index not in chosen and story not in taken:
            chosen[index] = story
            taken.add(story)
    ids = []
    for index, candidate in enumerate(proposed):
        story_id = chosen.get(index)
        if story_id is None:
            story_id, suffix = candidate, 1
            while story_id in taken:
                suffix += 1
                story_id = f"{candidate}-{suffix}"
            taken.add(story_id)
        ids.append(story_id)
    return ids


def write_story(connection: sqlite3.Connection, story: Story, key: str) -> None:
    from newsweave.briefing.headline import choose_headline

    dates = sorted(d for a in story.articles if (d := sortable_time(a.published)) is not None)
    outlets = Counter(  # named outlets and wires only, not file paths
        name for a in story.articles if (name := a.outlet or (a.dateline and a.dateline.wire))
    )
    connection.execute(
        "INSERT INTO stories (id, key, headline, size, newest, oldest, outlets)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            story.id,
            key,
            choose_headline(story),
            len(story.articles),
            dates[-1] if dates else None,
            dates[0] if dates else None,
            json.dumps([name for name, _ in outlets.most_common()], ensure_ascii=False),
        ),
    )
    connection.executemany(
        "INSERT INTO story_articles (story, article, position) VALUES (?, ?, ?)",
        [(story.id, a.id, position) for position, a in enumerate(story.articles)],
    )


def _write_aliases(
    connection: sqlite3.Connection,
    old: dict[str, set[str]],
    ids: Sequence[str],
    stories: Sequence[Story],
) -> None:
    """An old story id that no group kept points at the story holding most of its articles."""
    story_of = {
        a.id: story_id for story_id, s in zip(ids, stories, strict=True) for a in s.articles
    }
    current = set(ids)
    connection.executemany("DELETE FROM story_aliases WHERE old = ?", [(i,) for i in ids])
    for old_id, articles in old.items():
        if old_id in current:
            continue
        heirs = Counter(story_of[a] for a in articles if a in story_of)
        if heirs:
            connection.execute(
                "INSERT OR REPLACE INTO story_aliases (old, story) VALUES (?, ?)",
                (old_id, heirs.most_common(1)[0][0]),
            )
