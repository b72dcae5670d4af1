"""`make bench`: throughput, peak memory and growth of newsweave's stages, beside a baseline.

Corpora of 1k, 10k and 100k articles (`--sizes`) come from bench/corpus.py: real stories from
../shared/data and the examples, retold with other names, numbers, words, dates and outlets,
written once as crawler JSON Lines (bench/out/corpus-N.jsonl). With `--copies 0.333`, that
share of each corpus is wire copies of its other articles, reposted, trimmed or lightly
rewritten (`corpus.copy_rich`; bench/out/corpus-copies-N.jsonl): the pile issue #24 measures.
Each measurement runs in a fresh child process that starts from that file, so its peak RSS
is its own:

    stories     what `newsweave stories FILE` does: read + clean (--workers processes), then
                reposts + grouping (`group_stories`); `read_s` is the reading part
    brief       briefs of every story of a --brief-size corpus (map_stories, --workers
                processes; reading and grouping not timed); brief-fast: the same with --fast
                on a --fast-size corpus
    dask        read + stories + brief of that corpus on a LocalCluster of 2 worker processes
                (dask-fast: with --fast)
    baseline    TF-IDF + scikit-learn agglomerative grouping on the 10k corpus (or the largest
                size it finishes within --baseline-timeout)

`B3 F1` is the B-cubed F1 of a grouping over the articles whose true story is known: those
retold from a labelled stories-dev cluster, each (cluster, variant) one story (about half of
each corpus; `corpus.gold_stories`). It shows whether grouping holds up as the pile grows.

With `--baseline REF` (a git ref, exported once to bench/out/build-SHA) only `stories` runs, at
each size, that build and this tree alternately (`--repeat` times), each run in a fresh child
with the build's sources first on its path, and a line gives each pair's CPU and wall ratio:

    python bench/run.py --sizes 10000 --copies 0.333 --workers 2 --baseline bf2531c --repeat 2

Figures are printed, not asserted. Seconds are wall time; `cpu s` adds the worker processes'
CPU; `peak MB` is the main process's peak RSS, `worker_peak_mb` the largest RSS a worker
process reached and `workers_peak_mb` the largest sum of their proportional set sizes (pages
shared with the forkserver counted once; sampled every 0.2 s).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import OUT, REPO, copy_rich, corpus, gold_stories, write_jsonl

if TYPE_CHECKING:
    from newsweave.runner import Runner


def _cpu() -> float:
    own, kids = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Descendants(threading.Thread):
    """Samples the worker processes (children, and the forkserver's children) every 0.2 s:
    the largest resident size one reached, the largest sum, and their CPU seconds."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.peak_one = self.peak_all = 0.0
        self.cpu: dict[int, float] = {}

    def run(self) -> None:
        while not self.stop.wait(0.2):
            sizes: list[float] = []
            shares: list[float] = []  # proportional: pages shared with the forkserver split
            for pid in _descendants(os.getpid()):
                try:
                    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                sizes.append(_kilobytes(rollup, "Rss:") / 1024)
                shares.append(_kilobytes(rollup, "Pss:") / 1024)
                ticks = os.sysconf("SC_CLK_TCK")
                self.cpu[pid] = (int(fields[11]) + int(fields[12])) / ticks
            if sizes:
                self.peak_one = max(self.peak_one, max(sizes))
                self.peak_all = max(self.peak_all, sum(shares))


def _kilobytes(rollup: str, key: str) -> int:
    return next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith(key)), 0)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(stat[1]), []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _timed(figures: dict[str, Any], count: int, action: Any) -> Any:
    watch = _Descendants()
    watch.start()
    wall, cpu = time.perf_counter(), _cpu()
    result = action()
    seconds, own = time.perf_counter() - wall, _cpu() - cpu
    watch.stop.set()
    watch.join()
    figures.update(articles=count, seconds=seconds, cpu=own + sum(watch.cpu.values()))
    figures.update(worker_peak_mb=watch.peak_one, workers_peak_mb=watch.peak_all)
    return result


_PILE = {"copies": 0.0}  # share of wire copies in the corpora (`--copies`)


def _corpus_file(size: int) -> Path:
    share = _PILE["copies"]
    return OUT / (f"corpus-copies-{size}.jsonl" if share else f"corpus-{size}.jsonl")


