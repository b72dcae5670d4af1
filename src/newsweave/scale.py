"""Where the per-story work runs: in this process, or on a Dask cluster.

Only briefing is distributed: it is per story, independent, and by far the costliest stage
(models run inside each story). Reading, repost detection and grouping need the whole pile's
indexes and stay in the driver process.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from newsweave.errors import ConfigError

Item = TypeVar("Item")
Result = TypeVar("Result")

EXECUTORS = ("local", "dask")


def map_stories(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    executor: str = "local",
    scheduler: str | None = None,
) -> list[Result]:
    """`[work(item) for item in items]`, run where `executor` says, results in input order."""
    if executor == "local":
        if scheduler:
            raise ConfigError("--scheduler only applies with --executor dask")
        return [work(item) for item in items]
    if executor != "dask":
        raise ConfigError(f"unknown executor {executor!r}; choose one of: {', '.join(EXECUTORS)}")
    try:
        import dask.bag as dask_bag
    except ImportError as error:  # pragma: no cover - depends on the install
        raise ConfigError(
            "--executor dask needs the dask extra: pip install 'newsweave[dask]'"
        ) from error
    partitions = max(1, min(len(items), 32))
    bag = dask_bag.from_sequence(list(items), npartitions=partitions)  # type: ignore[no-untyped-call]
    if scheduler:
        from dask.distributed import Client

        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            return list(client.compute(bag.map(work)).result())
    return list(bag.map(work).compute(scheduler="processes"))
