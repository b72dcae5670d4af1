"""What one ingest of new articles costs as the store grows (issue #24: incremental ingest).

For each store size N (`--sizes`), a store of the first N articles of a bench corpus
(bench/corpus.py) is built once (added and grouped whole, cached in bench/out/), copied, and
the same `--new` articles (the corpus's articles N_max .. N_max + new, so every size gets the
very same ones) are added and grouped into the copy, as `newsweave ingest` does: `add` writes
the records, `group` places them among the stored stories (store/incremental.py). Briefing is
not timed: it costs per changed story, not per stored article, and is the same code as before.

With `--old`, the whole-store regroup that ingest ran before (store/regroup.py) is timed too on
each copy, for comparison (`old s`).

With `--quality`, no timing: stories-dev (../shared/data) is grouped in one run and in
ingests of `--batch` articles (in publication order, as feeds arrive, and in file order, where
each ingest holds one source's articles of any date), and the B-cubed F1 of each grouping is
printed against the one run and against the gold labels.

Figures are printed, not asserted: wall seconds, and the CPU seconds of this process (all the
work: one worker), the figure to compare on a shared machine, where wall time follows the load;
each measurement is the run of least CPU of `--repeat`.

    python bench/ingest_incremental.py --sizes 0 10000 30000 --new 1000
    python bench/ingest_incremental.py --quality --batch 100
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import OUT, SHARED_DATA, corpus

from newsweave.config import settings
from newsweave.evaluation.bcubed import BCubed
from newsweave.models import Article
from newsweave.store.grouping_index import ensure_index, has_sums
from newsweave.store.incremental import fill_sums, group_new
from newsweave.store.ingest import add_articles
from newsweave.store.regroup import canonical_order, regroup
from newsweave.store.schema import connect_writer

WORDS = 100


def built_store(size: int) -> Path:
    """A store of the first `size` corpus articles, grouped whole (built once, then reused).

    A store built before the story sums were kept gets them here, once, as its next ingest
    would (`fill_sums`), so that the ingests timed are the steady state."""
    path = OUT / f"incremental-store-{size}.db"
    if not path.exists():
        started = time.perf_counter()
        partial = path.with_suffix(".part")
        partial.unlink(missing_ok=True)
        with closing(connect_writer(partial)) as connection:
            add_articles(connection, corpus(size), 500)
            group_new(connection, WORDS)
        partial.rename(path)
        print(f"  built the {size:,}-article store in {time.perf_counter() - started:.1f} s")
    with closing(connect_writer(path)) as connection:
        if ensure_index(connection) and not has_sums(connection):
            started = time.perf_counter()
            fill_sums(connection, settings("cluster"))
            print(f"  the {size:,}-article store's sums in {time.perf_counter() - started:.1f} s")
    return path


def timed_ingest(store: Path, new: list[Article], old: bool) -> tuple[float, float, float, float]:
    """(add s, group s, CPU s of both, old whole regroup s or nan) of `new` into a copy of
    `store` (one process: `group_new`'s default runner has one worker)."""
    copy = store.with_suffix(".copy")
    for suffix in ("-wal", "-shm"):  # a killed run's log would replay into the fresh copy
        Path(str(copy) + suffix).unlink(missing_ok=True)
    shutil.copyfile(store, copy)
    try:
        with closing(connect_writer(copy)) as connection:
            started, cpu = time.perf_counter(), time.process_time()
            add_articles(connection, new, 200)
            added = time.perf_counter()
            group_new(connection, WORDS)
            grouped, cpu = time.perf_counter(), time.process_time() - cpu
            whole = float("nan")
            if old:
                regroup(connection, WORDS)
                whole = time.perf_counter() - grouped
        return added - started, grouped - added, cpu, whole
    finally:
        copy.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)


def grouped(store: Path, batches: list[list[Article]]) -> dict[str, str]:
    """Each batch added and grouped as one ingest; article id -> story id."""
    store.unlink(missing_ok=True)
    with closing(connect_writer(store)) as connection:
        for batch in batches:
            add_articles(connection, batch, 200)
            group_new(connection, WORDS)
        found = dict(connection.execute("SELECT article, story FROM story_articles"))
    store.unlink()
    return found


def quality(batch: int) -> None:
    """B-cubed of stories-dev in ingests of `batch` against one run and the gold labels."""
    from newsweave.evaluation.bcubed import bcubed
    from newsweave.pipeline import read_articles

    path = SHARED_DATA / "stories-dev.jsonl"
    gold = {str(r["id"]): str(r["cluster"]) for r in map(json.loads, path.open(encoding="utf-8"))}
    articles = [a for a in read_articles([path]) if isinstance(a, Article)]
    store = OUT / "incremental-quality.db"
    one_run = grouped(store, [articles])
    print(f"stories-dev, {len(articles):,} articles; B-cubed F1 (precision, recall)")
    print(f"  one run vs gold: {_shown(bcubed(gold, one_run))}")
    for order, ordered in (
        ("publication order", sorted(articles, key=canonical_order)),
        ("file order", articles),
    ):
        batches = [ordered[n : n + batch] for n in range(0, len(ordered), batch)]
        small = grouped(store, batches)
        print(
            f"  {len(batches)} ingests of {batch}, {order}: vs one run "
            f"{_shown(bcubed(one_run, small))}; vs gold {_shown(bcubed(gold, small))}"
        )


def _shown(score: BCubed) -> str:
    return f"{score.f1:.3f} ({score.precision:.3f}, {score.recall:.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 10_000, 30_000])
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--old", action="store_true", help="also time the whole regroup")
    parser.add_argument("--quality", action="store_true", help="B-cubed on stories-dev instead")
    parser.add_argument("--batch", type=int, default=100, help="articles per ingest (--quality)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.quality:
        quality(args.batch)
        return
    largest = max(args.sizes)
    new = corpus(largest + args.new, start=largest)
    print(f"{args.new:,} new articles into stores of {', '.join(f'{s:,}' for s in args.sizes)}")
    print(
        f"{'store':>8} {'add s':>7} {'group s':>8} {'total s':>8} {'x empty':>8}"
        f" {'CPU s':>7} {'x empty':>8} {'old s':>7}"
    )
    empty: tuple[float, float] | None = None
    for size in sorted(args.sizes):
        store = built_store(size)
        runs = [timed_ingest(store, new, args.old) for _ in range(args.repeat)]
        add, group, cpu, whole = min(runs, key=lambda run: run[2])
        total = add + group
        empty = (total, cpu) if empty is None else empty
        print(
            f"{size:>8,} {add:>7.2f} {group:>8.2f} {total:>8.2f} {total / empty[0]:>8.2f}"
            f" {cpu:>7.2f} {cpu / empty[1]:>8.2f} {whole:>7.2f}"
        )


if __name__ == "__main__":
    main()
