"""An ingest killed with SIGKILL at random moments leaves a store that a rerun completes, with
no article lost and none doubled.

A real `newsweave ingest` subprocess is killed several times at random points (the seed is
printed, to replay a failure); each kill resumes from what the previous one left. Batches
are made small in the killed process so that the kills land between commits as well as
inside them.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from archives import example_store, partition
from conftest import EXAMPLES, REPO

SMALL_BATCHES = (
    "from newsweave.config import set_defaults; "
    "set_defaults('store', article_batch=3, brief_batch=1); "
    "from newsweave.cli.main import main; main()"
)
EARLY_KILLS = 2  # at a random moment of the first seconds: reading, adding, grouping


def briefs_written(store: Path) -> int:
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
            return int(db.execute("SELECT count(*) FROM briefs").fetchone()[0])
    except sqlite3.Error:
        return 0


def start_ingest(store: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", SMALL_BATCHES, "ingest", str(EXAMPLES), "--store", str(store)]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_after(process: subprocess.Popen[bytes], seconds: float) -> None:
    time.sleep(seconds)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def test_killed_ingests_are_completed_by_a_rerun(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    reference = example_store(tmp_path_factory)
    seed = int(os.environ.get("NEWSWEAVE_CRASH_SEED", random.randrange(10**6)))
    print(f"crash seed {seed} (NEWSWEAVE_CRASH_SEED={seed} replays it)")
    chance = random.Random(seed)
    store = tmp_path / "crash.db"
    for _ in range(EARLY_KILLS):
        kill_after(start_ingest(store), chance.uniform(1.0, 6.0))
    briefing = start_ingest(store)  # killed while it writes briefs
    deadline = time.monotonic() + 120
    while briefs_written(store) < 1 and briefing.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    kill_after(briefing, chance.uniform(0.0, 2.0))
    final = start_ingest(store)
    assert final.wait(timeout=300) == 0

    with sqlite3.connect(store) as db:
        articles = db.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles")
        assert articles.fetchone() == (40, 40)
        assert db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 40
        assert db.execute("SELECT count(*) FROM articles WHERE grouped = 0").fetchone()[0] == 0
        members = db.execute("SELECT count(*), count(DISTINCT article) FROM story_articles")
        assert members.fetchone() == (40, 40)
        unbriefed = "SELECT count(*) FROM stories WHERE key NOT IN (SELECT key FROM briefs)"
        assert db.execute(unbriefed).fetchone()[0] == 0
        quotes = db.execute("SELECT count(*) FROM quotes").fetchone()[0]
        assert db.execute("SELECT count(*) FROM quotes_fts").fetchone()[0] == quotes
    with sqlite3.connect(reference) as db:
        assert quotes == db.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert partition(store) == partition(reference)
