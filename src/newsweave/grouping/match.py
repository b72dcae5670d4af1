"""How well an article matches a story under construction: several similarities, one learned score.

Following Miranda et al. 2018 ("Multilingual Clustering of Streaming News", EMNLP), an article
is compared with a story on several separate similarities rather than one cosine, and a
linear model (logistic regression) learned on labelled article-story pairs weighs them:

- `body`, `lead`, `names`, `numbers`, `years`: cosine of the article's view (see `features.py`)
  with the story's summed view; the lead and the names carry the event, the body its topic;
- `*_covered`: share of the article's names, numbers and lead weight that the story already
  has, and `story_*_found`: share of the story's five heaviest names / lead terms the article
  has. Two events of the same kind (two Waitrose fires, two Paris jewel heists) share the kind's
  words but not the town, the shop or the toll; these see that where one cosine does not;
- `number_conflict`, `name_conflict`, `year_conflict`: 1 when both sides carry numbers (names,
  years) and share none;
- `days`: log(1 + days) between the article and the story's date range (0 when unknown);
- `size`: log of the story's size (a big story's centroid is broader, so cosines run lower);
- only with embeddings (`EMBEDDING_FEATURES`): `lead_embedding`, the cosine of the article's
  lead embedding (title and first sentences, MiniLM) with the mean of the story's, and
  `lead_embedding_max`, its best cosine with one member's: they see the same event told in
  different words, which the lexical views miss.

All candidates of an article are scored at once (`Scorer.features`): each candidate story's
term ids are looked up in the article's sorted ids (`np.searchsorted`), and `np.bincount` sums
the products per story and view, where a Python dict intersection per story and view (~150 an
article) would be the hot spot of grouping.

The weights live in the [cluster] settings as named numbers (no pickled model): `w_*` for the
lexical model, `ew_*` for the model with embeddings; `python -m
newsweave.evaluation.story_weights DATASET [--embeddings]` learns them. The score is the
model's probability that the article belongs to the story.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from newsweave.grouping.features import VIEWS
from newsweave.grouping.profiles import Ids, Profile
from newsweave.sections import ClusterSettings

FEATURES = (
    "body", "lead", "names", "numbers", "number_conflict", "name_conflict", "days",
    "names_covered", "numbers_covered", "lead_covered", "size", "years", "year_conflict",
    "story_names_found", "story_lead_found",
)  # fmt: skip
EMBEDDING_FEATURES = ("lead_embedding", "lead_embedding_max")
BODY, LEAD, NAMES, NUMBERS, YEARS = range(len(VIEWS))
FOUND_VIEWS = (NAMES, LEAD)
FOUND_TERMS = 5
Floats = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Packed:
    """A story's sums as flat arrays (all views), rebuilt after each new member."""

    ids: Ids
    values: Floats
    lengths: NDArray[np.intp]  # terms per view
    heavy: NDArray[np.bool_]  # by `ids`: among the FOUND_TERMS heaviest of a FOUND_VIEWS view
    stats: Floats  # per view its norm, then the two heavy totals, then per view 1 if it has terms


_NORMS = slice(0, len(VIEWS))
_TOTALS = slice(len(VIEWS), len(VIEWS) + len(FOUND_VIEWS))
_HAS_TERMS = slice(len(VIEWS) + len(FOUND_VIEWS), 2 * len(VIEWS) + len(FOUND_VIEWS))


_NO_IDS: Ids = np.zeros(0, dtype=np.int32)
_NO_VALUES: Floats = np.zeros(0, dtype=np.float64)


