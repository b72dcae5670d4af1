"""Placing new articles among stories grouped before (`newsweave ingest` into a store).

The store keeps each story's summed views and time span (`Sums`, what `StoryState` holds),
each article's compact term counts, the document frequencies of all it holds, and a blocking
index of its stories; it hands this module the few stored stories the new articles may join
(`StoredStory`: their sums, and their members as stubs) and the new articles. A stored story
is set up from its sums, never rebuilt from its members, so placing costs the new articles
and the candidate stories, not the candidates' members: at 100,000 stored articles, 1,000 new
ones are offered ~4,000 stories holding ~17,000 members.

The new articles then go through the online pass as in `group`, and the second look goes over
them and over the stored members that are not settled (`StoredStory.counts`): as in `group`'s
second look, an article that joined its story with at least `settled_at` stays where it is,
and the others (a story's first article, those that joined it narrowly, those a look moved)
may move to a story that fits them better now (a new article's, or another stored one that
the new articles' document frequencies bring closer). A settled member of a story that a new
article joined may move too (`_look`). An ingest that holds one outlet's articles of any date
would otherwise leave each stored article where the first, thinner ingests put it. Settled
members' views are made from their stored counts only when needed (a merge's vote or move,
or a new article in their story: `fetch`). Reposts and their originals stay pinned, as in
`group`; only the stories of new articles may merge.

A stored story whose sums were weighed while the store held `regroup_growth` (2) times fewer
articles than now is grouped again (`StoredStory.regroup`): its members are placed by the
online pass from their counts, beside the new articles and in the same stream order, with
today's idf, and may part. An early ingest weighs terms with the document frequencies of a
few hundred articles, where an event's topic words look as rare as its specifics and events
of one kind join (ECB+'s two pirate seizures, two Colts wins); grown stories keep those sums,
so a story's weighing is that of its oldest part (`store/placed.py`). Each story is grouped
again at most once each time the store doubles: an ingest pays for it in proportion to the
stories it is offered, never to the store.

stories-dev in 13 ingests of 100 in file order, B-cubed F1 against one run: 0.961 so; 0.935
without regrouping (with growth 1.5: 0.966, 3: 0.957, 4: 0.961; 1, every candidate story
every time: 0.977, the cost of regrouping the store's neighbourhood on every ingest).

A stored story's sums were weighed with the idf of the ingests that added its members, not
today's: on a large store one ingest moves the idf by a fraction of a percent, and on a small
one the idf's floor (`min_documents`) keeps it steady; once the store has doubled, the story
is grouped again when a new article is offered it.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.grouping.counting import PileCounts, weights_of
from newsweave.grouping.features import BODY_VIEW, NAMES_VIEW, VIEWS
from newsweave.grouping.match import StoryState
from newsweave.grouping.online import OnlinePass
from newsweave.grouping.profiles import Compact, Ids, Profile, profile
from newsweave.grouping.second_look import SecondLook, pinned_positions
from newsweave.grouping.state import GroupingState
from newsweave.models import Article
from newsweave.sections import ClusterSettings

# The stored counts of the articles with these ids, in that order (for views a merge needs).
Fetch = Callable[[Sequence[str]], list[Compact]]
_EMPTY = Compact(np.zeros(0, np.int32), np.zeros(0, np.float32), (0,) * len(VIEWS))


@dataclass(frozen=True, slots=True)
class Sums:
    """A story's summed member views as `StoryState` keeps them (ids sorted, `Profile` ids),
    and the first and last publication time of its members."""

    ids: Ids
    values: NDArray[np.float64]
    first: datetime | None
    last: datetime | None


@dataclass(frozen=True, slots=True)
class StoredStory:
    """A stored story the new articles may join: its sums, its members (stubs: id,
    publication time, `duplicate_of`) and, per member, its counts when the second look is to
    look at it again (None: it stays where it is). A story to `regroup` (its sums are stale)
    has every member's counts: its members are placed again, with the new articles."""

    sums: Sums
    members: Sequence[Article]
    counts: Sequence[Compact | None]
    regroup: bool = False


@dataclass(frozen=True, slots=True)
class Placed:
    """One story after placement: its members (positions in the stored stories' members, in
    order, then the new articles), its sums, and which of the new articles settled in it
    (joined with at least `settled_at`), to store."""

    members: list[int]
    sums: Sums
    settled: list[int]


