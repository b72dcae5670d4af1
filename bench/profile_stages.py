"""Where `newsweave stories` spends its time: CPU per article for each stage, on one JSONL file.

    .venv/bin/python bench/profile_stages.py bench/out/corpus-10000.jsonl [--limit N]

Stages as `newsweave stories` runs them, each timed alone in this one process (CPU time; on
a busy machine compare runs made one after the other, not across days):

    read         parse the file into RawArticles (newsweave.readers.read)
    clean        clean() without the sentence split (`stories` never splits)
    fingerprint  the repost fingerprint: tokens, anchors, shingle hashes, two signatures
    counts       the grouping term counts and their hashed ids (count + compact)
    dedup        mark_duplicates() from those fingerprints: the LSH indexes and verification
    group        group() from those counts: idf, the online pass and its second looks

`fingerprint` and `counts` run in the worker pool in `stories`, with `clean` and the
verification part of `dedup`; `group` runs in the main process. With --profile STAGE, the
cProfile listing (top 25 by own time) of that stage follows. With --interleaved, the two
worker stages are also timed article by article (fingerprint, counts, next article), the
order `stories` used before its workers took batches stage by stage.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsweave.clean.cleaner import clean
from newsweave.config import settings
from newsweave.dedup.reposts import Fingerprints, mark_duplicates
from newsweave.grouping.counting import count_pile, weights_of
from newsweave.grouping.features import count
from newsweave.grouping.online import group
from newsweave.grouping.profiles import compact
from newsweave.models import RawArticle
from newsweave.readers import read

STAGES = ("read", "clean", "fingerprint", "counts", "dedup", "group")


def _timed(function: Callable[[], Any], profiler: cProfile.Profile | None) -> tuple[Any, float]:
    """`function()`'s result and the CPU seconds it took (under `profiler` when given)."""
    start = time.process_time()
    result = profiler.runcall(function) if profiler else function()
    return result, time.process_time() - start


def run(
    path: Path, limit: int | None = None, profile: str | None = None, interleaved: bool = False
) -> str:
    """The table of CPU time per article by stage (and a profile of one stage if asked)."""
    profilers = {stage: cProfile.Profile() if stage == profile else None for stage in STAGES}
    items, seconds = _timed(lambda: list(read([path])), profilers["read"])
    raws = [item for item in items if isinstance(item, RawArticle)][:limit]
    times = {"read": seconds * len(raws) / max(len(items), 1)}
    articles, times["clean"] = _timed(
        lambda: [clean(raw, split=False) for raw in raws], profilers["clean"]
    )
    knobs = settings("cluster")
    fingerprint, weights = Fingerprints(), weights_of(knobs)
    prints, times["fingerprint"] = _timed(
        lambda: [fingerprint(article) for article in articles], profilers["fingerprint"]
    )
    compacts, times["counts"] = _timed(
        lambda: [compact(count(article, weights)) for article in articles], profilers["counts"]
    )
    marked, times["dedup"] = _timed(
        lambda: mark_duplicates(articles, prints=prints), profilers["dedup"]
    )
    stories, times["group"] = _timed(
        lambda: group(marked, counted=count_pile(compacts, knobs)), profilers["group"]
    )
    total = max(len(articles), 1)
    lines = [
        f"{path.name}: {len(articles)} articles, {len(stories)} stories (CPU time, one process)",
        f"{'stage':<12} {'µs/article':>12} {'articles/s':>12}",
    ]
    for stage in STAGES:
        per = times[stage] / total
        rate = f"{1 / per:12.0f}" if per > 0 else f"{'-':>12}"
        lines.append(f"{stage:<12} {per * 1e6:12.0f} {rate}")
    lines.append(f"all stages: {sum(times.values()) / total * 1e3:.2f} ms of CPU an article")
    if interleaved:
        _, mixed = _timed(
            lambda: [(fingerprint(a), compact(count(a, weights))) for a in articles], None
        )
        staged = times["fingerprint"] + times["counts"]
        lines.append(
            f"fingerprint + counts: {staged / total * 1e6:.0f} µs/article stage by stage, "
            f"{mixed / total * 1e6:.0f} article by article ({mixed / staged:.2f}x)"
        )
    chosen = profilers.get(profile or "")
    if chosen is not None:
        lines.append("")
        lines.append(_listing(chosen))
    return "\n".join(lines)


def _listing(profiler: cProfile.Profile) -> str:
    """The top of a cProfile listing by own time, as text."""
    from io import StringIO

    out = StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", type=Path, help="a JSONL file of articles")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--profile", choices=STAGES, default=None, help="cProfile one stage")
    parser.add_argument(
        "--interleaved", action="store_true", help="also time fingerprint+counts per article"
    )
    args = parser.parse_args(argv)
    print(run(args.jsonl, args.limit, args.profile, args.interleaved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
