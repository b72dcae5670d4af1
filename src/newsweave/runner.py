"""Where the work runs: in this process, in a pool of worker processes, or on a Dask cluster.

A `Runner` holds that choice (how many workers, which executor, which scheduler), checked once
when it is made, and travels as one argument to every stage that spreads work out. Two kinds
of work are spread out, because each item is independent of the others:

- per-article stages (clean, repost and grouping signatures, the verification of candidate
  repost pairs): `Runner.map_batches`, over batches of `batch_size` articles, at most
  `2 x workers` batches in flight, so memory is bounded by the batch and not by the pile, and
  results come back in input order;
- briefs, per story: `Runner.map_stories`.

With `executor="dask"` both run on a Dask cluster through dask.bag (the address of a running
scheduler, or else dask's local process pool). What needs the whole pile stays in the driver
process in every mode: reading files (a stream), the repost indexes (LSH), the document
frequencies and story grouping (an online pass over one index). The results are the same
in every mode: the same functions run on the same items, in the same order.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, partial
from itertools import islice
from typing import Any, Protocol, TypeVar

from newsweave.errors import ConfigError

Item = TypeVar("Item")
Result = TypeVar("Result")

EXECUTORS = ("local", "dask")
BATCH_SIZE = 256  # articles per batch: large enough to hide the pickling, small for memory
DASK_WAVE = 64  # batches handed to Dask at once (one bag), so a long stream stays bounded
_OWNER_CHECK_SECONDS = 1.0  # how often a pool worker checks that its owner is still there

_clients: dict[str, Any] = {}
_open_pools: dict[int, ProcessPoolExecutor] = {}  # a session's pool, by number of workers


class Progress(Protocol):
    """Hears how far a phase of a long run has got: `progress(phase, done, total)`.

    One protocol for the pipeline, the store and the command line. `phase` is a short name
    ("reading", "cleaning", "signatures", "reposts", "grouping", "second look", "briefing";
    ingest also "writing"); `done` counts what is finished (files, articles, stories), `total`
    is how many there are, or None while that is not known. Called from the driver process
    only (never in workers), as often as once per article: a listener that draws must keep
    each call cheap and throttle its own redraws.
    """

    def __call__(self, phase: str, done: int, total: int | None, /) -> None: ...


def no_progress(phase: str, done: int, total: int | None, /) -> None:
    """The `Progress` that hears nothing (the default of the library's functions)."""


def default_workers() -> int:
    """The CPUs this process may use (the `--workers` default)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class Runner:
    """Where per-article and per-story work runs; `Runner()` is this process alone.

    `workers`: processes of the local pool (1: everything in this process); `executor`:
    "local" or "dask"; `scheduler`: the address of a running Dask scheduler (with "dask"
    only; without one, dask's local process pool). Checked when made: an unknown executor or
    a scheduler without Dask raises ConfigError here, before any work starts.
    """

    workers: int = 1
    executor: str = "local"
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.executor not in EXECUTORS:
            raise ConfigError(
                f"unknown executor {self.executor!r}; choose one of: {', '.join(EXECUTORS)}"
            )
        if self.scheduler and self.executor != "dask":
            raise ConfigError("--scheduler only applies with --executor dask")

    @contextmanager
    def session(self) -> Iterator[Runner]:
        """One local worker pool for every phase run inside, started now and closed at the end.

        A command that reads, groups and briefs would otherwise start a pool per phase, and
        each start is serial time no worker overlaps: on a 1,000-article pile a pool made for
        reading cost more wall time than cleaning in this process. Started here, on a thread
        (`_start_workers`), the workers come up while this process reads. Nested sessions
        share the outer pool; Dask and one worker ignore it.
        """
        if self.executor != "local" or self.workers <= 1 or self.workers in _open_pools:
            yield self
            return
        pool = _pool(self.workers)
        starting = threading.Thread(target=_start_workers, args=(pool, self.workers))
        starting.start()
        _open_pools[self.workers] = pool
        try:
            yield self
        finally:
            starting.join()
            del _open_pools[self.workers]
            pool.shutdown()

    def map_batches(
        self,
        work: Callable[[Item], Result],
        items: Iterable[Item],
        batch_size: int = BATCH_SIZE,
    ) -> Iterator[Result]:
        """`(work(item) for item in items)`, in input order, spread over processes by batches.

        Locally, runs in this process when `workers` is 1 or the input fits in one batch; with
        Dask, always on the cluster. `work` must be picklable (a module-level function, a
        `functools.partial` of one, or an instance). A `work` with an `over_batch` method (see
        `_run_batch`) is given whole batches instead of one item at a time.
        """
        iterator = iter(items)
        first = list(islice(iterator, batch_size))
        batches = _batches(first, iterator, batch_size)
        if self.executor == "local" and (self.workers <= 1 or len(first) < batch_size):
            for batch in batches:
                yield from _run_batch(work, batch)
            return
        if not first:
            return
        if self.executor == "dask":
            yield from _dask_batches(work, batches, self.scheduler)
            return
        with _pool_for(self.workers) as pool:
            pending: deque[Future[list[Result]]] = deque()
            for batch in batches:
                pending.append(pool.submit(_run_batch, work, batch))
                if len(pending) >= 2 * self.workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def ahead(
        self, work: Callable[[Item], Result], items: Sequence[Item], batch_size: int = BATCH_SIZE
    ) -> Callable[[], list[Result]] | None:
        """Start `work` over `items` on the open session's pool now; collect it later.

        For work whose results are wanted only after a serial step of this process (the
        sentences of a pile, split while this process groups it): the workers would otherwise
        wait idle through that step. Returns the collector, which gives `[work(item) ...]` in
        input order, or None where nothing was started (no session pool, one worker, Dask), so
        that the caller does the work where it would have done it anyway.
        """
        pool = _open_pools.get(self.workers) if self.executor == "local" else None
        if pool is None or not items:
            return None
        futures = [
            pool.submit(_run_batch, work, list(items[start : start + batch_size]))
            for start in range(0, len(items), batch_size)
        ]
        return lambda: [result for future in futures for result in future.result()]

    def map_stories(
        self,
        work: Callable[[Item], Result],
        items: Sequence[Item],
        progress: Progress = no_progress,
        phase: str = "briefing",
        each: Callable[[Result], object] | None = None,
    ) -> list[Result]:
        """`[work(item) for item in items]`, run where `executor` says, results in input order.

        Locally, `workers` > 1 spreads the items one at a time over a process pool (a story's
        brief is long enough that the pickling does not matter); with Dask, one item per task.
        `progress` hears `(phase, done, len(items))` as results come back (with Dask, at the
        end: the bag comes back whole), and `each` (if given) is called with each result then,
        in input order: this process renders a brief while the workers brief the next ones.
        """
        total = len(items)
        progress(phase, 0, total)
        if self.executor == "dask" and items:
            results = list(_dask_batches(work, iter([list(items)]), self.scheduler, per_task=1))
            progress(phase, total, total)
            return _counted(results, no_progress, phase, total, each)
        if self.workers <= 1 or len(items) < 2:
            return _counted((work(item) for item in items), progress, phase, total, each)
        with _pool_for(self.workers) as pool:
            return _counted(pool.map(work, items, chunksize=1), progress, phase, total, each)


def _counted(
    results: Iterable[Result],
    progress: Progress,
    phase: str,
    total: int,
    each: Callable[[Result], object] | None = None,
) -> list[Result]:
    """The results as a list, `progress` told of each as it comes and `each` given it."""
    done: list[Result] = []
    for result in results:
        done.append(result)
        progress(phase, len(done), total)
        if each is not None:
            each(result)
    return done


@contextmanager
def _pool_for(workers: int) -> Iterator[ProcessPoolExecutor]:
    """The open session's pool of `workers` (left open), or a pool for this phase alone."""
    if workers in _open_pools:
        yield _open_pools[workers]
        return
    with _pool(workers) as pool:
        yield pool


def _started() -> None:
    """A task that does nothing: submitted once per worker so that all of them start."""


def _start_workers(pool: ProcessPoolExecutor, workers: int) -> None:
    """Start every worker of `pool` now, not at the first batch (in a thread of its own).

    Each start waits for the forkserver, which imports the pipeline before its first fork
    (~0.25 s): on that thread, this process reads its first batch meanwhile. `submit` is
    thread-safe (it holds the pool's lock), so this process's own submits just queue.
    """
    for _ in range(workers):
        pool.submit(_started)


def _pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers start from a small preloaded server process, not as a fork
    of this one: a fork made after the pile was read would carry the whole pile in each
    worker (copy-on-write pages are copied as soon as Python touches their objects). As with
    spawn, each worker imports the main module again: a calling script needs the
    `if __name__ == "__main__":` guard (the `newsweave` command has it)."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_end_with,
        initargs=(os.getpid(),),
    )


def _end_with(owner: int) -> None:
    """In each worker: end it once the process that started the pool is gone.

    A pool's owner killed with SIGKILL (or by the out-of-memory killer) cannot tell its
    workers, and they would wait for work for ever, each holding its models (~450 MB for a
    brief worker). A thread checks every second that the owner still exists (on POSIX only:
    elsewhere `os.kill(pid, 0)` is not a probe, Windows ends the process with it).
    """
    if os.name != "posix":  # pragma: no cover - the project runs its pools on Linux
        return

    def watch() -> None:
        while True:
            time.sleep(_OWNER_CHECK_SECONDS)
            try:
                os.kill(owner, 0)
            except (ProcessLookupError, PermissionError):  # gone, or its pid is another's now
                os._exit(1)

    threading.Thread(target=watch, name="newsweave-owner-watch", daemon=True).start()


@cache
def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsweave.pipeline"])
    return context


def _batches(first: list[Item], rest: Iterator[Item], size: int) -> Iterator[list[Item]]:
    if first:
        yield first
    while batch := list(islice(rest, size)):
        yield batch


def _run_batch(work: Callable[[Item], Result], batch: list[Item]) -> list[Result]:
    """`[work(item) for item in batch]`, or `work.over_batch(batch)` where `work` has one.

    A work of several stages defines `over_batch` to run each stage over the whole batch
    before the next, so that each stage's code and tables stay in the processor's caches:
    with the repost fingerprints and term counts taken that way, `stories` on the 10k bench
    corpus took 8 % less CPU (28.4 s against 30.9, three runs of each, alternated).
    """
    over_batch: Callable[[list[Item]], list[Result]] | None = getattr(work, "over_batch", None)
    if over_batch is not None:
        return over_batch(batch)
    return [work(item) for item in batch]


def _run_partition(work: Callable[[Item], Result], partition: Iterable[Item]) -> list[Result]:
    """`_run_batch` over one dask.bag partition."""
    return _run_batch(work, list(partition))


def _dask_batches(
    work: Callable[[Item], Result],
    batches: Iterator[list[Item]],
    scheduler: str | None,
    per_task: int | None = None,
) -> Iterator[Result]:
    """Results of `work` over the batches, each wave of batches one dask.bag in order."""
    dask_bag = _import_dask()
    while wave := list(islice(batches, DASK_WAVE)):
        items = [item for batch in wave for item in batch]
        size = per_task or len(wave[0])
        bag = dask_bag.from_sequence(items, partition_size=size).map_partitions(
            partial(_run_partition, work)
        )
        if scheduler:
            yield from _client(scheduler).compute(bag).result()
        else:
            yield from bag.compute(scheduler="processes")


def _import_dask() -> Any:
    try:
        import dask.bag as dask_bag
    except ImportError as error:  # pragma: no cover - depends on the install
        raise ConfigError(
            "--executor dask needs the dask extra: pip install 'newsweave[dask]'"
        ) from error
    return dask_bag


def _client(address: str) -> Any:
    """One connection per scheduler address for the life of this process."""
    if address not in _clients:
        try:
            from dask.distributed import Client
        except ImportError as error:  # pragma: no cover - depends on the install
            raise ConfigError("--scheduler needs dask.distributed (newsweave[dask])") from error
        try:
            client = Client(address, set_as_default=False, timeout=30)  # type: ignore[no-untyped-call]
        except OSError as error:
            raise ConfigError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        if not _clients:
            atexit.register(close_clients)
        _clients[address] = client
    return _clients[address]


def close_clients() -> None:
    """Close this process's scheduler connections (at exit, or before a caller stops the
    cluster it started: a client left open then waits 30 s to reconnect)."""
    while _clients:
        _clients.popitem()[1].close()