def place(
    stored: Sequence[StoredStory],
    new: Sequence[Article],
    counted: PileCounts,
    knobs: ClusterSettings,
    fetch: Fetch,
    postings: dict[int, list[int]] | None = None,
    order: Callable[[Article], Any] | None = None,
) -> list[Placed]:
    """Group `new` articles with `stored` stories; every stored member and every new article
    ends in exactly one of the stories returned.

    `counted`: the new articles' compact counts, with the store's idf. `fetch` gives the
    stored counts of members whose views a merge needs (see the module docstring).
    `postings`: the store's blocking postings that found the stored stories (term -> their
    numbers in `stored`, oldest first), so that this placement finds them as the store did.
    `order`: the stream's sort key (`new` is in it), by which the members of stories to
    regroup are placed among the new articles.
    """
    seeds = [member for story in stored for member in story.members]
    looked = [counts for story in stored for counts in story.counts]
    articles = seeds + list(new)
    compacts = [c if c is not None else _EMPTY for c in looked] + list(counted.compacts)
    state = StoredState(
        articles, knobs, PileCounts(compacts, counted.idf, counted.size), fetch, len(seeds)
    )
    for term, numbers in (postings or {}).items():
        state.blocking.postings[term] = array("q", numbers)
    settled = state.set_up(stored, looked)
    stream = sorted(state.moving, key=lambda p: (order(articles[p]) if order else 0, p))
    online = OnlinePass(state, knobs)
    look = online.second_look
    stretch = [p for p in range(len(seeds)) if p not in state.moving]  # the first look
    placed = 0  # re-places the stored members chosen too; a look comes after `window` placed
    for position in stream:
        online.assign(position, articles[position])
        stretch.append(position)
        placed += 1
        if look is not None and placed >= online.window:
            _look(look, stretch, state, settled)
            stretch, placed = [], 0
    if look is not None and placed:
        _look(look, stretch, state, settled)
    joined = state.settled & state.moving
    return [
        Placed(
            list(story.members),
            Sums(story.ids, story.values, story.first, story.last),
            [p for p in story.members if p in joined],
        )
        for story in state.stories
        if story.members
    ]


def summed(
    members: Sequence[tuple[Compact, datetime | None]], counted: PileCounts, knobs: ClusterSettings
) -> tuple[Sums, list[bool]]:
    """The sums a story of `members` (counts, publication time) gets, its views weighed with
    `counted`'s idf, and whether each member is settled in it (the model gives it at least
    `settled_at` of joining the story without it): how a store made before the sums were
    kept gets them, once."""
    if len(members) == 1:  # a story of one: its view is its sums, and nothing settled
        ((counts, published),) = members
        alone = StoryState()
        view = profile(counts, counted.idf, weights_of(knobs), counted.size)
        alone.add(0, view, published, knobs.story_terms)
        return Sums(alone.ids, alone.values, alone.first, alone.last), [False]
    articles = [
        Article(id=str(n), source="", text="", published=p) for n, (_, p) in enumerate(members)
    ]
    state = GroupingState(
        articles, knobs, None, PileCounts([c for c, _ in members], counted.idf, counted.size)
    )
    key = state.new_story()
    views = [state.profile(n) for n in range(len(members))]
    for number, view in enumerate(views):
        state.place(number, key, view)
    story = state.stories[key]
    sums = Sums(story.ids, story.values, story.first, story.last)
    settled = [False] * len(members)
    for number, view in enumerate(views):
        state.take_out(number, view)
        score = float(state.probabilities(number, view, [key])[0])
        settled[number] = score >= knobs.settled_at
        state.put_back(number, view)
    return sums, settled


