"""The store under hostile conditions: another program's database given as the store, two
ingests at once, a full disk.

Each case runs the real command line in subprocesses, as test_store.py does, beside one good
article: exit status, a message naming the cause, no traceback, and the files as they should
be afterwards.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, PROSE, good, make_article, newsweave, no_crash, write

from newsweave.errors import NewsweaveError
from newsweave.store.ingest import add_articles, ingest
from newsweave.store.schema import (
    APPLICATION_ID,
    connect_reader,
    connect_writer,
    disk_full_named,
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def application_id(store: Path) -> int:
    with sqlite3.connect(store) as db:
        mark: int = db.execute("PRAGMA application_id").fetchone()[0]
    return mark


# -- another program's database ------------------------------------------------------------


def other_database(path: Path, mark: int = 0) -> Path:
    """An address book as some other program keeps it (rollback journal, its own tables)."""
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA application_id = {mark}")
        db.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        db.execute("INSERT INTO contacts VALUES ('Ada', '555-0100')")
    return path


@pytest.mark.parametrize("mark", [0, 0x0F055112])  # unmarked, or marked as another's
def test_ingest_refuses_another_programs_database_and_leaves_it_untouched(
    tmp_path: Path, mark: int
) -> None:
    other = other_database(tmp_path / "contacts.db", mark)
    before = digest(other)
    done = newsweave("ingest", write(tmp_path / "ok.txt", good("Okay")), "--store", other)
    no_crash(done)
    assert done.returncode == 1
    assert f"{other}: not a newsweave store but another program's SQLite database" in done.stderr
    assert f"application_id {mark:#x}, tables: contacts" in done.stderr
    assert digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.db", "ok.txt"]


def test_serve_refuses_another_programs_database(tmp_path: Path) -> None:
    other = other_database(tmp_path / "contacts.db")
    before = digest(other)
    done = newsweave("serve", "--store", other, "--port", "1")
    no_crash(done)
    assert done.returncode == 1
    assert "not a newsweave store but another program's SQLite database" in done.stderr
    assert digest(other) == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.db", "Shopping: bread, milk.\n" * 100)
    done = newsweave("ingest", write(tmp_path / "ok.txt", good("Okay")), "--store", notes)
    no_crash(done)
    assert done.returncode == 1 and f"{notes}: not a newsweave store" in done.stderr
    assert notes.read_text() == "Shopping: bread, milk.\n" * 100


def test_a_new_store_is_marked_and_a_store_made_before_the_mark_gets_it(tmp_path: Path) -> None:
    store = tmp_path / "news.db"
    done = newsweave("ingest", write(tmp_path / "one.txt", good("Firstone")), "--store", store)
    assert done.returncode == 0, done.stderr
    assert application_id(store) == APPLICATION_ID
    with sqlite3.connect(store) as db:  # as stores were made before the mark: the same, id 0
        db.execute("PRAGMA application_id = 0")
    connect_reader(store).close()  # serve reads it as it is
    assert application_id(store) == 0
    done = newsweave("ingest", write(tmp_path / "two.txt", good("Secondone")), "--store", store)
    assert done.returncode == 0, done.stderr
    assert application_id(store) == APPLICATION_ID
    assert "store: 2 articles" in done.stderr


# -- two ingests at once -------------------------------------------------------------------


def ingest_command(store: Path, *paths: Path) -> list[str]:
    return [sys.executable, "-m", "newsweave", "ingest", *map(str, paths), "--store", str(store)]


def test_two_ingests_into_one_store_at_once_take_turns_and_both_land(tmp_path: Path) -> None:
    store = tmp_path / "news.db"
    runs = [
        subprocess.Popen(
            [*ingest_command(store, *paths), "--workers", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for paths in ([EXAMPLES / "wires"], [EXAMPLES / "feeds"])
    ]
    finished = [(run.communicate(timeout=600)[1], run.returncode) for run in runs]
    for stderr, returncode in finished:
        assert returncode == 0, stderr
        assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    waited = [stderr for stderr, _ in finished if "waiting for another ingest of" in stderr]
    assert len(waited) == 1, "the second one waits for the first, once"
    assert f"waiting for another ingest of {store}… (up to 600 s)" in waited[0]
    with sqlite3.connect(store) as db:
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        unbriefed = db.execute(
            "SELECT count(*) FROM stories WHERE key NOT IN (SELECT key FROM briefs)"
        ).fetchone()[0]
    read = sum(int(stderr.split(" new of ")[0].rsplit(" ", 1)[1]) for stderr, _ in finished)
    assert articles == read > 5 and unbriefed == 0


HOLD_THE_LOCK = """
import sys, time
from pathlib import Path
from newsweave.store.lock import writer_lock
with writer_lock(Path(sys.argv[1]), wait=0):
    print("locked", flush=True)
    time.sleep(300)