@dataclass(slots=True)
class StoryState:
    """A story under construction: members, and the sum of their view vectors.

    The sums are two flat arrays sorted by id (`Profile` ids: view first, then term), ~12
    bytes a term (32-bit ids, 64-bit sums), so a pile of 100,000 mostly one-article stories
    stays in memory.
    """

    members: list[int] = field(default_factory=list)
    ids: Ids = field(default_factory=lambda: _NO_IDS)
    values: Floats = field(default_factory=lambda: _NO_VALUES)
    size: int = 0  # ids per view (the `Profile.size` of the members)
    first: datetime | None = None
    last: datetime | None = None
    embedding: Floats | None = None  # sum of the members' lead embeddings, when used
    cached: Packed | None = None
    version: int = 0  # counts the changes: a score against an older version is stale

    def add(
        self,
        index: int,
        article: Profile,
        published: datetime | None,
        cap: int,
        embedding: NDArray[np.float32] | None = None,
    ) -> None:
        """Add a member; a view's sum is pruned to its `cap` heaviest terms when it doubles."""
        self.members.append(index)
        self.size = article.size
        values: Floats
        if len(self.ids):
            ids, values = sparse_sum(self.ids, self.values, article.ids, article.values)
        else:
            ids, values = article.ids, article.values
        self.ids, self.values = _pruned(ids, values, self.size, cap)
        if embedding is not None:
            lead = embedding.astype(np.float64)
            self.embedding = lead if self.embedding is None else self.embedding + lead
        if published is not None:
            self.first = published if self.first is None else min(self.first, published)
            self.last = published if self.last is None else max(self.last, published)
        self.cached = None
        self.version += 1

    def remove(
        self,
        index: int,
        article: Profile,
        dates: list[datetime],
        embedding: NDArray[np.float32] | None = None,
    ) -> None:
        """Take a member out (`dates`: the remaining members' known publication dates).

        Its vector is subtracted from the sums; terms the sums had pruned go negative and are
        dropped, so the sums stay within the pruning error of the remaining members' own.
        """
        self.members.remove(index)
        ids, summed = sparse_sum(self.ids, self.values, article.ids, -article.values)
        kept = summed > 1e-9
        self.ids, self.values = ids[kept], summed[kept]
        if embedding is not None and self.embedding is not None:
            self.embedding = self.embedding - embedding.astype(np.float64)
        self.first, self.last = (min(dates), max(dates)) if dates else (None, None)
        self.cached = None
        self.version += 1

    def clear(self) -> None:
        """Empty the story (its members moved to another story)."""
        self.members.clear()
        self.ids, self.values = _NO_IDS, _NO_VALUES
        self.first = self.last = self.embedding = None
        self.cached = None
        self.version += 1

    def packed(self) -> Packed:
        if self.cached is None:
            self.cached = _pack(self.ids, self.values, self.size)
        return self.cached

    def gap_days(self, published: datetime | None) -> float:
        """Days between `published` and the story's date range; 0 inside it or when unknown."""
        if published is None or self.first is None or self.last is None:
            return 0.0
        seconds = max((self.first - published).total_seconds(), 0.0)
        seconds = max(seconds, (published - self.last).total_seconds())
        return seconds / 86400.0


def sparse_sum(
    ids: Ids, values: Floats, other_ids: Ids, other_values: Floats
) -> tuple[Ids, Floats]:
    """Two sparse vectors (sorted ids, values) added: the union of their ids, sorted.

    A stable argsort of the two sorted runs is a merge (timsort), cheaper than `np.unique`'s
    full sort; each shared id's two values are added in input order.
    """
    both = np.concatenate((ids, other_ids))
    if not len(both):
        return both, np.zeros(0, dtype=np.float64)
    order = np.argsort(both, kind="stable")
    ranked = both[order]
    starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
    summed = np.add.reduceat(np.concatenate((values, other_values))[order], starts)
    return ranked[starts], summed.astype(np.float64, copy=False)


def _view_starts(ids: Ids, size: int) -> NDArray[np.intp]:
    """Where each view starts in a sorted id array, and its end: len(VIEWS) + 1 positions."""
    bounds = np.arange(len(VIEWS) + 1, dtype=np.intp) * max(size, 1)
    starts: NDArray[np.intp] = np.searchsorted(ids, bounds)
    return starts


def _pruned(ids: Ids, values: Floats, size: int, cap: int) -> tuple[Ids, Floats]:
    """The sums with every view over 2 x `cap` terms cut to its `cap` heaviest (ids sorted)."""
    starts = _view_starts(ids, size)
    lengths = np.diff(starts)
    if lengths.max(initial=0) <= 2 * cap:
        return ids, values
    keep = np.ones(len(ids), dtype=bool)
    for view, start in enumerate(starts[:-1]):
        if lengths[view] > 2 * cap:
            segment = values[start : start + lengths[view]]
            dropped = np.argsort(-segment, kind="stable")[cap:]
            keep[start + dropped] = False
    return ids[keep], values[keep]


def _pack(ids: Ids, values: Floats, size: int) -> Packed:
    starts = _view_starts(ids, size)
    lengths = np.diff(starts)
    heavy = np.zeros(len(ids), dtype=bool)
    totals = []
    for view in FOUND_VIEWS:
        view_ids = ids[starts[view] : starts[view + 1]]
        view_values = values[starts[view] : starts[view + 1]]
        chosen = np.lexsort((view_ids, -view_values))[:FOUND_TERMS]
        heavy[chosen + starts[view]] = True
        totals.append(view_values[chosen].sum())
    views = np.repeat(np.arange(len(VIEWS)), lengths)
    norms = np.sqrt(np.bincount(views, values * values, len(VIEWS)))
    stats = np.concatenate((norms, totals, lengths > 0))
    return Packed(ids, values, lengths, heavy, stats)


def _weights(article: Profile, ids: Ids) -> Floats:
    """The article's weight for each of `ids` (0 where it has none), by binary search in its
    own sorted ids: cache-friendly however large the pile's vocabulary grows."""
    if not len(article.ids):
        return np.zeros(len(ids), dtype=np.float64)
    at = np.minimum(np.searchsorted(article.ids, ids), len(article.ids) - 1)
    found: Floats = np.where(article.ids[at] == ids, article.values[at], 0.0)
    return found


