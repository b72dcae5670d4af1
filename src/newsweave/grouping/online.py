"""Grouping articles into stories: one online pass over the stream, a learned match score.

Each article, in stream order, is scored against a few candidate stories on several
similarities (body, lead, names, numbers, years, shared and conflicting specifics, time, size;
see `story_match.py`)
combined by a logistic model learned on labelled pairs (Miranda et al. 2018). It joins the
best-scoring story if the model's probability reaches `join_threshold`; otherwise it starts a
new story. One weighted cosine, as before, could not tell two events of the same kind apart
(two earthquakes share most words) nor gather short reports whose wording differs; separate
lead, name and number evidence does both.

Candidates come from an inverted index (blocking): each story is indexed under the heaviest
body and name terms of its members, each term remembers only the `posting_stories` stories
that used it last, and only the `max_candidates` stories sharing most of the article's heaviest
terms are scored. The cost per article is bounded, so the pass grows linearly with the pile.

With `use_embeddings` (a setting, or `group(articles, use_embeddings=True)`), each article's
lead (title and first sentences) is also embedded with MiniLM (`embed.py`) and two more
features compare it with the story's leads, under their own learned weights (`ew_*`). That
costs ~25 ms of CPU per article, so the fast `stories` path leaves it off by default.

A repost or rewrite (`duplicate_of` set) always joins its original's story; when it arrives
before its original, the original later joins the copy's story. IDF statistics come from a
first cheap pass over the pile's tokens (a stream would keep `Terms` running).

With `consolidate` on (the default), the stories get a second look after every stretch of
`consolidate_every` articles (`story_consolidate.py`): each article of the stretch is
re-placed once, then the stretch's stories merge where both sides agree. The single pass's
mistakes depend on the stream's order; this undoes most of them (stories-dev B-cubed F1 over
three shuffles of the stream 0.880 -> 0.903 on average; in file order 0.900 -> 0.903) for
about one more pass of scoring. It keeps each article's weighted views until the end, in
place of the counts they were made from (a merge moves whole stories, of any age).
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.config import ClusterSettings, settings
from newsweave.grouping.features import Weights, count
from newsweave.grouping.match import Model, Scorer, StoryState
from newsweave.grouping.profiles import (
    Compact,
    Idf,
    Profile,
    StoredProfile,
    Terms,
    compact,
    profile,
)
from newsweave.grouping.second_look import consolidate, pinned_positions
from newsweave.models import Article, Story

LEAD_SENTENCES = 2
LEAD_CHARACTERS = 600


def weights_of(knobs: ClusterSettings) -> Weights:
    """How the views are built, from the [cluster] settings."""
    return Weights(
        title=knobs.title_weight,
        lead_chars=knobs.lead_chars,
        body_chars=knobs.body_chars,
        name_chars=knobs.name_chars,
        idf_power=knobs.idf_power,
        vector_terms=knobs.vector_terms,
        heavy_terms=max(knobs.query_terms, knobs.index_terms),
    )


@dataclass(frozen=True, slots=True)
class PileCounts:
    """The first pass over a pile: each article's compact view counts, and idf by term id."""

    compacts: list[Compact]
    idf: Idf
    size: int  # ids per view (`profiles.TERM_SPACE`)


def count_pile(compacts: Iterable[Compact], knobs: ClusterSettings) -> PileCounts:
    """Take idf over the whole pile from each article's `compact(count(...))`, in pile order.

    Counting and compacting need only the article (`newsweave.pipeline` runs them in worker
    processes), idf needs the pile; each article's weighted `Profile` is made from its
    compact counts when the second pass reaches it, and dropped after, so memory holds ~8
    bytes per counted term rather than a vector per article.
    """
    terms = Terms(floor=knobs.min_documents)
    kept = [terms.add(item) for item in compacts]
    return PileCounts(kept, terms.idf(knobs.idf_power), terms.size)


def lead_text(article: Article) -> str:
    """Title and first sentences: what the lead embedding reads (the model keeps 128 tokens)."""
    parts = [article.title or ""] + [s.text for s in article.sentences[:LEAD_SENTENCES]]
    if not article.sentences:
        parts.append(article.text[:LEAD_CHARACTERS])
    return " ".join(p.strip() for p in parts if p.strip())[:LEAD_CHARACTERS]


