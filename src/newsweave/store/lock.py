"""One writer at a time: an `ingest` holds an exclusive lock on `STORE.lock` while it works.

Two ingests into one store at once each regrouped and briefed while the other replaced the
stories under it (one died with "story ... has no articles"). SQLite's own locks guard each
transaction, not a run of them, so an ingest takes this lock before its first step and keeps
it to its last; a second one waits for it, saying so, up to `[store] lock_wait` seconds.

The lock is an advisory lock (`flock`) on a file of its own beside the store: SQLite's locks
are POSIX locks on the database file, which the same process must never open and close
beside SQLite (that would drop SQLite's). The system releases the lock when its process
ends, however it ends (SIGKILL included), so a killed ingest leaves no stale lock; the file
itself stays, since removing it would race with an ingest that is opening it. `serve` takes
no lock: it reads in WAL mode while an ingest writes. (`flock` is POSIX, as the worker pool's
forkserver already is.)
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from newsweave.errors import NewsweaveError

# How often a waiting ingest tries the lock again, in seconds.
_RETRY_EVERY = 0.2


@contextmanager
def writer_lock(
    store: Path, wait: float, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the store's writer lock for the block; wait for it up to `wait` seconds (telling
    `on_wait` once), else NewsweaveError: another ingest is running."""
    path = store.with_name(store.name + ".lock")
    try:
        handle = path.open("a+b")
    except OSError as error:
        reason = error.strerror or error
        raise NewsweaveError(f"{store}: cannot lock the store ({reason})") from None
    with handle:
        deadline = time.monotonic() + wait
        told = False
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise NewsweaveError(
                    f"another ingest of {store} is running (waited {wait:g} s for it); "
                    "run this one again when it has finished"
                )
            if not told and on_wait:
                on_wait(f"waiting for another ingest of {store}… (up to {wait:g} s)")
                told = True
            time.sleep(_RETRY_EVERY)
        yield  # the lock goes with the handle, closed on the way out


def _try_lock(handle: IO[bytes]) -> bool:
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
