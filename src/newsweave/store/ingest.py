"""`newsweave ingest`: add articles to an SQLite store, group them, brief what changed.

Four steps, each safe to interrupt at any moment (a SIGKILL included):

1. add: read and clean; each article is keyed by a hash of its content, so the same file
   ingested twice adds nothing. Articles are written a batch per transaction, with their
   full-text index rows, and marked `grouped = 0`.
2. group (`incremental.py`): the ungrouped articles (in a canonical order: publication
   time, then id) are placed among the stored stories that the stored blocking index offers
   them, and only the stories whose members changed are written again, in one transaction.
   The store is never grouped whole again (but once, to build the index of a store made
   before it): one ingest costs its new articles and the stories they touch. Many small
   ingests group close to one big run (B-cubed F1 against it: docs/performance.md). Story ids
   stay stable: a story that grows keeps its id; an id merged away becomes an alias.
3. brief: stories whose member key (articles + repost marks + brief settings) has no brief
   yet are briefed, a batch per transaction; the others keep theirs. Briefs no story uses
   any more are dropped with their quotes and entities. A story that cannot be briefed is
   reported and left without a brief (the app shows its articles); the next ingest tries it
   again.
4. version: each briefed story whose articles changed gets a new version of its brief, with
   the time (`store/versions.py`), so "what changed since" can be answered later.

A rerun after a crash finds committed batches (their content hashes) and skips them,
places the articles a crash left ungrouped, and briefs what is missing: nothing is lost,
nothing doubled.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from newsweave.config import settings
from newsweave.models import Article, Brief, Problem, Story, StoryProblem
from newsweave.pipeline import brief_story, guarded, read_articles
from newsweave.readers import Limits, ReadStats
from newsweave.render.json_v1 import brief_dict
from newsweave.runner import Progress, Runner, no_progress
from newsweave.store.incremental import group_new, needs_grouping
from newsweave.store.lock import writer_lock
from newsweave.store.query import load_story
from newsweave.store.schema import (
    connect_writer,
    disk_full_named,
    dumps,
    sortable_time,
    transaction,
)
from newsweave.store.versions import record_versions


@dataclass(slots=True)
class IngestReport:
    """What one `ingest` did, for the closing line."""

    read: int = 0
    added: int = 0
    articles: int = 0
    stories: int = 0
    briefed: int = 0
    regrouped: bool = False
    failed: int = 0
    versions: int = 0  # stories whose brief got a new version (store/versions.py)

    def summary(self) -> str:
        grouping = "regrouped" if self.regrouped else "grouping unchanged"
        failed = f", {self.failed} stories could not be briefed" if self.failed else ""
        return (
            f"{self.added} new of {self.read} articles read; store: {self.articles} articles, "
            f"{self.stories} stories ({grouping}, {self.briefed} briefs computed{failed})"
        )


def ingest(
    paths: Iterable[str | Path],
    store_path: Path,
    *,
    runner: Runner = Runner(),
    limits: Limits | None = None,
    stats: ReadStats | None = None,
    on_problem: Callable[[Problem | StoryProblem], None] | None = None,
    progress: Progress | None = None,
    lock_wait: float | None = None,
    on_wait: Callable[[str], None] | None = None,
    follow_links: bool = False,
    articles: Iterable[Article | Problem] | None = None,
) -> IngestReport:
    """Add what is new under `paths` to the store at `store_path`, regroup, rebrief.

    `runner` says where the per-article work (cleaning, repost and grouping signatures) and
    the briefs run (`Runner.map_batches`, `Runner.map_stories`).
    `on_problem` hears of each file, record or story left out. One ingest writes a store at a
    time: another one's lock is waited for up to `lock_wait` seconds (default: [store]
    lock_wait), with a line to `on_wait`, else NewsweaveError. A full disk is a
    NewsweaveError that says so (what was committed stays; a rerun goes on from there).
    `follow_links` reads symbolic links that lead out of a folder given. `articles`, when
    given, are added instead of what is read under `paths` (`newsweave watch` hands over the
    items it fetched, cleaned).
    """
    knobs = settings("store")
    report = IngestReport()

    def failed(problem: StoryProblem) -> None:
        report.failed += 1
        if on_problem:
            on_problem(problem)

    wait = knobs.lock_wait if lock_wait is None else lock_wait
    with (
        disk_full_named(store_path),
        closing(connect_writer(store_path)) as connection,  # safe beside another ingest
        writer_lock(store_path, wait, on_wait),
    ):
        items = articles
        if items is None:
            items = read_articles(
                paths,
                stats,
                limits,
                runner=runner,
                follow_links=follow_links,
                progress=progress or no_progress,
            )
        report.read, report.added = add_articles(
            connection, items, knobs.article_batch, on_problem, progress
        )
        if needs_grouping(connection):
            group_new(connection, knobs.brief_words, progress, runner=runner)
            report.regrouped = True
        report.briefed = brief_missing(
            connection, runner=runner, progress=progress, on_failure=failed
        )
        drop_unused_briefs(connection)
        report.versions = record_versions(connection)
        report.articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        report.stories = connection.execute("SELECT count(*) FROM stories").fetchone()[0]
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return report


# -- 1. add ----------------------------------------------------------------------------------


def content_hash(article: Article) -> str:
    """What makes two articles the same: outlet, URL, title, publication time and text."""
    published = article.published.isoformat() if article.published else None
    key = [article.outlet, article.url, article.title, published, article.text]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()


def add_articles(
    connection: sqlite3.Connection,
    items: Iterable[Article | Problem],
    batch_size: int,
    on_problem: Callable[[Problem], None] | None = None,
    progress: Progress | None = None,
) -> tuple[int, int]:
    """Store the articles not yet stored, a transaction per batch; (read, added)."""
    read = added = 0
    for batch in _batches(items, batch_size, on_problem):
        with transaction(connection):
            added += sum(_add_one(connection, article) for article in batch)
        read += len(batch)
        if progress:
            progress("writing", read, None)
    return read, added


def _batches(
    items: Iterable[Article | Problem], size: int, on_problem: Callable[[Problem], None] | None
) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Problem):
            if on_problem:
                on_problem(item)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _add_one(connection: sqlite3.Connection, article: Article) -> bool:
    digest = content_hash(article)
    if connection.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone():
        return False
    article = replace(article, duplicate_of=None)
    if connection.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
        # same record id, other content (an updated version): both are kept, told apart
        article = replace(article, id=f"{article.id}~{digest[:8]}")
    cursor = connection.execute(
        "INSERT INTO articles (id, content_hash, record, title, outlet, url, published)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            digest,
            dumps(article),
            article.title,
            article.outlet,
            article.url,
            sortable_time(article.published),
        ),
    )
    connection.execute(
        "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
        (cursor.lastrowid, article.title or "", article.text),
    )
    return True


# -- 3. brief --------------------------------------------------------------------------------


def brief_missing(
    connection: sqlite3.Connection,
    *,
    runner: Runner = Runner(),
    progress: Progress | None = None,
    on_failure: Callable[[StoryProblem], None] | None = None,
) -> int:
    """Brief every story that has no brief for its current members; how many were briefed.

    A story whose brief fails is left without one and handed to `on_failure`.
    """
    knobs = settings("store")
    words, size = knobs.brief_words, max(knobs.brief_batch, runner.workers)
    missing = connection.execute(
        "SELECT id, key FROM stories WHERE key NOT IN (SELECT key FROM briefs)"
        " ORDER BY newest DESC, size DESC"
    ).fetchall()
    work = partial(guarded, partial(brief_story, words=words))
    briefed = 0
    for start in range(0, len(missing), size):
        batch = missing[start : start + size]
        stories = [_story(connection, story_id) for story_id, _ in batch]
        results = runner.map_stories(work, stories, _offset(progress, start, len(missing)))
        with transaction(connection):
            for (_, key), result in zip(batch, results, strict=True):
                if isinstance(result, StoryProblem):
                    if on_failure:
                        on_failure(result)
                    continue
                _write_brief(connection, key, result)
                briefed += 1
    return briefed


def _offset(progress: Progress | None, start: int, total: int) -> Progress:
    """`progress` told of a batch's briefs as counts over all `total` briefs."""
    if progress is None:
        return no_progress
    return lambda phase, done, _total: progress(phase, start + done, total)