class StoredState(GroupingState):
    """A `GroupingState` whose first `stored` articles are the members of stored stories, set
    up from their sums; a member's view is made from its stored counts when first needed."""

    def __init__(
        self,
        articles: Sequence[Article],
        knobs: ClusterSettings,
        counted: PileCounts,
        fetch: Fetch,
        stored: int,
    ):
        super().__init__(articles, knobs, None, counted)
        self.fetch = fetch
        self.stored = stored
        self.lazy: set[int] = set()  # stored members whose views are made when needed
        self.moving = set(range(stored, len(articles)))  # placed by the pass: the new articles
        self.index_terms = knobs.index_terms

    def set_up(self, stored: Sequence[StoredStory], looked: Sequence[Compact | None]) -> set[int]:
        """Each stored story from its sums (a story to regroup left empty, its members to be
        placed again: `moving`, with the new articles); the members to look at again get their
        views now. Returns the positions of the others (settled in their story)."""
        position = 0
        for story in stored:
            key = self.new_story()  # a story to regroup keeps its number, for the postings
            state = self.stories[key]
            if story.regroup:
                self.moving.update(range(position, position + len(story.members)))
                position += len(story.members)
                continue
            sums = story.sums
            state.ids, state.values, state.size = sums.ids, sums.values, self.size
            state.first, state.last = sums.first, sums.last
            for member in story.members:
                state.members.append(position)
                self.story_of[member.id] = key
                position += 1
            self.blocking.add(key, _heavy_view(sums, self.size, self.index_terms))
        pinned = {p for p, counts in enumerate(looked) if counts is None}
        self.lazy = set(pinned)
        for p in range(len(looked)):
            if p not in pinned and p not in self.moving:
                self.profile(p)  # kept for the look; the story's sums already hold it
        return pinned

    def kept(self, position: int) -> Profile:
        """The article's view: a pinned stored member's is made from its fetched counts."""
        if position in self.lazy:
            self._make([position])
        return super().kept(position)

    def move_story(self, key: int, target: int) -> None:
        """`GroupingState.move_story`, the views of its stored members fetched at once."""
        self._make([p for p in self.stories[key].members if p in self.lazy])
        super().move_story(key, target)

    def stories_of_new(self, stretch: Sequence[int]) -> set[int]:
        """The stories that the articles of `stretch` placed by the pass (`moving`) are in."""
        return {self.story_at(p) for p in stretch if p in self.moving}

    def make_views(self, positions: Iterable[int]) -> None:
        """Make the views of those stored members at `positions` that have none yet."""
        self._make(sorted(p for p in positions if p in self.lazy))

    def _make(self, positions: list[int]) -> None:
        if not positions:
            return
        found = self.fetch([self.articles[p].id for p in positions])
        for position, counts in zip(positions, found, strict=True):
            self.lazy.discard(position)
            self.compacts[position] = counts
            self.profile(position)


def _heavy_view(sums: Sums, size: int, terms: int) -> Profile:
    """A stand-in `Profile` whose heavy terms are the story sums' heaviest body and name terms:
    what the story is found by in this placement's blocking index (the store keeps its own)."""
    heavy: list[tuple[int, ...]] = []
    for view, limit in ((BODY_VIEW, terms), (NAMES_VIEW, terms // 2)):
        inside = (sums.ids >= view * size) & (sums.ids < (view + 1) * size)
        ids, values = sums.ids[inside], sums.values[inside]
        ranked = np.argsort(-values, kind="stable")[:limit]
        heavy.append(tuple(ids[ranked].tolist()))
    none = np.zeros(len(VIEWS), dtype=np.intp)
    return Profile(sums.ids[:0], sums.values[:0], none, size, heavy[0], heavy[1])


def _look(look: SecondLook, stretch: Sequence[int], state: StoredState, settled: set[int]) -> None:
    """The second look at `stretch`: every article in it may move, but only the stories of its
    new articles may merge.

    A stored member settled in its story stays, unless a new article joined that story (it
    may fit the story less now: on stories-dev in 13 ingests of 100 in file order, a quarter
    of the stored members that moved had been settled, all in stories new articles joined).
    Stored stories that no new article joined were weighed against each other by the ingests
    that made them; letting every ingest merge them again gathers events of one kind
    (stories-dev in 13 ingests of 100 in file order, B-cubed F1 against one run: 0.943 with
    their merges, 0.947 without).
    """
    touched = state.stories_of_new(stretch)
    free = {p for p in settled if state.story_at(p) in touched}
    state.make_views(free)
    look.pinned |= settled - free
    look.pinned -= free - pinned_positions(state.articles)
    look.looked.clear()
    look.sweep(stretch)
    look.merge([p for p in stretch if p in state.moving])