def _read(size: int, runner: Runner) -> list:
    from newsweave.models import Article
    from newsweave.pipeline import read_articles

    items = read_articles([_corpus_file(size)], runner=runner, split=False)
    return [a for a in items if isinstance(a, Article)]


def _child(stage: str, size: int, workers: int) -> dict[str, Any]:
    """One measurement, in this (child) process."""
    from newsweave.pipeline import brief_story, group_stories
    from newsweave.runner import Runner

    figures: dict[str, Any] = {}
    runner = Runner(workers)
    if stage == "prepare":
        if not _corpus_file(size).exists():
            OUT.mkdir(parents=True, exist_ok=True)
            share = _PILE["copies"]
            articles = copy_rich(size, share) if share else corpus(size)
            write_jsonl(articles, _corpus_file(size))
        figures.update(articles=size, seconds=0.0, cpu=0.0)
    elif stage == "stories":  # what `newsweave stories FILE` does, without the output

        def run() -> list:
            start = time.perf_counter()
            articles = _read(size, runner)
            figures["read_s"] = round(time.perf_counter() - start, 2)
            return group_stories(articles, runner=runner)

        stories = _timed(figures, size, run)
        figures["stories"] = len(stories)
        figures["bcubed_f1"] = _bcubed_f1([[a.id for a in story.articles] for story in stories])
    elif stage in ("brief", "brief-fast"):
        stories = group_stories(_read(size, runner), runner=runner)
        work = partial(brief_story, fast=stage == "brief-fast")
        _timed(figures, size, lambda: runner.map_stories(work, stories))
        figures["stories"] = len(stories)
    elif stage in ("dask", "dask-fast"):
        from dask.distributed import LocalCluster

        from newsweave.runner import close_clients

        work = partial(brief_story, fast=stage == "dask-fast")
        with LocalCluster(n_workers=2, processes=True, threads_per_worker=1) as cluster:
            address = cluster.scheduler_address

            def run_dask() -> int:
                on_dask = Runner(executor="dask", scheduler=address)
                stories = group_stories(_read(size, on_dask), runner=on_dask)
                on_dask.map_stories(work, stories)
                return len(stories)

            figures["stories"] = _timed(figures, size, run_dask)
            close_clients()  # before the cluster stops, or the client waits to reconnect
    elif stage == "baseline":
        from newsweave.evaluation.stories import SYSTEMS

        articles = _read(size, runner)
        groups = _timed(figures, size, lambda: SYSTEMS["tfidf-agglomerative"](articles))
        figures["stories"] = len(groups)
        figures["bcubed_f1"] = _bcubed_f1(groups)
    figures["peak_mb"] = _peak_mb()
    return figures


def _bcubed_f1(groups: list[list[str]]) -> float | None:
    """B-cubed F1 of a grouping over the corpus articles whose true story is known
    (`corpus.gold_stories`), or None without ../shared/data."""
    from newsweave.evaluation.bcubed import bcubed

    predicted = {article: number for number, group in enumerate(groups) for article in group}
    gold = gold_stories(list(predicted))
    if not gold:
        return None
    return round(bcubed(gold, {article: predicted[article] for article in gold}).f1, 4)


