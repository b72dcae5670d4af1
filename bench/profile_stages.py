"""Where `newsweave stories` spends its time: CPU per article for each stage, on one JSONL file.

    .venv/bin/python bench/profile_stages.py ../shared/data/stories-dev.jsonl [--limit N]

Stages, each timed alone in this one process (CPU time, so a loaded machine reads the same):

    read       parse the file into RawArticles (newsweave.ingest.read)
    clean      clean(): boilerplate, title, date, dateline ... and the sentence split below
    sentences  split_sentences() again on the cleaned texts (part of clean; shown apart)
    dedup      mark_duplicates() in this process (workers=1): signatures and LSH
    group      group(): profiles, idf and the one matching pass

With --profile STAGE, the cProfile listing (top 25 by own time) of that stage follows.
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

from newsweave.clean import clean
from newsweave.cluster import group
from newsweave.dedup import mark_duplicates
from newsweave.ingest import article_id, read
from newsweave.models import RawArticle
from newsweave.sentences import split_sentences

STAGES = ("read", "clean", "sentences", "dedup", "group")


def _timed(function: Callable[[], Any], profiler: cProfile.Profile | None) -> tuple[Any, float]:
    """`function()`'s result and the CPU seconds it took (under `profiler` when given)."""
    start = time.process_time()
    result = profiler.runcall(function) if profiler else function()
    return result, time.process_time() - start


def run(path: Path, limit: int | None = None, profile: str | None = None) -> str:
    """The table of CPU time per article by stage (and a profile of one stage if asked)."""
    profilers = {stage: cProfile.Profile() if stage == profile else None for stage in STAGES}
    items, seconds = _timed(lambda: list(read([path])), profilers["read"])
    raws = [item for item in items if isinstance(item, RawArticle)][:limit]
    split_sentences("Warm up. Mr. Smith.")  # pysbd's import and set-up are not per article
    articles, cleaning = _timed(lambda: [clean(raw, article_id(raw)) for raw in raws], None)
    times = {"read": seconds * len(raws) / max(len(items), 1), "clean": cleaning}
    if profilers["clean"]:
        _, _ = _timed(lambda: [clean(raw, article_id(raw)) for raw in raws], profilers["clean"])
    texts = [article.text for article in articles]
    _, times["sentences"] = _timed(
        lambda: [split_sentences(text) for text in texts], profilers["sentences"]
    )
    marked, times["dedup"] = _timed(lambda: mark_duplicates(articles), profilers["dedup"])
    stories, times["group"] = _timed(lambda: group(marked), profilers["group"])
    count = max(len(articles), 1)
    lines = [
        f"{path.name}: {len(articles)} articles, {len(stories)} stories (CPU time, one process)",
        f"{'stage':<10} {'µs/article':>12} {'articles/s':>12}",
    ]
    for stage in STAGES:
        per = times[stage] / count
        rate = f"{1 / per:12.0f}" if per > 0 else f"{'-':>12}"
        lines.append(f"{stage:<10} {per * 1e6:12.0f} {rate}")
    stories_rate = count / (times["dedup"] + times["group"]) if times["group"] else 0.0
    lines.append(f"dedup + group: {stories_rate:.0f} articles/s (clean includes sentences)")
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
    args = parser.parse_args(argv)
    print(run(args.jsonl, args.limit, args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
