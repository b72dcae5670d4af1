"""The cost of the date scan over real news, against another build's in the same run.

    PYTHONPATH=src .venv/bin/python bench/timex_scan.py [--against ../main/src] [--size 300]

Times `find_expressions` (every rule's scan plus the resolvers) over the first `--size`
articles of the DUC 2006/2007 clusters (`../shared/data/summaries-dev-duc2006-2007.jsonl`),
each text scanned afresh (the cache of recent texts is bypassed). With `--against SRC` the same
pile is timed with the newsweave package under SRC (another checkout's `src`), each build in
its own process, the two alternating for `--rounds` rounds; the least CPU time of each is kept
and the ratios printed (the rule scan alone, and the whole of `find_expressions`), so a rule
added to the grammar shows its cost beside the build without it. CPU time, not wall time: the
bench machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

DUC = Path("../shared/data/summaries-dev-duc2006-2007.jsonl")

_CHILD = """
import json, sys, time
from datetime import date
from newsweave.timex import expressions
texts = json.loads(sys.stdin.read())
cached = getattr(expressions, "_candidates", None)  # the rule scan, where a build has one
scan = getattr(cached, "__wrapped__", lambda text: ())
started = time.process_time()
matches = sum(len(scan(text)) for text, _ in texts)
scanned = time.process_time() - started
found = 0
for text, published in texts:
    if hasattr(cached, "cache_clear"):
        cached.cache_clear()
    day = date.fromisoformat(published) if published else None
    found += len(expressions.find_expressions(text, day))
seconds = time.process_time() - started - scanned
print(json.dumps({"scan": scanned, "seconds": seconds,
                  "matches": matches, "found": found}))
"""


def _day(published: object) -> str:
    """The ISO day of a DUC publication time, "" where it is not one (a few swap month and day:
    those articles are scanned undated)."""
    try:
        return date.fromisoformat(str(published)[:10]).isoformat()
    except ValueError:
        return ""


def articles(path: Path, size: int) -> list[tuple[str, str]]:
    """(text, publication day) of the first `size` articles of the DUC clusters."""
    pile: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            for article in json.loads(line)["articles"]:
                pile.append((article["text"], _day(article.get("published"))))
                if len(pile) >= size:
                    return pile
    return pile


def timed(src: Path, payload: str) -> dict[str, float]:
    """One timing of the scan with the package under `src`, in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(src.resolve()))
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=payload,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"{src}: the timing failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duc", type=Path, default=DUC)
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--against", type=Path, help="another build's src folder")
    args = parser.parse_args()
    payload = json.dumps(articles(args.duc, args.size))
    builds = {"this build": Path(__file__).resolve().parent.parent / "src"}
    if args.against:
        builds["against"] = args.against
    best: dict[str, dict[str, float]] = {}
    for _ in range(args.rounds):
        for name, src in builds.items():
            result = timed(src, payload)
            for measure, value in result.items():
                key = f"{name}/{measure}"
                best[key] = {"value": min(value, best.get(key, {"value": value})["value"])}
    print(f"{args.size} DUC articles, CPU seconds, best of {args.rounds} alternating rounds")
    for name, src in builds.items():
        row = {m: best[f"{name}/{m}"]["value"] for m in ("scan", "seconds", "matches", "found")}
        print(
            f"{name:<11} rule scan {row['scan']:.3f} s ({row['matches']:.0f} matches), "
            f"find_expressions {row['seconds']:.3f} s ({row['found']:.0f} "
            f"expressions)  [{src}]"
        )
    if args.against:
        for measure in ("scan", "seconds"):
            ratio = best[f"this build/{measure}"]["value"] / best[f"against/{measure}"]["value"]
            label = "rule scan" if measure == "scan" else "find_expressions"
            print(f"ratio this/against, {label}: {ratio:.3f}")


if __name__ == "__main__":
    main()
