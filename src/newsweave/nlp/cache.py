"""What the models said about a text, kept on disk by content hash, so a re-brief skips them.

Briefing a story again (the next `brief` of a growing pile, an `ingest` that adds one article to
a story of twenty) would run spaCy and MiniLM again over every unchanged article. The answers
depend only on the text and the model, so they are kept in one SQLite file in the user's cache
folder (`$XDG_CACHE_HOME/newsweave/models.sqlite`, else `~/.cache/newsweave/`), keyed by what
was asked (`kind`, which names the model and its version) and the BLAKE2 hash of the text.

The file is bounded: `[brief] cache_entries` rows, the least recently used dropped first
(`0` turns the cache off). A cache that cannot be opened or written (a read-only home, a
damaged file, another process holding the lock too long) is skipped: a brief never fails for
want of its cache, it only runs the models again.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

from newsweave.config import settings

_SCHEMA = """
create table if not exists answers (
    kind text not null,
    key blob not null,
    value blob not null,
    used real not null,
    primary key (kind, key)
) without rowid;
create index if not exists answers_used on answers (used);
"""
# SQLite's limit on the parameters of one statement is 32,766; stay well below it.
_CHUNK = 500


def cache_folder() -> Path:
    """Where the cache file lives: `[brief] cache_dir`, else the user's cache folder."""
    chosen = settings("brief").cache_dir
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsweave"


def code_stamp(*files: str) -> str:
    """A short hash of source files: part of a kind whose answers those files compute, so an
    edited rule never reads answers its older self kept."""
    digest = hashlib.blake2b(digest_size=6)
    for name in files:
        digest.update(Path(name).read_bytes())
    return digest.hexdigest()


def text_key(text: str) -> bytes:
    """The content hash a text is kept under (16 bytes of BLAKE2b)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class AnswerCache:
    """Bytes per (kind, text), in one SQLite file of at most `entries` rows."""

    def __init__(self, path: Path, entries: int):
        self.path = path
        self.entries = entries
        self._db: sqlite3.Connection | None = None
        self._broken = entries <= 0

    def _connect(self) -> sqlite3.Connection | None:
        if self._broken:
            return None
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
                db.execute("pragma journal_mode=wal")
                db.execute("pragma synchronous=normal")
                db.executescript(_SCHEMA)
            except (OSError, sqlite3.Error):
                self._broken = True
                return None
            self._db = db
        return self._db

    def get(self, kind: str, texts: Iterable[str]) -> dict[str, bytes]:
        """The kept answers of `kind` for those of `texts` that have one, by text."""
        wanted = {text_key(t): t for t in texts}
        db = self._connect()
        if db is None or not wanted:
            return {}
        found: dict[str, bytes] = {}
        keys = list(wanted)
        try:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"select key, value from answers where kind = ? and key in ({marks})",
                    [kind, *chunk],
                ).fetchall()
                found.update((wanted[bytes(key)], bytes(value)) for key, value in rows)
                db.execute(
                    f"update answers set used = ? where kind = ? and key in ({marks})",
                    [time.time(), kind, *chunk],
                )
        except sqlite3.Error:
            self._broken = True
            return {}
        return found

    def put(self, kind: str, answers: Mapping[str, bytes]) -> None:
        """Keep `answers` (text -> bytes) of `kind`, then drop the oldest rows over the bound."""
        db = self._connect()
        if db is None or not answers:
            return
        now = time.time()
        rows = [(kind, text_key(text), value, now) for text, value in answers.items()]
        try:
            with db:
                db.execute("begin immediate")
                db.executemany("insert or replace into answers values (?, ?, ?, ?)", rows)
                (count,) = db.execute("select count(*) from answers").fetchone()
                if count > self.entries:
                    db.execute(
                        "delete from answers where (kind, key) in"
                        " (select kind, key from answers order by used limit ?)",
                        (count - self.entries,),
                    )
        except sqlite3.Error:
            self._broken = True


def answer_cache() -> AnswerCache:
    """The cache `[brief]` (and `XDG_CACHE_HOME`) now name; one connection per file and
    process."""
    return _opened(cache_folder() / "models.sqlite", settings("brief").cache_entries)


@cache
def _opened(path: Path, entries: int) -> AnswerCache:
    return AnswerCache(path, entries)


def cached(
    kind: str, texts: Sequence[str], compute: Callable[[list[str]], list[bytes]]
) -> list[bytes]:
    """`compute(texts)`, with the answers kept for earlier texts read from the cache instead;
    `compute` gets only the distinct texts the cache lacks, in their first order."""
    store = answer_cache()
    known = store.get(kind, texts)
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        fresh = dict(zip(missing, compute(missing), strict=True))
        store.put(kind, fresh)
        known.update(fresh)
    return [known[t] for t in texts]
