"""Grouping articles into stories: one online pass over the stream, a learned match score.

Each article, in stream order, is scored against a few candidate stories on several
similarities (body, lead, names, numbers, years, shared and conflicting specifics, time, size;
see `match.py`) combined by a logistic model learned on labelled pairs (Miranda et al. 2018).
It joins the best-scoring story if the model's probability reaches `join_threshold`; otherwise
it starts a new story. Separate lead, name and number evidence tells two events of the same
kind apart (two earthquakes share most words) and gathers short reports whose wording
differs, which one weighted cosine cannot do.

Candidates come from an inverted index (`blocking.py`): only the few stories sharing most of
the article's heaviest terms are scored, so the cost per article is bounded and the pass grows
linearly with the pile. The stories, the index and the articles' views live in one
`GroupingState` (`state.py`), which the pass and its second look share.

With `use_embeddings` (a setting, or `group(articles, use_embeddings=True)`), each article's
lead (title and first sentences) is also embedded with MiniLM (`embed.py`) and two more
features compare it with the story's leads, under their own learned weights (`ew_*`). That
costs ~25 ms of CPU per article, so the fast `stories` path leaves it off by default.

A repost or rewrite (`duplicate_of` set) always joins its original's story; when it arrives
before its original, the original later joins the copy's story. IDF statistics come from a
first cheap pass over the pile's tokens (`counting.py`; a stream would keep `Terms` running).

With `consolidate` on (the default), the stories get a second look after every stretch of
`consolidate_every` articles (`second_look.py`): each article of the stretch is re-placed
once, then the stretch's stories merge where both sides agree. The single pass decides each
article once, with only the stories seen so far, so its mistakes depend on the stream's
order; the second look undoes most of them for about one more pass of scoring.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.config import settings
from newsweave.grouping.counting import PileCounts
from newsweave.grouping.match import StoryState
from newsweave.grouping.profiles import Profile
from newsweave.grouping.second_look import SecondLook
from newsweave.grouping.state import GroupingState
from newsweave.models import Article, Story
from newsweave.runner import Progress, no_progress
from newsweave.sections import ClusterSettings

LEAD_SENTENCES = 2
LEAD_CHARACTERS = 600


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


class OnlinePass:
    """The online single pass over a `GroupingState`, with its repost links and second look."""

    def __init__(
        self, state: GroupingState, knobs: ClusterSettings, progress: Progress = no_progress
    ):
        self.state = state
        self.progress = progress
        self.settle = knobs.settled_at
        self.window = max(1, knobs.consolidate_every)
        self.second_look = SecondLook(state, knobs, progress) if knobs.consolidate else None
        self.waiting: dict[str, int] = {}  # original id -> story of a copy that came first

    def run(self) -> list[StoryState]:
        """The online pass; with `consolidate`, a second look after every `window` articles
        (and at the end) at the articles of that stretch. Returns the stories left.
        `progress` hears ("grouping", articles placed, articles) after each article (and the
        second look its own phase, see `SecondLook`)."""
        articles, look, progress = self.state.articles, self.second_look, self.progress
        start, total = 0, len(articles)
        progress("grouping", 0, total)
        for position, article in enumerate(articles):
            self.assign(position, article)
            progress("grouping", position + 1, total)
            if look is not None and position + 1 - start >= self.window:
                look(range(start, position + 1))
                start = position + 1
        if look is not None and start < total:
            look(range(start, total))
        return [story for story in self.state.stories if story.members]

    def assign(self, position: int, article: Article) -> None:
        """Place the article at `position`: a copy with its original (or the original with a
        copy that came first), any other article in its best story or a new one."""
        state = self.state
        view = state.profile(position)
        target = self.waiting.pop(article.id, None)
        original = article.duplicate_of
        if target is None and original is not None:
            target = state.story_of.get(original, self.waiting.get(original))
        if target is None:
            target = self.best_story(position, view)
        if target is None:
            target = state.new_story()
        if original is not None and original not in state.story_of:
            self.waiting.setdefault(original, target)
        state.place(position, target, view)

    def best_story(self, position: int, view: Profile) -> int | None:
        """The candidate with the highest probability if it reaches the threshold (ties: last)."""
        state = self.state
        keys = state.candidates(view)
        if not keys:  # (a story merged into another by a second look is empty)
            return None
        scores = state.probabilities(position, view, keys)
        best = len(keys) - 1 - int(np.argmax(scores[::-1]))
        if scores[best] >= self.settle:
            state.settled.add(position)  # the second look leaves it where it is
        return keys[best] if scores[best] >= state.model.threshold else None


def _article_order(article: Article) -> tuple[bool, datetime, str]:
    return (article.published is None, article.published or datetime.min, article.id)


def _story(members: list[Article]) -> Story:
    """A story record: articles by date (unknown last) then id; id from its earliest article."""
    ordered = tuple(sorted(members, key=_article_order))
    digest = hashlib.sha1(ordered[0].id.encode("utf-8")).hexdigest()[:12]
    return Story(id=f"story-{digest}", articles=ordered)


def story_record(members: list[Article]) -> Story:
    """The story record `group` makes of `members` (for a grouping made elsewhere)."""
    return _story(members)


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
    progress: Progress = no_progress,
    **overrides: Any,
) -> list[Story]:
    """Group cleaned, duplicate-marked articles into stories (every article in exactly one).

    Stories come newest first, then biggest; `overrides` replace [cluster] settings, e.g.
    `group(articles, use_embeddings=True)` adds the lead-embedding features (slower, see the
    module docstring). `embeddings`, one `lead_embeddings` row per article computed earlier
    (a cache), turns them on without embedding again; `counted`, the `count_pile` of the
    articles' `count`s computed earlier (in worker processes), skips the counting (it is
    used up: each article's counts are released once the pass has weighed them). `progress`
    hears how far the pass and its second look have got (see `OnlinePass.run`).
    """
    if not articles:
        return []
    knobs = settings("cluster", **overrides)
    if embeddings is None and knobs.use_embeddings:
        embeddings = lead_embeddings(articles)
    state = GroupingState(articles, knobs, embeddings, counted)
    states = OnlinePass(state, knobs, progress).run()
    stories = [_story([articles[i] for i in state.members]) for state in states]
    return sorted(stories, key=_story_order)