def lead_embeddings(articles: Sequence[Article]) -> NDArray[np.float32]:
    """Unit MiniLM embeddings of every article's `lead_text`, batched (one row per article)."""
    from newsweave.nlp.embed import default_embedder

    return default_embedder()([lead_text(article) for article in articles])


class Blocking:
    """Inverted index from heavy terms to the stories that used them most recently.

    A posting is a short array of story numbers (at most `posting_stories`, oldest first); an
    article's candidates are counted over its postings with numpy, since on a large pile the
    postings are full and a Python count and sort of their ~600 entries was the pass's hot
    spot. Postings are `array`s, not lists: an article's ~30 postings join into one buffer in
    C, where ~500 Python ints scattered over a large heap took 45 µs to gather at 100k.
    """

    def __init__(self, knobs: ClusterSettings):
        self.query_terms = knobs.query_terms
        self.index_terms = knobs.index_terms
        self.posting = knobs.posting_stories
        self.limit = knobs.max_candidates
        self.postings: dict[int, array[int]] = {}

    @staticmethod
    def _keys(article: Profile, limit: int) -> tuple[int, ...]:
        return article.heavy_body[:limit] + article.heavy_names[: limit // 2]

    def candidates(self, article: Profile) -> list[int]:
        """The stories sharing most heavy terms with `article` (ties: the newer story first)."""
        postings = self.postings
        found = [
            posting
            for key in self._keys(article, self.query_terms)
            if (posting := postings.get(key))
        ]
        if not found:
            return []
        stories = np.frombuffer(b"".join(found), dtype=np.int64)
        unique, counts = np.unique(stories, return_counts=True)
        ranked = np.lexsort((-unique, -counts))[: self.limit]
        return [int(story) for story in unique[ranked]]

    def add(self, story: int, article: Profile) -> None:
        for key in self._keys(article, self.index_terms):
            posting = self.postings.get(key)
            if posting is None:
                posting = self.postings[key] = array("q")
            if story in posting:
                posting.remove(story)
            posting.append(story)
            if len(posting) > self.posting:
                del posting[0]


class _Grouper:
    """The online single pass: state is the stories, the index and the repost links."""

    def __init__(
        self,
        articles: Sequence[Article],
        knobs: ClusterSettings,
        embeddings: NDArray[np.float32] | None = None,
        counted: PileCounts | None = None,
    ):
        self.articles = articles
        self.weights = weights_of(knobs)
        if counted is None:
            counted = count_pile((compact(count(a, self.weights)) for a in articles), knobs)
        self.compacts: list[Compact | None] = counted.compacts  # type: ignore[assignment]
        self.idf, self.size = counted.idf, counted.size
        self.embeddings = embeddings
        self.scorer = Scorer(embeddings)
        self.model = Model.from_settings(knobs, embeddings is not None)
        self.cap = knobs.story_terms
        self.blocking = Blocking(knobs)
        self.consolidate = knobs.consolidate
        self.merge_threshold = knobs.merge_threshold
        self.merge_sample = knobs.merge_sample
        self.window = max(1, knobs.consolidate_every)
        self.settle = knobs.settled_at
        self.look_candidates = knobs.look_candidates
        self.settled: set[int] = set()  # positions that joined a story with `settle` or more
        self.profiles: list[StoredProfile | None] = [None] * len(articles)  # to consolidate
        self.stories: list[StoryState] = []
        self.story_of: dict[str, int] = {}
        self.waiting: dict[str, int] = {}  # original id -> story of a copy that came first
        self.looked: dict[tuple[int, int], tuple[int, float]] = {}  # (position, story): score

    def profile(self, position: int) -> Profile:
        """The weighted views of the article at `position`, made once, when the pass reaches it.

        Its counts are released then (the pass visits each article once), so memory falls as
        the stories' sums grow; with `consolidate`, the profile is kept in their place.
        """
        compact = self.compacts[position]
        if compact is None:
            raise ValueError(f"article {position} was already profiled")
        self.compacts[position] = None
        made = profile(compact, self.idf, self.weights, self.size)
        if self.consolidate:
            self.profiles[position] = made.stored()
        return made

    def kept(self, position: int) -> Profile:
        """The profile the pass made for the article at `position` (needs `consolidate`)."""
        made = self.profiles[position]
        if made is None:
            raise ValueError(f"article {position} has no kept profile")
        return made.profile()

    def run(self) -> list[StoryState]:
        """The online pass; with `consolidate`, a second look after every `window` articles
        (and at the end) at the articles of that stretch. Returns the stories left."""
        pinned = pinned_positions(self) if self.consolidate else set()
        start = 0
        for position, article in enumerate(self.articles):
            self.assign(position, article)
            if self.consolidate and position + 1 - start >= self.window:
                self.second_look(range(start, position + 1), pinned)
                start = position + 1
        if self.consolidate and start < len(self.articles):
            self.second_look(range(start, len(self.articles)), pinned)
        return [story for story in self.stories if story.members]

    def second_look(self, positions: range, pinned: set[int]) -> None:
        consolidate(self, positions, pinned, self.merge_threshold, self.merge_sample)

    def assign(self, position: int, article: Article) -> None:
        view = self.profile(position)
        target = self.waiting.pop(article.id, None)
        original = article.duplicate_of
        if target is None and original is not None:
            target = self.story_of.get(original, self.waiting.get(original))
        if target is None:
            target = self.best_story(position, view, article.published)
        if target is None:
            target = len(self.stories)
            self.stories.append(StoryState())
        if original is not None and original not in self.story_of:
            self.waiting.setdefault(original, target)
        self.story_of[article.id] = target
        self.add(target, position, view)

    def add(self, target: int, position: int, view: Profile) -> None:
        embedding = None if self.embeddings is None else self.embeddings[position]
        published = self.articles[position].published
        self.stories[target].add(position, view, published, self.cap, embedding)
        self.blocking.add(target, view)

    def best_story(self, position: int, view: Profile, published: datetime | None) -> int | None:
        """The candidate with the highest probability if it reaches the threshold (ties: last)."""
        keys = [key for key in self.blocking.candidates(view) if self.stories[key].members]
        if not keys:  # (a story merged into another by a second look is empty)
            return None
        rows = self.scorer.features(position, view, [self.stories[k] for k in keys], published)
        scores = self.model.probabilities(rows)
        best = len(keys) - 1 - int(np.argmax(scores[::-1]))
        if scores[best] >= self.settle:
            self.settled.add(position)  # the second look leaves it where it is
        return keys[best] if scores[best] >= self.model.threshold else None


def _article_order(article: Article) -> tuple[bool, datetime, str]:
    return (article.published is None, article.published or datetime.min, article.id)


def _story(members: list[Article]) -> Story:
    """A story record: articles by date (unknown last) then id; id from its earliest article."""
    ordered = tuple(sorted(members, key=_article_order))
    digest = hashlib.sha1(ordered[0].id.encode("utf-8")).hexdigest()[:12]
    return Story(id=f"story-{digest}", articles=ordered)


def _story_order(story: Story) -> tuple[bool, float, int, str]:
    """Newest first (stories without any date last), then biggest, then id."""
    dates = [a.published for a in story.articles if a.published is not None]
    newest = max(dates).timestamp() if dates else 0.0
    return (not dates, -newest, -len(story.articles), story.id)


def group(
    articles: Sequence[Article],
    *,
    embeddings: NDArray[np.float32] | None = None,
    counted: PileCounts | None = None,
    **overrides: Any,
) -> list[Story]:
    """Group cleaned, duplicate-marked articles into stories (every article in exactly one).

    Stories come newest first, then biggest; `overrides` replace [cluster] settings, e.g.
    `group(articles, use_embeddings=True)` adds the lead-embedding features (slower, see the
    module docstring). `embeddings`, one `lead_embeddings` row per article computed earlier
    (a cache), turns them on without embedding again; `counted`, the `count_pile` of the
    articles' `count`s computed earlier (in worker processes), skips the counting (it is
    used up: each article's counts are released once the pass has weighed them).
    """
    if not articles:
        return []
    knobs = settings("cluster", **overrides)
    if embeddings is None and knobs.use_embeddings:
        embeddings = lead_embeddings(articles)
    states = _Grouper(articles, knobs, embeddings, counted).run()
    stories = [_story([articles[i] for i in state.members]) for state in states]
    return sorted(stories, key=_story_order)
