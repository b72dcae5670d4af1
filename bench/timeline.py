"""Timeline speed: expressions/s and articles/s of `build_timeline` on a folder of articles.

    .venv/bin/python bench/timeline.py [PATH ...]     (default: examples/ and ../shared/samples)

Reads and cleans the articles first (not timed), then times the timeline stage alone, once with
the word-list tense heuristic and once with spaCy's tagger helping (`tense_tagger = "spacy"`),
after one warm-up run so that the model load is not counted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import newsweave
from newsweave.briefing.timeline import build_timeline
from newsweave.models import Story


def main(paths: list[str]) -> None:
    articles = list(newsweave.read(paths))
    stories = [Story(f"s{i}", (article,)) for i, article in enumerate(articles)]
    print(f"{len(articles)} articles from {', '.join(paths)}")
    for tagger in ("heuristic", "spacy"):
        for story in stories[:2]:  # warm-up: dateparser caches, spaCy model load
            build_timeline(story, tense_tagger=tagger)
        started = time.perf_counter()
        entries = sum(len(build_timeline(story, tense_tagger=tagger)) for story in stories)
        seconds = time.perf_counter() - started
        print(
            f"tense_tagger={tagger:<9} {entries} dated expressions in {seconds:.2f} s: "
            f"{entries / seconds:,.0f} expressions/s, {len(articles) / seconds:,.1f} articles/s"
        )


if __name__ == "__main__":
    default = ["examples", str(Path(__file__).resolve().parents[2] / "shared" / "samples")]
    main(sys.argv[1:] or default)
