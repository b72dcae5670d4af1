"""Second thoughts after the online pass: re-place each article once, then merge split stories.

The online pass (`online.py`) decides each article once, with only the stories seen so far,
so its mistakes depend on the stream's order: an article that comes before the rest of its
event starts a story of its own, and one event can end up split over two stories that never
meet. Two cheap steps on the stories so far undo most of that:

- `sweep`: each article is scored, with the same model, against the candidates blocking
  offers; it moves when another story reaches the join threshold and beats its own story
  without it (a lone article joins the best story that reaches the threshold);
- `merge`: smallest stories first, a story joins a candidate at least its size when both
  agree: its members' mean probability of joining the candidate, and the candidate's
  members' mean probability of joining it (up to `merge_sample` members on each side),
  both reach `merge_threshold`. Asking both sides keeps more events of the same kind apart
  (ECB+'s pairs of earthquakes, arrests, patches) than the small story's vote alone.

Both score articles against stories, the pairs the model was learned on (not a story's
summed vector as if it were an article), and both take their candidates from the pass's
blocking index, so together they cost about one more online pass: bounded per article,
never all pairs. Reposts and the originals they copy stay put in the sweep (they must share a
story); the merge moves whole stories, so they stay together.

The look runs over stretches of the stream (`[cluster] consolidate_every` articles), each
right after the pass has placed it, while the blocking index still holds the stories of its
time: early articles are not scored against a large pile's latest stories, so the cost per
article stays flat however large the pile, and a stream gets its second look as it goes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from newsweave.grouping.profiles import Profile
from newsweave.grouping.state import GroupingState
from newsweave.models import Article
from newsweave.runner import Progress, no_progress
from newsweave.sections import ClusterSettings


def pinned_positions(articles: Sequence[Article]) -> set[int]:
    """Positions of reposts and of the originals they copy: the sweep leaves them in place."""
    originals = {a.duplicate_of for a in articles if a.duplicate_of is not None}
    return {
        position
        for position, article in enumerate(articles)
        if article.duplicate_of is not None or article.id in originals
    }


class SecondLook:
    """Sweeps and merges stretches of a `GroupingState` (see the module docstring).

    Called with a stretch's positions once the online pass has placed them; `[cluster]`
    settings `merge_threshold`, `merge_sample` and `look_candidates` set how.
    """

    def __init__(
        self, state: GroupingState, knobs: ClusterSettings, progress: Progress = no_progress
    ):
        self.state = state
        self.progress = progress
        self.pinned = pinned_positions(state.articles)
        self.merge_threshold = knobs.merge_threshold
        self.merge_sample = knobs.merge_sample
        self.look_candidates = knobs.look_candidates
        self.looked: dict[tuple[int, int], tuple[int, float]] = {}  # (position, story): score

    def __call__(self, positions: range) -> None:
        """`sweep` the articles at `positions`, then `merge` their stories; `progress`
        hears ("second look", articles looked at, articles) as the sweep goes and at the end."""
        self.looked.clear()
        self.sweep(positions)
        self.merge(positions)
        self.progress("second look", positions.stop, len(self.state.articles))

    def probabilities(
        self, position: int, keys: list[int], view: Profile | None = None
    ) -> np.ndarray:
        """The model's probability that the article at `position` (its kept `view`, fetched
        here if not given) joins each story of `keys`.

        A look asks the same question more than once (the merge's vote of a lone article
        repeats its sweep): each answer is kept in `looked` with the story's version, and only
        the stories changed since are scored again (a third of the look's scorings at 10k).
        """
        state = self.state
        stories = [state.stories[key] for key in keys]
        looked = self.looked
        known = [looked.get((position, key)) for key in keys]
        missing = [
            n
            for n, (story, seen) in enumerate(zip(stories, known, strict=True))
            if seen is None or seen[0] != story.version
        ]
        scores = np.array([0.0 if seen is None else seen[1] for seen in known])
        if missing:
            chosen = [keys[n] for n in missing]
            view = state.kept(position) if view is None else view
            for n, score in zip(missing, state.probabilities(position, view, chosen), strict=True):
                scores[n] = score
                looked[(position, keys[n])] = (stories[n].version, float(score))
        return scores

    def candidates(self, view: Profile, exclude: int) -> list[int]:
        """Blocking's `look_candidates` best candidate stories for `view`, without `exclude`."""
        return self.state.candidates(view, self.look_candidates, exclude)

    def sweep(self, positions: Iterable[int]) -> int:
        """Re-place the articles at `positions` once against the stories so far; returns how
        many moved (`pinned` positions stay).

        An article is taken out of its story only when another story reaches the join
        threshold (most never meet one), so the sweep costs little more than one scoring per
        article; one that joined its story with `[cluster] settled_at` or more is not scored
        again.
        """
        state, progress = self.state, self.progress
        moved, total = 0, len(state.articles)
        for position in positions:
            progress("second look", position, total)
            if position in state.settled or position in self.pinned:
                continue
            view = state.kept(position)
            keys = self.candidates(view, state.story_at(position))
            if not keys:
                continue
            scores = self.probabilities(position, keys, view)
            best = int(np.argmax(scores))
            offer = float(scores[best])
            if offer < state.model.threshold or not self._leaves(position, view, offer):
                continue
            state.place(position, keys[best], view)
            moved += 1
        return moved

    def _leaves(self, position: int, view: Profile, offer: float) -> bool:
        """Whether the article leaves its story for one scoring `offer`: it does when the story
        without it scores lower (it is then taken out, or the story emptied), else it stays."""
        state = self.state
        own = state.story_at(position)
        story = state.stories[own]
        if len(story.members) == 1:
            story.clear()
            return True
        state.take_out(position, view)
        stays = float(self.probabilities(position, [own], view)[0]) >= offer
        if stays:
            state.put_back(position, view)
        return not stays

    def _back_vote(self, candidate: int, story: int) -> bool:
        """Whether the mean probability that (a sample of) `candidate`'s members join `story`
        reaches `merge_threshold`. Each member is scored alone, so the count stops as soon as the
        answer is known: the sum already reaches the bar, or the rest (at most 1 each) cannot."""
        sample = _sample(self.state.stories[candidate].members, self.merge_sample)
        needed = self.merge_threshold * len(sample)
        total = 0.0
        for done, member in enumerate(sample, start=1):
            total += float(self.probabilities(member, [story])[0])
            if total >= needed:
                return True
            if total + (len(sample) - done) < needed:
                return False
        return False

    def _partner(self, key: int) -> int | None:
        """The story `key` should merge into: the best candidate both sides agree on, if any.

        Each side votes with at most `merge_sample` members (spread over its arrival order): a
        story that runs over many stretches is looked at again with each, at a bounded cost."""
        state = self.state
        story = state.stories[key]
        size = len(story.members)
        voters = _sample(story.members, self.merge_sample)
        votes: dict[int, float] = {}
        for position in voters:
            view = state.kept(position)
            keys = [
                found
                for found in self.candidates(view, key)
                if len(state.stories[found].members) >= size
            ]
            if keys:
                scores = self.probabilities(position, keys, view)
                for found, score in zip(keys, scores, strict=True):
                    votes[found] = votes.get(found, 0.0) + float(score)
        for found, total in sorted(votes.items(), key=lambda item: (-item[1], item[0])):
            if total / len(voters) < self.merge_threshold:
                return None
            if self._back_vote(found, key):
                return found
        return None

    def merge(self, positions: Iterable[int]) -> int:
        """Merge the stories of the articles at `positions` into others where both sides agree
        (see the module docstring), smallest first; returns how many merged."""
        stories = self.state.stories
        touched = {self.state.story_at(p) for p in positions}
        order = sorted(
            (k for k in touched if stories[k].members), key=lambda k: len(stories[k].members)
        )
        merged = 0
        for key in order:
            if not stories[key].members:
                continue
            target = self._partner(key)
            if target is None:
                continue
            self.state.move_story(key, target)
            merged += 1
        return merged


def _sample(members: list[int], limit: int) -> list[int]:
    """At most `limit` members, evenly spread over the story's arrival order."""
    if len(members) <= limit:
        return list(members)
    step = len(members) / limit
    return [members[int(n * step)] for n in range(limit)]