class Scorer:
    """Scores an article against several stories at once (see the module docstring)."""

    def __init__(self, embeddings: NDArray[np.float32] | None = None):
        self.embeddings = embeddings

    @property
    def width(self) -> int:
        return len(FEATURES) + (len(EMBEDDING_FEATURES) if self.embeddings is not None else 0)

    def features(
        self, position: int, article: Profile, stories: list[StoryState], published: datetime | None
    ) -> Floats:
        """One row of features per story: FEATURES (then EMBEDDING_FEATURES when used)."""
        return self._columns(position, article, stories, published)[0]

    def scores(
        self,
        position: int,
        article: Profile,
        stories: list[StoryState],
        published: datetime | None,
        model: Model,
    ) -> Floats:
        """The model's probability that the article joins each story; 0 where the two share
        fewer than `model.min_shared` distinct words in both the body and the lead view.

        One shared rare word is not a story: short feed items ("Slack Wax", "Automotive Slack
        Adjuster") have tiny vectors, so that one word alone gives them high cosines."""
        rows, shared = self._columns(position, article, stories, published)
        probabilities = model.probabilities(rows)
        words = np.maximum(shared[:, BODY], shared[:, LEAD])
        return np.where(words >= model.min_shared, probabilities, 0.0)

    def _columns(
        self, position: int, article: Profile, stories: list[StoryState], published: datetime | None
    ) -> tuple[Floats, Floats]:
        """The feature rows, and per story and view how many distinct terms both sides have."""
        count = len(stories)
        packs = [story.packed() for story in stories]
        weights = _weights(article, np.concatenate([p.ids for p in packs]))
        values = np.concatenate([p.values for p in packs])
        width = count * len(VIEWS)
        segment = np.repeat(np.arange(width), np.concatenate([p.lengths for p in packs]))
        dots = np.bincount(segment, weights * values, width).reshape(count, -1)
        covered = np.bincount(segment, weights * weights, width).reshape(count, -1)
        present = (weights > 0.0).astype(np.float64)
        shared = np.bincount(segment, present, width).reshape(count, -1).astype(np.float64)
        # The story's heaviest terms that the article has, summed per view.
        has = np.concatenate([p.heavy for p in packs]) & (weights > 0.0)
        found = np.bincount(segment, values * has, width).reshape(count, -1)[:, FOUND_VIEWS]
        stats = np.array([p.stats for p in packs])
        norms, totals = stats[:, _NORMS], stats[:, _TOTALS]
        found = np.divide(found, totals, out=np.zeros_like(found), where=totals > 0)
        cosines = np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)
        conflict = (article.lengths > 0) & (stats[:, _HAS_TERMS] > 0) & (cosines == 0.0)
        rows = np.empty((count, self.width))
        rows[:, :4] = cosines[:, :4]
        rows[:, 4] = conflict[:, NUMBERS]
        rows[:, 5] = conflict[:, NAMES]
        rows[:, 6] = [math.log1p(story.gap_days(published)) for story in stories]
        rows[:, 7] = covered[:, NAMES]
        rows[:, 8] = covered[:, NUMBERS]
        rows[:, 9] = covered[:, LEAD]
        rows[:, 10] = [math.log(len(story.members)) for story in stories]
        rows[:, 11] = cosines[:, YEARS]
        rows[:, 12] = conflict[:, YEARS]
        rows[:, 13:15] = found
        if self.embeddings is not None:
            mean, best = self._embedding_columns(position, stories)
            rows[:, len(FEATURES)] = mean
            rows[:, len(FEATURES) + 1] = best
        return rows, shared

    def _embedding_columns(self, position: int, stories: list[StoryState]) -> list[Floats]:
        """Cosine with each story's mean lead embedding, and the best cosine with a member's."""
        assert self.embeddings is not None
        vector = self.embeddings[position].astype(np.float64)
        sums = np.array([story.embedding for story in stories])
        norms = np.linalg.norm(sums, axis=1)
        mean = (sums @ vector) / np.maximum(norms, 1e-12)
        members = np.concatenate([story.members for story in stories])
        similarity = self.embeddings[members] @ self.embeddings[position]
        starts = np.cumsum([0] + [len(story.members) for story in stories[:-1]])
        best = np.maximum.reduceat(similarity, starts).astype(np.float64)
        return [mean, best]


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic model over the features: weights, intercept, and the probability to join."""

    weights: Floats
    intercept: float
    threshold: float
    min_shared: int = 0  # fewer distinct shared words vetoes a join (`Scorer.scores`)

    @classmethod
    def from_settings(cls, knobs: ClusterSettings, embeddings: bool = False) -> Model:
        """The lexical model (`w_*`, `join_threshold`), or with embeddings (`ew_*`, ...)."""
        if not embeddings:
            names = [f"w_{name}" for name in FEATURES]
            return cls(
                np.array([getattr(knobs, n) for n in names]),
                knobs.w_intercept,
                knobs.join_threshold,
                knobs.min_shared_words,
            )
        names = [f"ew_{name}" for name in FEATURES + EMBEDDING_FEATURES]
        return cls(
            np.array([getattr(knobs, n) for n in names]),
            knobs.ew_intercept,
            knobs.embedded_join_threshold,
            knobs.min_shared_words,
        )

    def probabilities(self, features: Floats) -> Floats:
        z = np.clip(features @ self.weights + self.intercept, -50.0, 50.0)
        result: Floats = 1.0 / (1.0 + np.exp(-z))
        return result
