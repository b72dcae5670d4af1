"""CPU per article of each brief stage, full mode beside fast mode, on the same bench stories.

    .venv/bin/python bench/brief_fast.py [N] [--full-agreement lexical|embedding] [--pile FILE]

Builds an N-article corpus (bench/corpus.py, default 300), or reads `--pile` (a real pile that
bench/brief_speed.py wrote), groups it into stories, splits their sentences (as `brief_story`
does, untimed), then briefs every story in each mode in this one process, the whole pile in one
mode and then in the other, timing each stage with CPU time:

    full   spaCy NER entities, parsed quote attribution, agreement in --full-agreement mode
           (default "lexical", as the issue measured), the configured timeline tense tagger
    fast   entities by rule, quotes attributed by position (no spaCy), agreement "lexical"
           with main verbs by rule,
           timeline tense_tagger "heuristic"

and prints ms/article per stage, the total, and the articles/s that 2 worker processes would
reach at that CPU cost (2 cores, one story per task, no other overhead counted).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus

from newsweave.briefing.agreement.compare import compare_outlets, label_summary
from newsweave.briefing.entities import find_entities
from newsweave.briefing.framing import profile_outlets
from newsweave.briefing.headline import choose_headline
from newsweave.briefing.quotes.story_quotes import extract_quotes
from newsweave.briefing.summarize import summarize
from newsweave.briefing.timeline import build_timeline
from newsweave.config import set_defaults
from newsweave.models import Article, Story
from newsweave.nlp.spacy_pipeline import pipeline
from newsweave.pipeline import group_stories, read_articles
from newsweave.runner import Runner
from newsweave.text.sentences import add_sentences

STAGES = ("entities", "agreement", "headline", "summary", "quotes", "timeline", "outlets")
WORKERS = 2


def brief_times(story: Story, fast: bool, agreement: str) -> dict[str, float]:
    """CPU seconds of each stage of one story's brief."""
    spent: dict[str, float] = {}

    def timed(stage: str, work: Callable[[], Any]) -> Any:
        began = time.process_time()
        result = work()
        spent[stage] = time.process_time() - began
        return result

    entities = timed("entities", lambda: find_entities(story, fast=fast))
    mode = "lexical" if fast else agreement
    verbs = "rule" if fast else None  # as `brief_story`: no spaCy tagger in --fast
    agreed = timed("agreement", lambda: compare_outlets(story, mode=mode, verbs=verbs))
    timed("headline", lambda: choose_headline(story))
    timed("summary", lambda: label_summary(summarize(story, words=100), agreed.facts))
    timed("quotes", lambda: extract_quotes(story, entities, fast=fast))
    tagger = {"tense_tagger": "heuristic"} if fast else {}
    timed("timeline", lambda: build_timeline(story, **tagger))
    timed("outlets", lambda: profile_outlets(story))
    return spent


def _pile(path: Path) -> list[Article]:
    """The articles of a crawler JSON Lines file (bench/brief_speed.py writes real piles)."""
    read = read_articles([path], runner=Runner(1), split=False)
    return [item for item in read if isinstance(item, Article)]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=300, help="articles in the corpus")
    parser.add_argument("--full-agreement", default="lexical", choices=("lexical", "embedding"))
    parser.add_argument("--pile", type=Path, help="brief this JSONL pile instead (real text)")
    args = parser.parse_args()
    set_defaults("brief", cache_entries=0)  # time the models, not answers kept by a past run
    articles = _pile(args.pile) if args.pile else corpus(args.n)
    stories = [
        replace(s, articles=tuple(add_sentences(a) for a in s.articles))
        for s in group_stories(articles)
    ]
    pipeline()  # the model load is a one-off per worker, not per article
    for story in stories[:2]:  # warm caches (place list, regexes, idf) before timing
        brief_times(story, True, args.full_agreement)
        brief_times(story, False, args.full_agreement)
    totals = {mode: dict.fromkeys(STAGES, 0.0) for mode in ("full", "fast")}
    for mode in ("full", "fast"):  # one mode over the whole pile, then the other: texts
        for story in stories:  # scanned by one mode are out of the other's caches by then
            for stage, seconds in brief_times(story, mode == "fast", args.full_agreement).items():
                totals[mode][stage] += seconds
    print(f"{len(articles)} articles, {len(stories)} stories; CPU ms per article")
    print(f"{'stage':<12}{'full':>9}{'fast':>9}")
    for stage in STAGES:
        full, fast = (totals[m][stage] * 1000 / len(articles) for m in ("full", "fast"))
        print(f"{stage:<12}{full:>9.1f}{fast:>9.1f}")
    sums = {m: sum(totals[m].values()) * 1000 / len(articles) for m in ("full", "fast")}
    print(f"{'total':<12}{sums['full']:>9.1f}{sums['fast']:>9.1f}")
    rates = {m: WORKERS * 1000 / sums[m] for m in sums}
    print(f"{'articles/s':<12}{rates['full']:>9.1f}{rates['fast']:>9.1f}  ({WORKERS} workers)")


if __name__ == "__main__":
    main()
