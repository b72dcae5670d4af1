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
- `size`: log of the story's size (a big story's centroid is broader, so cosines run lower).

The weights live in the [cluster] settings as named numbers (no pickled model) and are learned
by `python -m newsweave.evaluation.story_weights DATASET`. The score is the model's probability
that the article belongs to the story.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsweave.features import Profile, Vector, dot, top_terms

FEATURES = (
    "body", "lead", "names", "numbers", "number_conflict", "name_conflict", "days",
    "names_covered", "numbers_covered", "lead_covered", "size", "years", "year_conflict",
    "story_names_found", "story_lead_found",
)  # fmt: skip
VIEWS = ("body", "lead", "names", "numbers", "years")
FOUND_VIEWS = ("names", "lead")
FOUND_TERMS = 5


@dataclass(slots=True)
class StoryState:
    """A story under construction: members, the summed view vectors and their squared norms."""

    members: list[int] = field(default_factory=list)
    sums: dict[str, Vector] = field(default_factory=lambda: {v: {} for v in VIEWS})
    squares: dict[str, float] = field(default_factory=lambda: dict.fromkeys(VIEWS, 0.0))
    first: datetime | None = None
    last: datetime | None = None
    heavy: dict[str, Vector] = field(default_factory=lambda: {v: {} for v in FOUND_VIEWS})

    def add(self, index: int, article: Profile, published: datetime | None, cap: int) -> None:
        """Add a member; norms are updated exactly, sums pruned to `cap` terms when they double."""
        self.members.append(index)
        for view in VIEWS:
            vector: Vector = getattr(article, view)
            total = self.sums[view]
            self.squares[view] += 2.0 * dot(vector, total) + (1.0 if vector else 0.0)
            for key, value in vector.items():
                total[key] = total.get(key, 0.0) + value
            if len(total) > 2 * cap:
                kept = {k: total[k] for k in top_terms(total, cap)}
                self.sums[view] = kept
                self.squares[view] = sum(v * v for v in kept.values())
        for view in FOUND_VIEWS:
            total = self.sums[view]
            self.heavy[view] = {k: total[k] for k in top_terms(total, FOUND_TERMS)}
        if published is not None:
            self.first = published if self.first is None else min(self.first, published)
            self.last = published if self.last is None else max(self.last, published)

    def cosine(self, view: str, vector: Vector) -> float:
        square = self.squares[view]
        return dot(vector, self.sums[view]) / math.sqrt(square) if square > 0 else 0.0

    def covered(self, view: str, vector: Vector) -> float:
        """Share of the article's (squared) weight on terms the story already has."""
        total = self.sums[view]
        return sum(vector[k] ** 2 for k in vector.keys() & total.keys())

    def found(self, view: str, vector: Vector) -> float:
        """Share of the story's heaviest terms' weight (`FOUND_TERMS`) the article also has."""
        heavy = self.heavy[view]
        total = sum(heavy.values())
        return sum(w for k, w in heavy.items() if k in vector) / total if total else 0.0

    def gap_days(self, published: datetime | None) -> float:
        """Days between `published` and the story's date range; 0 inside it or when unknown."""
        if published is None or self.first is None or self.last is None:
            return 0.0
        seconds = max((self.first - published).total_seconds(), 0.0)
        seconds = max(seconds, (published - self.last).total_seconds())
        return seconds / 86400.0


def similarities(article: Profile, story: StoryState, published: datetime | None) -> list[float]:
    """The FEATURES of one article against one story, in order."""
    cosines = [story.cosine(view, getattr(article, view)) for view in VIEWS]
    number_conflict = float(
        bool(article.numbers) and bool(story.sums["numbers"]) and cosines[3] == 0.0
    )
    name_conflict = float(bool(article.names) and bool(story.sums["names"]) and cosines[2] == 0.0)
    days = math.log1p(story.gap_days(published))
    covered = [story.covered(view, getattr(article, view)) for view in ("names", "numbers", "lead")]
    size = math.log(len(story.members))
    year_conflict = float(bool(article.years) and bool(story.sums["years"]) and cosines[4] == 0.0)
    return [
        *cosines[:4],
        number_conflict,
        name_conflict,
        days,
        *covered,
        size,
        cosines[4],
        year_conflict,
        *[story.found(view, getattr(article, view)) for view in FOUND_VIEWS],
    ]


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic model over FEATURES: weights, intercept, and the probability needed to join."""

    weights: tuple[float, ...]
    intercept: float
    threshold: float

    @classmethod
    def from_settings(cls, knobs: dict[str, Any]) -> Model:
        return cls(
            weights=tuple(float(knobs[f"w_{name}"]) for name in FEATURES),
            intercept=float(knobs["w_intercept"]),
            threshold=float(knobs["join_threshold"]),
        )

    def probability(self, features: list[float]) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))
