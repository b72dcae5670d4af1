"""The SQLite store as `newsweave ingest` fills it: idempotent, incremental, records kept whole.

The example store is built once per test session by the real command line
(`newsweave ingest examples --store ...`, `archives.example_store()`); nothing writes to it
afterwards.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from archives import example_store, partition, run_ingest, snapshot
from conftest import EXAMPLES, make_article

from newsweave.evaluation.bcubed import bcubed
from newsweave.models import Article, Dateline
from newsweave.store.ingest import ingest
from newsweave.store.regroup import stable_ids
from newsweave.store.schema import connect_reader, from_plain, to_plain


def test_example_store_holds_every_article_in_one_briefed_story(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    seen = snapshot(example_store(tmp_path_factory))
    members = [a for story in seen["stories"].values() for a in story]
    assert seen["counts"]["articles"] == 40 == len(members) == len(set(members))
    assert seen["counts"]["briefs"] == len(seen["stories"])
    assert seen["counts"]["articles_fts"] == 40
    assert seen["counts"]["quotes"] == seen["counts"]["quotes_fts"] > 0


def test_ingesting_the_same_files_again_changes_nothing(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    store = tmp_path / "again.db"
    store.write_bytes(example_store(tmp_path_factory).read_bytes())
    before = snapshot(store)
    again = run_ingest(store, EXAMPLES)
    assert again.returncode == 0, again.stderr
    assert "0 new of 40 articles read" in again.stderr
    assert "0 briefs computed" in again.stderr
    assert snapshot(store) == before


def test_ingesting_in_two_halves_gives_the_stories_of_one_ingest(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    store = tmp_path / "halves.db"
    first = [EXAMPLES / "wires", EXAMPLES / "feeds", EXAMPLES / "clippings"]
    rest = [EXAMPLES / "web", EXAMPLES / "crawl", EXAMPLES / "exports", EXAMPLES / "archive"]
    ingest(first, store)
    before = snapshot(store)["stories"]
    report = ingest(rest, store)

    # the second half is placed among the first half's stories, not grouped with them anew
    one_run = _labels(partition(example_store(tmp_path_factory)))
    assert bcubed(one_run, _labels(partition(store))).f1 >= 0.95
    after = snapshot(store)["stories"]
    unchanged = [s for s, members in after.items() if before.get(s) == members]
    assert report.briefed == len(after) - len(unchanged), "only changed stories are rebriefed"
    kept = {s for s in after if s in before}
    grown = [s for s in kept if set(before[s]) <= set(after[s])]
    assert grown, "stories that gained articles keep their ids"


def _labels(groups: set[frozenset[str]]) -> dict[str, int]:
    return {article: n for n, group in enumerate(sorted(groups, key=sorted)) for article in group}


def test_story_ids_follow_the_largest_overlap() -> None:
    old = {"story-a": {"1", "2", "3"}, "story-b": {"4"}}
    proposed = ["story-x", "story-y", "story-a"]
    members = [{"1", "2", "5"}, {"3", "4"}, {"6"}]
    ids = stable_ids(proposed, members, old)
    assert ids[0] == "story-a"  # shares two articles with story-a
    assert ids[1] == "story-b"
    assert ids[2] == "story-a-2"  # a new group never takes an id that is in use


def test_an_article_record_survives_the_store_unchanged() -> None:
    article = make_article("First line.\nSecond line.", id="x1", title="T <b>")
    article = Article(
        **{
            **{f: getattr(article, f) for f in Article.__slots__},
            "removed": ("Photo: AP",),
            "dateline": Dateline("GENEVA", "Reuters"),
            "published": datetime(2025, 3, 6, 15, 5, tzinfo=UTC),
            "notes": ("truncated",),
        }
    )
    assert from_plain(Article, json.loads(json.dumps(to_plain(article)))) == article


def test_a_changed_article_under_the_same_id_is_kept_beside_the_first(tmp_path: Path) -> None:
    record = {"id": "n1", "title": "Mayor opens bridge", "outlet": "Town Crier"}
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({**record, "text": "The mayor opened the bridge on Monday."}))
    two = tmp_path / "two.jsonl"
    two.write_text(json.dumps({**record, "text": "The mayor opened the new bridge on Monday."}))
    store = tmp_path / "ids.db"
    ingest([one], store)
    ingest([two], store)
    ingest([one, two], store)
    ids = snapshot(store)["articles"]
    assert len(ids) == 2 and ids[0] == "n1" and ids[1].startswith("n1~")


def test_the_reader_cannot_write(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = connect_reader(example_store(tmp_path_factory))
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM articles")
    db.close()
