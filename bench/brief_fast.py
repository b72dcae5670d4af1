"""CPU per article of each brief stage, full mode beside fast mode, on the same bench stories.

    .venv/bin/python bench/brief_fast.py [N] [--full-agreement lexical|embedding] [--pile FILE]
                                         [--modes full,fast]

Builds an N-article corpus (bench/corpus.py, default 300), or reads `--pile` (a real pile that
bench/brief_speed.py wrote), groups it into stories, splits their sentences (as `brief_story`
does), then briefs every story in each mode in this one process, the whole pile in one
mode and then in the other, timing each stage with CPU time:

    full   spaCy NER entities, parsed quote attribution, agreement in --full-agreement mode
           (default "lexical", as the issue measured), the configured timeline tense tagger
    fast   entities by rule, quotes attributed by position (no spaCy), agreement "lexical"
           with main verbs by rule,
           timeline tense_tagger "heuristic"

and prints ms/article per stage, the total, and the articles/s that 2 worker processes would
reach at that CPU cost (2 cores, one story per task, no other overhead counted). The stages the
two modes share are timed once, in the same process, and printed above the brief's: reading
and cleaning the pile, grouping it, splitting sentences, and (below the brief's total) writing
the last mode's briefs (fast by default) as Markdown, as `newsweave brief` does; with `--pile`
also the sum of them all, the whole command's CPU but the process start.
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

from newsweave.briefing.agreement.compare import compare_outlets
from newsweave.briefing.agreement.summary_support import label_summary, told_alike
from newsweave.briefing.entities import find_entities
from newsweave.briefing.framing import profile_outlets
from newsweave.briefing.headline import choose_headline
from newsweave.briefing.quotes.story_quotes import extract_quotes
from newsweave.briefing.summarize import summarize
from newsweave.briefing.timeline import build_timeline
from newsweave.config import set_defaults
from newsweave.models import Article, Brief, Story
from newsweave.nlp.spacy_pipeline import pipeline
from newsweave.pipeline import group_stories, read_articles
from newsweave.render.markdown import render_markdown
from newsweave.runner import Runner
from newsweave.text.sentences import add_sentences

STAGES = ("entities", "agreement", "headline", "summary", "quotes", "timeline", "outlets")
WORKERS = 2


def brief_times(story: Story, fast: bool, agreement: str) -> tuple[dict[str, float], Brief]:
    """CPU seconds of each stage of one story's brief, and the brief."""
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
    headline = timed("headline", lambda: choose_headline(story))
    summary = timed(
        "summary",
        lambda: label_summary(
            summarize(story, words=100, told_alike=told_alike(agreed.facts)), agreed.facts
        ),
    )
    quotes = timed("quotes", lambda: extract_quotes(story, entities, fast=fast))
    tagger = {"tense_tagger": "heuristic"} if fast else {}
    timeline = timed("timeline", lambda: build_timeline(story, **tagger))
    outlets = timed("outlets", lambda: profile_outlets(story))
    brief = Brief(
        story=story,
        headline=headline,
        summary=summary,
        facts=agreed.facts,
        exclusives=agreed.exclusives,
        conflicts=agreed.conflicts,
        quotes=quotes,
        entities=entities,
        timeline=timeline,
        outlets=outlets,
    )
    return spent, brief


def _cpu(work: Callable[[], Any]) -> tuple[Any, float]:
    began = time.process_time()
    return work(), time.process_time() - began


def _pile(path: Path) -> list[Article]:
    """The articles of a crawler JSON Lines file (bench/brief_speed.py writes real piles)."""
    read = read_articles([path], runner=Runner(1), split=False)
    return [item for item in read if isinstance(item, Article)]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=300, help="articles in the corpus")
    parser.add_argument("--full-agreement", default="lexical", choices=("lexical", "embedding"))
    parser.add_argument("--pile", type=Path, help="brief this JSONL pile instead (real text)")
    parser.add_argument("--modes", default="full,fast", help="which modes to brief")
    args = parser.parse_args()
    modes = args.modes.split(",")
    set_defaults("brief", cache_entries=0)  # time the models, not answers kept by a past run
    articles, read = _cpu(lambda: _pile(args.pile) if args.pile else corpus(args.n))
    grouped, grouping = _cpu(lambda: group_stories(articles))
    stories, splitting = _cpu(
        lambda: [replace(s, articles=tuple(add_sentences(a) for a in s.articles)) for s in grouped]
    )
    if "full" in modes:
        pipeline()  # the model load is a one-off per worker, not per article
    for story in stories[:2]:  # warm caches (place list, regexes, idf) before timing
        for mode in modes:
            brief_times(story, mode == "fast", args.full_agreement)
    totals = {mode: dict.fromkeys(STAGES, 0.0) for mode in modes}
    briefs: dict[str, list[Brief]] = {mode: [] for mode in modes}
    for mode in modes:  # one mode over the whole pile, then the other: texts
        for story in stories:  # scanned by one mode are out of the other's caches by then
            spent, brief = brief_times(story, mode == "fast", args.full_agreement)
            briefs[mode].append(brief)
            for stage, seconds in spent.items():
                totals[mode][stage] += seconds
    _, rendering = _cpu(lambda: render_markdown(briefs[modes[-1]], stories_only=False))
    shared = (read, grouping, splitting, rendering)
    _report(len(articles), len(stories), modes, totals, shared, end_to_end=bool(args.pile))


def _report(
    articles: int,
    stories: int,
    modes: list[str],
    totals: dict[str, dict[str, float]],
    shared: tuple[float, float, float, float],
    end_to_end: bool,
) -> None:
    """The table: shared stages, each brief stage per mode, totals and 2-worker rates; with
    `end_to_end` (a real pile, read from its file) also the sum of every stage."""
    ms = 1000 / articles
    read, grouping, splitting, rendering = (seconds * ms for seconds in shared)
    print(f"{articles} articles, {stories} stories; CPU ms per article")
    print(f"read+clean {read:.1f}, group {grouping:.1f}, sentences {splitting:.1f}")
    print(f"{'stage':<12}" + "".join(f"{mode:>9}" for mode in modes))
    for stage in STAGES:
        print(f"{stage:<12}" + "".join(f"{totals[m][stage] * ms:>9.1f}" for m in modes))
    sums = {m: sum(totals[m].values()) * ms for m in modes}
    print(f"{'total':<12}" + "".join(f"{sums[m]:>9.1f}" for m in modes))
    rates = {m: WORKERS * 1000 / sums[m] for m in modes}
    print(f"{'articles/s':<12}" + "".join(f"{rates[m]:>9.1f}" for m in modes) + "  (2 workers)")
    print(f"markdown of the {modes[-1]} briefs {rendering:.1f}")
    if not end_to_end:
        return  # a built corpus: its "reading" is the building, and it comes split
    whole = read + grouping + splitting + sums[modes[-1]] + rendering
    print(f"{modes[-1]} end to end {whole:.1f} ms: {WORKERS * 1000 / whole:.1f} articles/s")


if __name__ == "__main__":
    main()
