"""The state of story grouping: the stories so far, the index that finds them, the views.

The online pass (`online.py`) places each article in it, and the second look
(`second_look.py`) moves articles and merges stories in it; both go through this one object,
so neither needs the other. Articles are known by their position in the pile, stories by
their number in `stories` (a story emptied by a merge keeps its number).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from newsweave.grouping.blocking import Blocking
from newsweave.grouping.counting import PileCounts, count_pile, weights_of
from newsweave.grouping.features import count
from newsweave.grouping.match import Floats, Model, Scorer, StoryState
from newsweave.grouping.profiles import Compact, Profile, StoredProfile, compact, profile
from newsweave.models import Article
from newsweave.sections import ClusterSettings


class GroupingState:
    """The stories of one pile under construction, and what scores an article against them.

    With `[cluster] consolidate`, each article's weighted views are kept once made (`kept`),
    in place of the counts they were made from: a second look scores articles again, and a
    merge moves whole stories, of any age.
    """

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
        self.keep_profiles = knobs.consolidate
        self.settled: set[int] = set()  # positions that joined a story with `settled_at` or more
        self.profiles: list[StoredProfile | None] = [None] * len(articles)  # to consolidate
        self.stories: list[StoryState] = []
        self.story_of: dict[str, int] = {}

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
        if self.keep_profiles:
            self.profiles[position] = made.stored()
        return made

    def kept(self, position: int) -> Profile:
        """The profile the pass made for the article at `position` (needs `consolidate`)."""
        made = self.profiles[position]
        if made is None:
            raise ValueError(f"article {position} has no kept profile")
        return made.profile()

    def embedding(self, position: int) -> NDArray[np.float32] | None:
        """The lead embedding of the article at `position`, when embeddings are used."""
        return None if self.embeddings is None else self.embeddings[position]

    def story_at(self, position: int) -> int:
        """The story the article at `position` is in."""
        return self.story_of[self.articles[position].id]

    def new_story(self) -> int:
        """An empty story's number."""
        self.stories.append(StoryState())
        return len(self.stories) - 1

    def place(self, position: int, target: int, view: Profile) -> None:
        """Put the article at `position` (its `view`) in story `target`, and index it there."""
        self.story_of[self.articles[position].id] = target
        embedding = self.embedding(position)
        published = self.articles[position].published
        self.stories[target].add(position, view, published, self.cap, embedding)
        self.blocking.add(target, view)

    def take_out(self, position: int, view: Profile) -> None:
        """Take the article at `position` out of its story's sums (`put_back` undoes it).

        It stays the story's in `story_of`, and in the index: a story's postings stay where
        its members put them.
        """
        story = self.stories[self.story_at(position)]
        rest = [m for m in story.members if m != position]
        story.remove(position, view, self._dates(rest), self.embedding(position))

    def put_back(self, position: int, view: Profile) -> None:
        """Add the article at `position` to its story's sums again, after `take_out`."""
        story = self.stories[self.story_at(position)]
        published = self.articles[position].published
        story.add(position, view, published, self.cap, self.embedding(position))

    def move_story(self, key: int, target: int) -> None:
        """Move every member of story `key` to story `target`, and empty `key`."""
        for position in self.stories[key].members:
            self.place(position, target, self.kept(position))
        self.stories[key].clear()

    def candidates(
        self, view: Profile, limit: int | None = None, exclude: int | None = None
    ) -> list[int]:
        """Blocking's candidate stories for `view` (the first `limit`: those sharing most of its
        heavy terms), without `exclude` and emptied stories."""
        found = self.blocking.candidates(view)[:limit]
        return [key for key in found if key != exclude and self.stories[key].members]

    def probabilities(self, position: int, view: Profile, keys: list[int]) -> Floats:
        """The model's probability that the article at `position` (its `view`) joins each
        story of `keys`."""
        published = self.articles[position].published
        stories = [self.stories[k] for k in keys]
        return self.scorer.scores(position, view, stories, published, self.model)

    def _dates(self, members: Sequence[int]) -> list[datetime]:
        published = (self.articles[m].published for m in members)
        return [date for date in published if date is not None]
