"""Placing new articles among stories grouped before (`newsweave ingest` into a store).

The store keeps each story's summed views and time span (`Sums`, what `StoryState` holds),
each article's compact term counts, the document frequencies of all it holds, and a blocking
index of its stories; it hands this module the few stored stories the new articles may join
(`StoredStory`: their sums, and their members as stubs) and the new articles. A stored story
is set up from its sums, never rebuilt from its members, so placing costs the new articles
and the candidate stories, not the candidates' members: at 100,000 stored articles, 1,000 new
ones are offered ~4,000 stories holding ~17,000 members.

The new articles then go through the online pass as in `group`, and the second look goes over
them and over the stored members of the stories they joined (`_look`): those may move to a
story that fits them better now, as in `group`'s second look. Other stored members stay where
they are: they were looked at when they were placed. Members' views are made from their
stored counts only when needed (a new article in their story, a merge's vote or move:
`fetch`). Reposts and their originals stay pinned, as in `group`; only the stories of the
articles placed may merge.

A stored story whose sums were weighed while the store held `regroup_growth` (2) times fewer
articles than now is grouped again (`StoredStory.regroup`): its members are placed by the
online pass from their counts, beside the new articles and in the same stream order, with
today's idf, and may part. An early ingest weighs terms with the document frequencies of a
few hundred articles, where an event's topic words look as rare as its specifics and events
of one kind join (ECB+'s two pirate seizures, two Colts wins); grown stories keep those sums,
so a story's weighing is that of its oldest part (`store/placed.py`). Each story is grouped
again at most once each time the store doubles: an ingest pays for it in proportion to the
stories it is offered, never to the store.

stories-dev in 13 ingests of 100 in file order, B-cubed F1 against one run: 0.958 so; 0.927
without regrouping (measured with the narrowly joined stored members looked at again too:
0.961 with growth 2, 0.935 without, 1.5: 0.966, 3: 0.957, 4: 0.961; 1, every candidate story
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

# The stored counts of the articles with these ids, in that order (for the views of stored
# members looked at again, moved by a merge or grouped again).
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
    """A stored story the new articles may join: its sums and its members (stubs: id,
    publication time, `duplicate_of`). A story to `regroup` (its sums are stale) is not set
    up: its members are placed again, from their fetched counts, with the new articles."""

    sums: Sums
    members: Sequence[Article]
    regroup: bool = False


@dataclass(frozen=True, slots=True)
class Placed:
    """One story after placement: its members (positions in the stored stories' members, in
    order, then the new articles) and its sums, to store."""

    members: list[int]
    sums: Sums


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
    stored counts of members whose views are needed (see the module docstring).
    `postings`: the store's blocking postings that found the stored stories (term -> their
    numbers in `stored`, oldest first), so that this placement finds them as the store did.
    `order`: the stream's sort key (`new` is in it), by which the members of stories to
    regroup are placed among the new articles.
    """
    seeds = [member for story in stored for member in story.members]
    articles = seeds + list(new)
    compacts = [_EMPTY] * len(seeds) + list(counted.compacts)
    state = StoredState(
        articles, knobs, PileCounts(compacts, counted.idf, counted.size), fetch, len(seeds)
    )
    for term, numbers in (postings or {}).items():
        state.blocking.postings[term] = array("q", numbers)
    state.set_up(stored)
    stream = sorted(state.moving, key=lambda p: (order(articles[p]) if order else 0, p))
    online = OnlinePass(state, knobs)
    look = online.second_look
    stretch: list[int] = []
    for position in stream:
        online.assign(position, articles[position])
        stretch.append(position)
        if look is not None and len(stretch) >= online.window:
            _look(look, stretch, state)
            stretch = []
    if look is not None and stretch:
        _look(look, stretch, state)
    return [
        Placed(list(story.members), Sums(story.ids, story.values, story.first, story.last))
        for story in state.stories
        if story.members
    ]


def summed(
    members: Sequence[tuple[Compact, datetime | None]], counted: PileCounts, knobs: ClusterSettings
) -> Sums:
    """The sums a story of `members` (counts, publication time) gets, its views weighed with
    `counted`'s idf: how a store made before the sums were kept gets them, once."""
    story = StoryState()
    weights = weights_of(knobs)
    for number, (counts, published) in enumerate(members):
        view = profile(counts, counted.idf, weights, counted.size)
        story.add(number, view, published, knobs.story_terms)
    return Sums(story.ids, story.values, story.first, story.last)


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

    def set_up(self, stored: Sequence[StoredStory]) -> None:
        """Each stored story from its sums, its members' views to be made when needed; a story
        to regroup is left empty (it keeps its number, for the postings), its members placed
        again (`moving`, with the new articles) from their fetched counts."""
        position = 0
        for story in stored:
            key = self.new_story()
            state = self.stories[key]
            members = range(position, position + len(story.members))
            position += len(story.members)
            if story.regroup:
                self.moving.update(members)
                continue
            self.lazy.update(members)
            sums = story.sums
            state.ids, state.values, state.size = sums.ids, sums.values, self.size
            state.first, state.last = sums.first, sums.last
            for member, article in zip(members, story.members, strict=True):
                state.members.append(member)
                self.story_of[article.id] = key
            self.blocking.add(key, _heavy_view(sums, self.size, self.index_terms))
        again = sorted(p for p in self.moving if p < self.stored)
        found = self.fetch([self.articles[p].id for p in again]) if again else []
        for p, counts in zip(again, found, strict=True):
            self.compacts[p] = counts  # profiled when the pass places it

    def kept(self, position: int) -> Profile:
        """The article's view: a stored member's is made from its fetched counts when first
        needed."""
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

    def make_views(self, positions: Iterable[int]) -> list[int]:
        """Make the views of those stored members at `positions` that have none yet; returns
        the positions, sorted."""
        ordered = sorted(positions)
        self._make([p for p in ordered if p in self.lazy])
        return ordered

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


def _look(look: SecondLook, stretch: list[int], state: StoredState) -> None:
    """The second look at `stretch` (articles the pass placed) and at the stored members of
    the stories they are in: any of these may move, but only the stories of the articles
    placed may merge.

    A stored member of a story that no article joined stays where it is: it was looked at
    when it was placed, against the stories of its time, and the stories near it that this
    ingest changed are the ones its placed articles are in (on stories-dev in 13 ingests of
    100, B-cubed F1 against one run: file order 0.958, publication order 0.969, against 0.961
    and 0.971 when the members that had joined their story narrowly were looked at again as
    well, ~40 % of an ingest's grouping at 100k; 0.955 and 0.967 with no stored member looked
    at again). Stored stories that no new article joined were weighed against each other by
    the ingests that made them; letting every ingest merge them again gathers events of one
    kind (stories-dev in 13 ingests of 100 in file order, B-cubed F1 against one run: 0.943
    with their merges, 0.947 without).
    """
    touched = state.stories_of_new(stretch)
    free = state.make_views(
        p for key in touched for p in state.stories[key].members if p not in state.moving
    )
    look.pinned |= set(range(state.stored)) - state.moving
    look.pinned -= set(free) - pinned_positions(state.articles)
    look.looked.clear()
    look.sweep(free + stretch)
    look.merge(stretch)
