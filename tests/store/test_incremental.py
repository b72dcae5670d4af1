"""Placing new articles among stored stories: many small ingests group like one big run.

The grouping step runs on a real SQLite store (`add_articles` then `group_new`, as `ingest`
does, without the briefs, which these tests do not look at).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import pytest
from conftest import EXAMPLES

from newsweave.evaluation.bcubed import bcubed
from newsweave.models import Article
from newsweave.pipeline import read_articles
from newsweave.store.incremental import group_new, needs_grouping
from newsweave.store.ingest import add_articles
from newsweave.store.regroup import canonical_order
from newsweave.store.schema import connect_writer

STORIES_DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "stories-dev.jsonl"


def _articles(*paths: Path) -> list[Article]:
    return [item for item in read_articles(paths) if isinstance(item, Article)]


def _grouped(store: Path, batches: Sequence[Sequence[Article]]) -> dict[str, str]:
    """Each batch added and grouped in turn, as one ingest each; article id -> story id."""
    with closing(connect_writer(store)) as connection:
        for batch in batches:
            add_articles(connection, batch, 200)
            group_new(connection, 100)
        return _story_of(connection)


def _story_of(connection: sqlite3.Connection) -> dict[str, str]:
    return dict(connection.execute("SELECT article, story FROM story_articles"))


def _in_batches(articles: list[Article], count: int) -> list[list[Article]]:
    """`count` ingests in publication order, as feeds arrive (a day's news after the last)."""
    articles = sorted(articles, key=canonical_order)
    size = -(-len(articles) // count)
    return [articles[start : start + size] for start in range(0, len(articles), size)]


def test_ten_small_ingests_of_the_examples_group_like_one(tmp_path: Path) -> None:
    articles = _articles(EXAMPLES)
    one_run = _grouped(tmp_path / "one.db", [articles])
    small = _grouped(tmp_path / "small.db", _in_batches(articles, 10))
    assert set(small) == set(one_run) == {a.id for a in articles}
    assert bcubed(one_run, small).f1 >= 0.95


@pytest.mark.skipif(not STORIES_DEV.is_file(), reason="stories-dev data set not present")
def test_stories_dev_in_ten_ingests_groups_like_one_run(tmp_path: Path) -> None:
    articles = _articles(STORIES_DEV)
    one_run = _grouped(tmp_path / "one.db", [articles])
    small = _grouped(tmp_path / "small.db", _in_batches(articles, 10))
    assert bcubed(one_run, small).f1 >= 0.95


def test_stories_dev_in_ingests_of_any_date_groups_near_one_run(tmp_path: Path) -> None:
    # File order: each ingest of 100 holds mostly one source's articles, of any date, so a
    # story's stored members were placed by thinner ingests; they are looked at again when
    # the story is touched: B-cubed F1 against one run 0.940, with them pinned 0.925 (the
    # weights of 2026-12-07; deterministic).
    articles = _articles(STORIES_DEV)
    one_run = _grouped(tmp_path / "one.db", [articles])
    batches = [articles[start : start + 100] for start in range(0, len(articles), 100)]
    small = _grouped(tmp_path / "small.db", batches)
    assert bcubed(one_run, small).f1 >= 0.935


def test_a_story_that_grows_keeps_its_id_and_others_are_not_rewritten(tmp_path: Path) -> None:
    articles = _articles(EXAMPLES)
    first, rest = articles[:-1], articles[-1:]
    store = tmp_path / "grow.db"
    before = _grouped(store, [first])
    with closing(connect_writer(store)) as connection:
        rows_before = dict(connection.execute("SELECT id, rowid FROM stories"))
    after = _grouped(store, [rest])
    for article, story in before.items():  # a stored article's story keeps its id (or alias)
        assert after[article] == story or _alias(store, story) == after[article]
    with closing(connect_writer(store)) as connection:
        rows_after = dict(connection.execute("SELECT id, rowid FROM stories"))
    untouched = {s for s in rows_before if set(_members(before, s)) == set(_members(after, s))}
    assert untouched and all(rows_after[s] == rows_before[s] for s in untouched)


def _members(story_of: dict[str, str], story: str) -> list[str]:
    return sorted(a for a, s in story_of.items() if s == story)


def _alias(store: Path, story: str) -> str | None:
    with closing(connect_writer(store)) as connection:
        row = connection.execute("SELECT story FROM story_aliases WHERE old = ?", (story,))
        found = row.fetchone()
    return None if found is None else str(found[0])


def test_a_store_made_before_the_index_is_indexed_once_and_keeps_its_ids(
    tmp_path: Path,
) -> None:
    store = tmp_path / "old.db"
    before = _grouped(store, [_articles(EXAMPLES)])
    with closing(connect_writer(store)) as connection:
        for table in ("article_terms", "grouping_terms", "grouping_postings"):
            connection.execute(f"DROP TABLE {table}")
        connection.execute("DELETE FROM meta WHERE key LIKE 'grouping_%'")
        assert needs_grouping(connection)
        group_new(connection, 100)
        assert not needs_grouping(connection)
        assert _story_of(connection) == before
        indexed = connection.execute("SELECT count(*) FROM article_terms").fetchone()[0]
    assert indexed == len(before)
