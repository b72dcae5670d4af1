"""The order of things: what happens to an article, stage by stage.

    read        files and folders -> RawArticle (one reader per format)      readers/
    clean       RawArticle -> Article: id, boilerplate out (kept in
                `removed`), publication date, dateline, text-size cap;
                sentences here, or per story in brief (`split=False`)        clean/, text/
    outlets     one name per outlet (a domain and its name are one publisher) text/outlets.py
    signatures  per article, in workers: repost fingerprint, term counts     dedup/, grouping/
    dedup       mark reposts, trimmed wire copy and spun rewrites            dedup/
    group       articles -> stories                                          grouping/
    brief       per story: entities, quotes, timeline, facts/conflicts,
                summary, outlet framing, headline                            briefing/

Reading this file is meant to be enough to know what newsweave does to an article. It imports
only the stages' public names; the brief's stages are imported where they run (`brief_story`),
since they bring spaCy and scikit-learn, which `newsweave stories` never needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import cache, partial
from pathlib import Path
from typing import TypeVar

from newsweave.briefing.headline import choose_headline
from newsweave.clean import clean
from newsweave.config import settings
from newsweave.dedup import Fingerprint, Fingerprints, mark_duplicates
from newsweave.grouping import Compact, TermCounts, count_pile, group
from newsweave.models import (
    Article,
    Brief,
    Problem,
    RawArticle,
    Sentence,
    Story,
    StoryProblem,
)
from newsweave.readers import Limits, ReadStats, read
from newsweave.runner import BATCH_SIZE, Progress, Runner, no_progress
from newsweave.sections import ClusterSettings
from newsweave.text.outlets import unify_outlets
from newsweave.text.sentences import add_sentences, split_sentences

Item = TypeVar("Item")


def read_articles(
    paths: Iterable[str | Path],
    stats: ReadStats | None = None,
    limits: Limits | None = None,
    *,
    runner: Runner = Runner(),
    batch_size: int = BATCH_SIZE,
    split: bool = True,
    follow_links: bool = False,
    progress: Progress = no_progress,
) -> Iterator[Article | Problem]:
    """Read and clean every article under `paths`; unreadable input comes out as a Problem.

    Files are read here, as a stream; cleaning runs where `runner` says (worker processes or
    Dask), over batches, in input order, so memory stays bounded by the batches in flight.
    `limits` (default: the [ingest] section) bound what hostile input may cost.
    `split=False` leaves the sentence split to `brief_story` (per story, in parallel): grouping
    does not need sentences, and `newsweave stories` never pays for them. `follow_links`
    reads symbolic links that lead out of a folder given (else each is named and skipped).
    `progress` hears ("reading", files, files in all) and ("cleaning", items, items in all
    or None until the reading has ended).
    """
    limits = limits or Limits.from_settings()
    work = partial(
        _clean_item,
        max_sentences=limits.max_sentences,
        max_chars=limits.max_text_chars,
        split=split,
    )
    items = _Tally(read(paths, stats, limits, follow_links=follow_links, progress=progress))
    progress("cleaning", 0, None)  # its clock starts with the reading's
    taken: set[str] = set()
    for done, item in enumerate(runner.map_batches(work, items, batch_size), start=1):
        progress("cleaning", done, items.total)
        yield _with_unique_id(item, taken) if isinstance(item, Article) else item


def _with_unique_id(article: Article, taken: set[str]) -> Article:
    """The article under an id no earlier article of the run has: two files of one text with
    no outlet or URL ("ridge.txt", "valley.txt"), or two records with the same id in two
    files, would otherwise be one article to every later stage (one listed as a copy of
    itself). A later one gets its id with "~1" (or the first "~N" still free) and a note."""
    if article.id not in taken:
        taken.add(article.id)
        return article
    number = 1
    while (unique := f"{article.id}~{number}") in taken:
        number += 1
    taken.add(unique)
    note = f"read: id {article.id!r} was an earlier article's; this one is {unique!r}"
    return replace(article, id=unique, notes=(*article.notes, note))


class _Tally(Iterator[Item]):
    """An iterator that counts what passed, and knows the total once it has ended."""

    def __init__(self, items: Iterator[Item]):
        self.items = items
        self.count = 0
        self.total: int | None = None

    def __next__(self) -> Item:
        try:
            item = next(self.items)
        except StopIteration:
            self.total = self.count
            raise
        self.count += 1
        return item


def _clean_item(
    item: RawArticle | Problem,
    max_sentences: int | None,
    split: bool = True,
    max_chars: int | None = None,
) -> Article | Problem:
    if isinstance(item, Problem):
        return item
    return clean(item, max_sentences=max_sentences, split=split, max_chars=max_chars)


def group_stories(
    articles: Sequence[Article],
    *,
    runner: Runner = Runner(),
    progress: Progress = no_progress,
    meanwhile: Callable[[], object] | None = None,
) -> list[Story]:
    """Give each outlet one name, mark reposts and rewrites, then group the pile into stories.

    What each stage needs of one article alone (repost fingerprints, term counts) is
    computed in one pass where `runner` says (worker processes or Dask), as is the
    verification of candidate repost pairs; the indexes and the grouping pass, which need
    the whole pile, run in this process. `progress` hears each phase: "signatures",
    "reposts", "grouping", "second look" (articles done of all, candidate pairs for reposts).
    `meanwhile` is called once the workers' part is done and the serial grouping pass
    begins: the moment to hand the workers what a later stage needs (`Runner.ahead`).
    """
    articles = unify_outlets(articles)
    knobs = settings("cluster")
    prints: list[Fingerprint] = []

    def counts() -> Iterator[Compact]:
        signatures = runner.map_batches(Signatures(knobs), articles)
        progress("signatures", 0, len(articles))
        for fingerprint, counted in signatures:
            prints.append(fingerprint)
            progress("signatures", len(prints), len(articles))
            yield counted

    pile = count_pile(counts(), knobs)  # document frequencies, as the compacts arrive
    marked = mark_duplicates(articles, runner=runner, prints=prints, progress=progress)
    prints.clear()  # the grouping pass needs the memory more
    if meanwhile is not None:
        meanwhile()
    return group(marked, counted=pile, progress=progress)


def group_for_briefs(
    articles: Sequence[Article], *, runner: Runner = Runner(), progress: Progress = no_progress
) -> list[Story]:
    """`group_stories`, its articles' sentences split by the workers while this process groups.

    Briefs need every article split into sentences (`stories` never does), and the split is
    the largest per-article part of a brief. The serial grouping pass leaves the worker pool
    idle, so the split is started there (`Runner.ahead`) and its results joined to the
    stories' articles by their text; without a session pool each brief splits its own, as
    before. The sentences are the same either way (`split_sentences` of the same text).
    `progress` hears the phases of `group_stories`, then "sentences" while the last of the
    split is awaited.
    """
    texts = [article.text for article in articles]
    collectors: list[Callable[[], list[tuple[Sentence, ...]]] | None] = []

    def start_split() -> None:
        collectors.append(runner.ahead(_split_before_briefing, texts))

    stories = group_stories(articles, runner=runner, progress=progress, meanwhile=start_split)
    collect = collectors[0] if collectors else None
    if collect is None:
        return stories
    progress("sentences", 0, len(texts))
    split = collect()
    progress("sentences", len(texts), len(texts))
    sentences = dict(zip(texts, split, strict=True))
    return [
        replace(story, articles=tuple(_split_as(article, sentences) for article in story.articles))
        for story in stories
    ]


def _split_before_briefing(text: str) -> tuple[Sentence, ...]:
    """`split_sentences(text)`, in a worker that briefs next: the brief's stages are imported
    first (once), so that their import too runs while the worker would otherwise wait."""
    _import_brief_stages()
    return split_sentences(text)


@cache
def _import_brief_stages() -> None:
    for stage in ("agreement", "entities", "framing", "quotes", "summarize", "timeline"):
        importlib.import_module(f"newsweave.briefing.{stage}")


def _split_as(article: Article, sentences: dict[str, tuple[Sentence, ...]]) -> Article:
    """The article with the sentences split for its text, where it has none yet."""
    if article.sentences or not article.text.strip() or article.text not in sentences:
        return article
    return replace(article, sentences=sentences[article.text])


class Signatures:
    """An article's repost fingerprint and compact grouping term counts (picklable, for
    workers)."""

    def __init__(self, knobs: ClusterSettings):
        self.fingerprint = Fingerprints()
        self.term_counts = TermCounts(knobs)

    def __call__(self, article: Article) -> tuple[Fingerprint, Compact]:
        return self.over_batch([article])[0]

    def over_batch(self, articles: list[Article]) -> list[tuple[Fingerprint, Compact]]:
        """The same for a batch, one stage at a time (see `runner.map_batches`)."""
        prints = [self.fingerprint(article) for article in articles]
        counts = [self.term_counts(article) for article in articles]
        return list(zip(prints, counts, strict=True))


def brief_story(story: Story, words: int = 100, fast: bool | None = None) -> Brief:
    """Everything newsweave can tell about one story (sentences split first where missing).

    `fast` (default: the [brief] mode setting) briefs without spaCy or MiniLM: entities and
    quote speakers by rule, lexical agreement, the heuristic tense tagger; ~4x cheaper, a
    little less exact (the [brief] section of defaults.toml says by how much).
    """
    # The brief's stages are imported here, not at the top: they bring scikit-learn, SciPy and
    # spaCy (~90 MB and ~1 s a process), which `newsweave stories` and its workers never need.
    from newsweave.briefing.agreement import compare_outlets, label_summary, told_alike
    from newsweave.briefing.entities import find_entities
    from newsweave.briefing.framing import profile_outlets
    from newsweave.briefing.quotes import extract_quotes
    from newsweave.briefing.summarize import summarize
    from newsweave.briefing.timeline import build_timeline

    if fast is None:
        fast = settings("brief").mode == "fast"
    story = replace(story, articles=tuple(add_sentences(a) for a in story.articles))
    entities = find_entities(story, fast=fast)
    agreement = compare_outlets(
        story, mode="lexical" if fast else None, verbs="rule" if fast else None
    )
    return Brief(
        story=story,
        headline=choose_headline(story),
        summary=label_summary(
            summarize(story, words=words, told_alike=told_alike(agreement.facts)),
            agreement.facts,
        ),
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


def guarded(work: Callable[[Story], Brief], story: Story) -> Brief | StoryProblem:
    """`work(story)`, or the StoryProblem that says why it failed: one story's failure (a
    model that refuses its text, a stage's bug) costs that story alone, never the others.

    `partial(guarded, work)` is picklable when `work` is, so it runs in workers and on Dask
    as `work` does. KeyboardInterrupt and SystemExit still end the run.
    """
    try:
        return work(story)
    except Exception as error:  # whatever it is, it is this story's alone
        reason = " ".join(f"{type(error).__name__}: {error}".split())
        sources = tuple(article.source for article in story.articles)
        return StoryProblem(story.id, sources, f"could not be briefed: {reason}")