def _story(connection: sqlite3.Connection, story_id: str) -> Story:
    story = load_story(connection, story_id)
    assert story is not None, f"story {story_id} has no articles"
    return story


def _write_brief(connection: sqlite3.Connection, key: str, brief: Brief) -> None:
    _delete_briefs(connection, [key])
    shell = replace(brief, story=Story(id=brief.story.id, articles=()))
    v1 = json.dumps(brief_dict(brief), ensure_ascii=False, separators=(",", ":"))
    connection.execute(
        "INSERT INTO briefs (key, v1, record) VALUES (?, ?, ?)", (key, v1, dumps(shell))
    )
    for quote in brief.quotes:
        cursor = connection.execute(
            "INSERT INTO quotes (brief, text, speaker, article) VALUES (?, ?, ?, ?)",
            (key, quote.text, quote.speaker, quote.article),
        )
        connection.execute(
            "INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?, ?, ?)",
            (cursor.lastrowid, quote.text, quote.speaker or ""),
        )
    connection.executemany(
        "INSERT INTO entities (brief, name, type, aliases, mentions) VALUES (?, ?, ?, ?, ?)",
        [
            (key, e.name, e.type, json.dumps(list(e.aliases), ensure_ascii=False), e.mentions)
            for e in brief.entities
        ],
    )


def drop_unused_briefs(connection: sqlite3.Connection) -> None:
    """Remove briefs (with their quotes and entities) that no current story uses."""
    unused = [
        key
        for (key,) in connection.execute(
            "SELECT key FROM briefs WHERE key NOT IN (SELECT key FROM stories)"
        )
    ]
    if unused:
        with transaction(connection):
            _delete_briefs(connection, unused)


def _delete_briefs(connection: sqlite3.Connection, keys: Sequence[str]) -> None:
    for key in keys:
        connection.execute(
            "DELETE FROM quotes_fts WHERE rowid IN (SELECT rowid FROM quotes WHERE brief = ?)",
            (key,),
        )
        for table in ("quotes", "entities"):
            connection.execute(f"DELETE FROM {table} WHERE brief = ?", (key,))
        connection.execute("DELETE FROM briefs WHERE key = ?", (key,))
