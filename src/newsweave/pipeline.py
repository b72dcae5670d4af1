"""The order of things: what happens to an article, stage by stage.

    read        files and folders -> RawArticle (one reader per format)     ingest/
    clean       RawArticle -> Article: boilerplate out (kept in `removed`),
                publication date, dateline; sentences here, or per story in
                brief when read with `split=False`                          clean.py, sentences.py
    outlets     one name per outlet (a domain and its name are one publisher) outlets.py
    dedup       mark reposts, trimmed wire copy and spun rewrites           dedup.py
    group       articles -> stories                                         cluster.py
    brief       per story: entities, quotes, timeline, facts/conflicts,
                summary, outlet framing, headline                           brief_story() below

Reading this file is meant to be enough to know what newsweave does to an article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from newsweave.briefing.headline import choose_headline
from newsweave.clean.cleaner import clean
from newsweave.clean.outlets import unify_outlets
from newsweave.config import settings
from newsweave.dedup.reposts import Fingerprint, Fingerprints, mark_duplicates
from newsweave.grouping.features import count
from newsweave.grouping.online import count_pile, group, weights_of
from newsweave.grouping.profiles import Compact, compact
from newsweave.models import Article, Brief, Problem, RawArticle, Story
from newsweave.readers import Limits, ReadStats, article_id, read
from newsweave.runner import BATCH_SIZE, map_batches
from newsweave.text.sentences import add_sentences


def read_articles(
    paths: Iterable[str | Path],
    stats: ReadStats | None = None,
    limits: Limits | None = None,
    workers: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    batch_size: int = BATCH_SIZE,
    split: bool = True,
    *,
    follow_links: bool = False,
) -> Iterator[Article | Problem]:
    """Read and clean every article under `paths`; unreadable input comes out as a Problem.

    Files are read here, as a stream; cleaning runs in `workers` processes over batches (or on
    Dask with `executor="dask"`), in input order, so memory stays bounded by the batches in
    flight. `limits` (default: the [ingest] section) bound what hostile input may cost.
    `split=False` leaves the sentence split to `brief_story` (per story, in parallel): grouping
    does not need sentences, and `newsweave stories` never pays for them. `follow_links`
    reads symbolic links that lead out of a folder given (else each is named and skipped).
    """
    limits = limits or Limits.from_settings()
    work = partial(_clean_item, max_sentences=limits.max_sentences, split=split)
    items = read(paths, stats=stats, limits=limits, follow_links=follow_links)
    yield from map_batches(work, items, workers, executor, scheduler, batch_size)


def _clean_item(
    item: RawArticle | Problem, max_sentences: int | None, split: bool = True
) -> Article | Problem:
    if isinstance(item, Problem):
        return item
    return clean(item, article_id(item), max_sentences=max_sentences, split=split)


def group_stories(
    articles: Sequence[Article],
    workers: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
) -> list[Story]:
    """Give each outlet one name, mark reposts and rewrites, then group the pile into stories.

    What each stage needs of one article alone (repost fingerprints, term counts) is
    computed in one pass on `workers` processes, or on the Dask cluster with
    `executor="dask"`, as is the verification of candidate repost pairs; the indexes and the
    grouping pass, which need the whole pile, run in this process.
    """
    articles = unify_outlets(articles)
    knobs = settings("cluster")
    prints: list[Fingerprint] = []

    def counts() -> Iterator[Compact]:
        signatures = map_batches(_Signatures(knobs), articles, workers, executor, scheduler)
        for fingerprint, counted in signatures:
            prints.append(fingerprint)
            yield counted

    pile = count_pile(counts(), knobs)  # document frequencies, as the compacts arrive
    marked = mark_duplicates(
        articles, workers, prints=prints, executor=executor, scheduler=scheduler
    )
    prints.clear()  # the grouping pass needs the memory more
    return group(marked, counted=pile)


class _Signatures:
    """An article's repost fingerprint and compact grouping term counts (picklable, for
    workers)."""

    def __init__(self, knobs: dict[str, Any]):
        self.fingerprint = Fingerprints()
        self.weights = weights_of(knobs)

    def __call__(self, article: Article) -> tuple[Fingerprint, Compact]:
        return self.over_batch([article])[0]

    def over_batch(self, articles: list[Article]) -> list[tuple[Fingerprint, Compact]]:
        """The same for a batch, one stage at a time (see `scale._run_batch`)."""
        prints = [self.fingerprint(article) for article in articles]
        counts = [compact(count(article, self.weights)) for article in articles]
        return list(zip(prints, counts, strict=True))


def brief_story(story: Story, words: int = 100, fast: bool | None = None) -> Brief:
    """Everything newsweave can tell about one story (sentences split first where missing).

    `fast` (default: the [brief] mode setting) briefs without spaCy or MiniLM: entities and
    quote speakers by rule, lexical agreement, the heuristic tense tagger; ~4x cheaper, a
    little less exact (the [brief] section of defaults.toml says by how much).
    """
    # The brief's stages are imported here, not at the top: they bring scikit-learn, SciPy and
    # spaCy (~90 MB and ~1 s a process), which `newsweave stories` and its workers never need.
    from newsweave.briefing.agreement.compare import compare_outlets, label_summary
    from newsweave.briefing.entities import find_entities
    from newsweave.briefing.framing import profile_outlets
    from newsweave.briefing.quotes.story_quotes import extract_quotes
    from newsweave.briefing.summarize import summarize
    from newsweave.briefing.timeline import build_timeline

    if fast is None:
        fast = settings("brief")["mode"] == "fast"
    story = replace(story, articles=tuple(add_sentences(a) for a in story.articles))
    entities = find_entities(story, fast=fast)
    agreement = compare_outlets(story, mode="lexical" if fast else None)
    return Brief(
        story=story,
        headline=choose_headline(story),
        summary=label_summary(summarize(story, words=words), agreement.facts),
        facts=agreement.facts,
        exclusives=agreement.exclusives,
        conflicts=agreement.conflicts,
        quotes=extract_quotes(story, entities, fast=fast),
        entities=entities,
        timeline=build_timeline(story, tense_tagger="heuristic" if fast else None),
        outlets=profile_outlets(story),
    )


def story_only_brief(story: Story) -> Brief:
    """A brief that only names the story and lists its articles (for `newsweave stories`)."""
    return Brief(story=story, headline=choose_headline(story))