def _run_child(
    stage: str, size: int, workers: int, timeout: float, src: Path | None = None
) -> dict[str, Any] | None:
    """One measurement in a fresh child process, with `src` (another build's sources) first on
    its path when given."""
    command = [sys.executable, __file__, "--child", stage, str(size), "--workers", str(workers)]
    command += ["--copies", str(_PILE["copies"])]
    env = {**os.environ, "PYTHONPATH": str(src)} if src else None
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        print(f"{stage} {size}: over {timeout:.0f} s, stopped", flush=True)
        return None
    if done.returncode != 0:
        print(f"{stage} {size}: failed\n{done.stderr[-1500:]}", flush=True)
        return None
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  {stage:<9}{size:>8}: {figures}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated"
    )
    parser.add_argument(
        "--brief-size", type=int, default=300, help="articles in the corpus briefed in full mode"
    )
    parser.add_argument(
        "--fast-size", type=int, default=1000, help="articles in the corpus briefed with --fast"
    )
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--baseline-timeout", type=float, default=300)
    parser.add_argument(
        "--copies",
        type=float,
        default=0.0,
        help="share of wire copies (reposted, trimmed, lightly rewritten) in every corpus",
    )
    parser.add_argument(
        "--baseline",
        help="git ref of a build to time `stories` against (no other stage): the two builds "
        "alternate, each --repeat times, and a line gives each run's ratio",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each build (--baseline)")
    parser.add_argument("--child", nargs=2, metavar=("STAGE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    _PILE["copies"] = args.copies
    if args.child:
        print(json.dumps(_child(args.child[0], int(args.child[1]), args.workers)))
        return
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if args.baseline:
        _against(args.baseline, sizes, args.workers, args.repeat)
        return
    hour = 3600.0
    print(f"sizes {sizes}, {args.workers} workers, {os.cpu_count()} CPUs", flush=True)
    for size in sorted({*sizes, args.brief_size, args.fast_size}):
        _run_child("prepare", size, args.workers, hour)
    rows: list[tuple[str, dict[str, Any]]] = []
    for stage, size in [("stories", n) for n in sizes] + [
        ("brief", args.brief_size),
        ("brief-fast", args.fast_size),
        ("dask", args.brief_size),
        ("dask-fast", args.fast_size),
    ]:
        figures = _run_child(stage, size, args.workers, hour)
        if figures:
            rows.append((f"{stage} {size}", figures))
    for size in sorted((n for n in sizes if n <= 10000), reverse=True):
        figures = _run_child("baseline", size, 1, args.baseline_timeout)
        if figures:
            rows.append((f"baseline tfidf-agglomerative {size}", figures))
            break
    _print(rows)


def _against(baseline: str, sizes: list[int], workers: int, repeat: int) -> None:
    """`stories` of each size with the `baseline` build and this tree, alternately (so both
    see the same load on a shared machine), and the ratio of CPU and wall time of each pair."""
    from brief_speed import exported_tree

    builds = {"baseline": exported_tree(baseline) / "src", "current": REPO / "src"}
    hour = 3600.0
    print(f"sizes {sizes}, {workers} workers; baseline {baseline}: {builds['baseline']}")
    for size in sizes:
        _run_child("prepare", size, workers, hour)
    for size in sizes:
        for turn in range(repeat):
            found = {
                name: _run_child("stories", size, workers, hour, src)
                for name, src in builds.items()
            }
            base, now = found["baseline"], found["current"]
            if base and now:
                print(
                    f"stories {size} run {turn + 1}: CPU {base['cpu']:.1f} -> {now['cpu']:.1f} s "
                    f"({now['cpu'] / base['cpu']:.2f}x), wall {base['seconds']:.1f} -> "
                    f"{now['seconds']:.1f} s ({now['seconds'] / base['seconds']:.2f}x), "
                    f"{size / now['cpu']:.0f} articles per CPU s, peak MB {now['peak_mb']:.0f}",
                    flush=True,
                )


def _print(rows: list[tuple[str, dict[str, Any]]]) -> None:
    print(f"\n{'stage':<36}{'articles':>9}{'stories':>9}{'seconds':>9}{'cpu s':>8}"
          f"{'articles/s':>11}{'peak MB':>9}{'workers MB':>11}{'B3 F1':>7}")  # fmt: skip
    times = {}
    for label, r in rows:
        rate = r["articles"] / r["seconds"] if r["seconds"] else float("inf")
        times[label] = r["seconds"]
        print(f"{label:<36}{r['articles']:>9}{r.get('stories', ''):>9}{r['seconds']:>9.1f}"
              f"{r['cpu']:>8.1f}{rate:>11.0f}{r['peak_mb']:>9.0f}"
              f"{r.get('workers_peak_mb', 0):>11.0f}"
              f"{r.get('bcubed_f1') or '':>7}")  # fmt: skip
    stories = sorted((int(k.split()[1]), v) for k, v in times.items() if k.startswith("stories"))
    for (n1, t1), (n2, t2) in itertools.pairwise(stories):
        print(f"growth stories: time({n2})/time({n1}) = {t2 / t1:.1f} for {n2 / n1:.0f}x articles")


if __name__ == "__main__":
    main()
