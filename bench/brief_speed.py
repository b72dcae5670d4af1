"""Articles a second of `newsweave brief`, default mode and --fast, beside a baseline build.

    python bench/brief_speed.py [--pile duc|stories] [--size 1000] [--baseline REF]
                                [--workers 1] [--modes default,fast] [--repeat 1]

The pile is real text: the first `--size` articles of the DUC 2006/2007 clusters
(`../shared/data/summaries-dev-duc2006-2007.jsonl`, 1,340 articles of AP, NYT and Xinhua) or of
stories-dev (1,242 articles of 213 events), written once as crawler JSON Lines under
bench/out/. The baseline is `--baseline` (default `main`) exported with `git archive` to
bench/out/build-SHA; each measurement runs `newsweave brief PILE [--fast]` in a fresh child
process with that build's `src/` first on the path, baseline and current alternately, so both
see the same machine load.

Printed per run: wall seconds, CPU seconds of the child and its reaped children, and articles
a second by wall time and by CPU. With `--workers 1` (the default) everything runs in the
child, so the CPU is exact and `2-core/s` (= 2 × articles ÷ CPU s) is what two busy cores would
reach: on a shared machine the wall time says more about the neighbours than about newsweave.
With more workers the CPU of the pool (a forkserver's children) is not counted; read the wall.
Each run gets an empty cache folder (`XDG_CACHE_HOME`), so it measures a first brief;
`--cached` briefs twice into one folder and times the second: a re-brief of unchanged articles.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import OUT, REPO, SHARED_DATA

PILES = {
    "duc": ("summaries-dev-duc2006-2007.jsonl", "articles"),
    "stories": ("stories-dev.jsonl", None),
}


def real_pile(name: str, size: int) -> Path:
    """The first `size` articles of a shared data set as crawler JSON Lines (written once)."""
    file_name, nested = PILES[name]
    path = OUT / f"brief-pile-{name}-{size}.jsonl"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, object]] = []
    with (SHARED_DATA / file_name).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            records.extend(record[nested] if nested else [record])
            if len(records) >= size:
                break
    keys = ("id", "title", "text", "published", "outlet")
    with path.open("w", encoding="utf-8") as out:
        for record in records[:size]:
            out.write(json.dumps({k: record.get(k) for k in keys}) + "\n")
    return path


def exported_tree(ref: str) -> Path:
    """`ref` of this repository exported to bench/out/build-SHA (once per commit)."""
    sha = subprocess.run(
        ["git", "rev-parse", ref], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.strip()
    tree = OUT / f"build-{sha[:12]}"
    if not (tree / "src").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha], cwd=REPO, check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_brief(tree: Path, pile: Path, fast: bool, workers: int, cache: Path) -> tuple[float, float]:
    """(wall s, CPU s) of one `newsweave brief` of `pile` with `tree`'s sources."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "XDG_CACHE_HOME": str(cache)}
    command = [sys.executable, "-m", "newsweave", "brief", str(pile), "-q", "-o", os.devnull]
    command += ["--workers", str(workers)] + (["--fast"] if fast else [])
    cpu, began = _cpu_children(), time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=tree, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began, _cpu_children() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pile", choices=sorted(PILES), default="duc")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--baseline", default="main", help="git ref of the baseline build")
    parser.add_argument("--current", help="git ref of the build to measure (default: this tree)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--modes", default="default,fast")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--builds", default="baseline,current", help="which builds to run")
    parser.add_argument("--cached", action="store_true", help="time a re-brief (cache on)")
    args = parser.parse_args()
    pile = real_pile(args.pile, args.size)
    current = exported_tree(args.current) if args.current else REPO
    builds = {"baseline": exported_tree(args.baseline), "current": current}
    builds = {name: builds[name] for name in args.builds.split(",")}
    print(f"pile {pile.name} ({args.size} articles), workers {args.workers}, cpus {os.cpu_count()}")
    heads = ("wall s", "CPU s", "wall/s", "CPU/s")
    print(f"{'build':<10}{'mode':<9}" + "".join(f"{h:>9}" for h in heads) + f"{'2-core/s':>10}")
    for _ in range(args.repeat):
        for mode in args.modes.split(","):
            for name, tree in builds.items():
                fast = mode == "fast"
                with tempfile.TemporaryDirectory() as cache:
                    if args.cached:
                        run_brief(tree, pile, fast, args.workers, Path(cache))  # fills it
                    wall, cpu = run_brief(tree, pile, fast, args.workers, Path(cache))
                    rates = (args.size / wall, args.size / cpu, 2 * args.size / cpu)
                    print(
                        f"{name:<10}{mode:<9}{wall:>9.1f}{cpu:>9.1f}"
                        + "".join(f"{r:>9.1f}" for r in rates[:2])
                        + f"{rates[2]:>10.1f}",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