"""


def test_an_ingest_gives_up_after_lock_wait_and_a_killed_holder_frees_the_lock(
    tmp_path: Path,
) -> None:
    store = tmp_path / "news.db"
    article = write(tmp_path / "ok.txt", good("Okay"))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(store)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        told: list[str] = []
        with pytest.raises(NewsweaveError, match=f"another ingest of {store} is running"):
            ingest([article], store, lock_wait=0.5, on_wait=told.append)
        assert told == [f"waiting for another ingest of {store}… (up to 0.5 s)"]
        with sqlite3.connect(store) as db:
            assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    finally:
        os.kill(holder.pid, signal.SIGKILL)  # as the out-of-memory killer would
        holder.wait()
    assert ingest([article], store, lock_wait=0).added == 1


# -- a full disk ---------------------------------------------------------------------------

FULL_DISK = """
set -e
mount -t tmpfs -o size=256k newsweave-test "$1"
{ingest} && echo "first: 0" || echo "first: $?"
mount -o remount,size=20m "$1"
{ingest} && echo "again: 0" || echo "again: $?"
"""


def test_a_full_disk_is_named_and_the_next_ingest_goes_on(tmp_path: Path) -> None:
    """On a real 256 KB filesystem (a tmpfs in a mount namespace of its own), then the same
    filesystem grown to 20 MB."""
    if subprocess.run(["unshare", "--map-root-user", "--mount", "true"]).returncode != 0:
        pytest.skip("no mount namespaces here (unshare)")
    small = tmp_path / "small"
    small.mkdir()
    store = small / "news.db"
    command = " ".join([*ingest_command(store, EXAMPLES / "wires", EXAMPLES / "web")])
    script = FULL_DISK.format(ingest=command + " --workers 1")
    done = subprocess.run(
        ["unshare", "--map-root-user", "--mount", "sh", "-c", script, "sh", str(small)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if "newsweave-test" in done.stderr and "first:" not in done.stdout:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    no_crash(done)
    assert "first: 1" in done.stdout and "again: 0" in done.stdout, done.stderr
    assert f"newsweave: disk full while writing {store} (database or disk is full)" in done.stderr
    assert "run the ingest again, it goes on where this one stopped" in done.stderr
    assert f"{store}: 11 new of 11 articles read; store: 11 articles" in done.stderr


def test_sqlite_full_is_named_and_every_committed_batch_is_whole(tmp_path: Path) -> None:
    """SQLite's own SQLITE_FULL, for real: the store may not grow past `max_page_count`."""
    store = tmp_path / "news.db"
    connection = connect_writer(store)
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages + 40}")  # ~160 KB more
    articles = [
        make_article(f"Story {n} of the harbour. {PROSE * 8}", id=f"a{n}") for n in range(200)
    ]
    full = pytest.raises(NewsweaveError, match=f"disk full while writing {store}")
    with full, disk_full_named(store):
        add_articles(connection, articles, batch_size=10)
    connection.close()
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < stored < 200 and stored % 10 == 0, "only whole batches were committed"
