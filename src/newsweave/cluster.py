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

A repost or rewrite (`duplicate_of` set) always joins its original's story; when it arrives
before its original, the original later joins the copy's story. IDF statistics come from a
first cheap pass over the pile's tokens (a stream would keep `DocumentFrequencies` running).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from newsweave.config import settings
from newsweave.features import DocumentFrequencies, Profile, Weights, count, profile, top_terms
from newsweave.models import Article, Story
from newsweave.story_match import Model, StoryState, similarities


def profiles(articles: Sequence[Article], knobs: dict[str, Any]) -> list[Profile]:
    """Every article's views, with idf from the whole pile (first pass)."""
    weights = Weights(
        title=float(knobs["title_weight"]),
        lead_chars=int(knobs["lead_chars"]),
        body_chars=int(knobs["body_chars"]),
        idf_power=float(knobs["idf_power"]),
        vector_terms=int(knobs["vector_terms"]),
    )
    counts = [count(article, weights) for article in articles]
    frequencies = DocumentFrequencies(floor=int(knobs["min_documents"]))
    for item in counts:
        frequencies.add(item.vocabulary())
    idf = frequencies.table(weights.idf_power)
    return [profile(item, idf, weights) for item in counts]


class Blocking:
    """Inverted index from heavy terms to the stories that used them most recently."""

    def __init__(self, knobs: dict[str, Any]):
        self.query_terms = int(knobs["query_terms"])
        self.index_terms = int(knobs["index_terms"])
        self.posting = int(knobs["posting_stories"])
        self.limit = int(knobs["max_candidates"])
        self.postings: dict[str, dict[int, None]] = {}

    @staticmethod
    def _keys(article: Profile, limit: int) -> list[str]:
        return top_terms(article.body, limit) + top_terms(article.names, limit // 2)

    def candidates(self, article: Profile) -> list[int]:
        """The stories sharing most heavy terms with `article` (ties: the newer story first)."""
        hits: Counter[int] = Counter()
        for key in self._keys(article, self.query_terms):
            hits.update(self.postings.get(key, {}).keys())
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], -kv[0]))
        return [story for story, _ in ranked[: self.limit]]

    def add(self, story: int, article: Profile) -> None:
        for key in self._keys(article, self.index_terms):
            posting = self.postings.setdefault(key, {})
            posting.pop(story, None)
            posting[story] = None
            if len(posting) > self.posting:
                del posting[next(iter(posting))]


class _Grouper:
    """The online single pass: state is the stories, the index and the repost links."""

    def __init__(self, articles: Sequence[Article], views: list[Profile], knobs: dict[str, Any]):
        self.articles = articles
        self.views = views
        self.model = Model.from_settings(knobs)
        self.cap = int(knobs["story_terms"])
        self.blocking = Blocking(knobs)
        self.stories: list[StoryState] = []
        self.story_of: dict[str, int] = {}
        self.waiting: dict[str, int] = {}  # original id -> story of a copy that came first

    def run(self) -> list[StoryState]:
        for position, article in enumerate(self.articles):
            self.assign(position, article)
        return self.stories

    def assign(self, position: int, article: Article) -> None:
        target = self.waiting.pop(article.id, None)
        original = article.duplicate_of
        if target is None and original is not None:
            target = self.story_of.get(original, self.waiting.get(original))
        if target is None:
            target = self.best_story(position, article.published)
        if target is None:
            target = len(self.stories)
            self.stories.append(StoryState())
        if original is not None and original not in self.story_of:
            self.waiting.setdefault(original, target)
        self.story_of[article.id] = target
        self.stories[target].add(position, self.views[position], article.published, self.cap)
        self.blocking.add(target, self.views[position])

    def best_story(self, position: int, published: datetime | None) -> int | None:
        view = self.views[position]
        best, best_score = None, self.model.threshold
        for key in self.blocking.candidates(view):
            score = self.model.probability(similarities(view, self.stories[key], published))
            if score >= best_score:
                best, best_score = key, score
        return best


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


def group(articles: Sequence[Article], **overrides: Any) -> list[Story]:
    """Group cleaned, duplicate-marked articles into stories (every article in exactly one).

    Stories come newest first, then biggest; `overrides` replace [cluster] settings.
    """
    if not articles:
        return []
    knobs = settings("cluster", **overrides)
    states = _Grouper(articles, profiles(articles, knobs), knobs).run()
    stories = [_story([articles[i] for i in state.members]) for state in states]
    return sorted(stories, key=_story_order)
