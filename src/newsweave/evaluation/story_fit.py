"""Fitting the story-match weights ([cluster] w_*) on gold story labels.

Article-story pairs are derived from an `eval stories` file by replaying its stream with the
gold grouping: each article (reposts aside, which join their original anyway) is compared with
the gold stories built so far that blocking offers as candidates, exactly as `grouping.group`
would see them; the pair is positive when the candidate is the article's own gold story. A
logistic regression on `match.FEATURES` gives the weights. `story_weights` prints them for the
[cluster] settings; `stories_heldout` refits them on training folds only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsweave.grouping.blocking import Blocking
from newsweave.grouping.match import EMBEDDING_FEATURES, FEATURES, StoryState
from newsweave.grouping.state import GroupingState
from newsweave.models import Article
from newsweave.sections import ClusterSettings

Pairs = tuple[np.ndarray, np.ndarray, list[str]]
Vectors = np.ndarray | None

# The join thresholds a fit chooses from (best B-cubed F1 on the articles it is fitted on).
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
# Inverse regularisation strength of the logistic fit. Chosen by leave-one-family-out B-cubed
# F1 on stories-dev (each family's weights fitted on the other two, families weighted alike):
# C 1.0: 0.862, 0.1: 0.888, 0.03: 0.887. Stronger regularisation transfers better to a
# family the fit has not seen; unweighted, C 1.0 gave 0.872 and 0.1 gave 0.879.
FIT_C = 0.1


def family(source: str) -> str:
    """The source family a held-out fold leaves out: 'galaxy-wikinews' -> 'galaxy'."""
    return source.split("-")[0]


def pairs(
    articles: Sequence[Article],
    gold: dict[str, str],
    knobs: ClusterSettings,
    embeddings: Vectors = None,
) -> Pairs:
    """Features, labels and the source id of each article-story pair met replaying gold."""
    state = GroupingState(articles, knobs, embeddings)
    blocking, scorer = Blocking(knobs), state.scorer
    stories: list[StoryState] = []
    story_of_label: dict[str, int] = {}
    rows: list[np.ndarray] = []
    labels: list[int] = []
    owners: list[str] = []
    cap = knobs.story_terms
    for position, article in enumerate(articles):
        own = story_of_label.get(gold[article.id])
        view = state.profile(position)
        keys = blocking.candidates(view) if article.duplicate_of is None else []
        if keys:
            candidates = [stories[key] for key in keys]
            rows.append(scorer.features(position, view, candidates, article.published))
            labels += [int(key == own) for key in keys]
            owners += [article.id] * len(keys)
        if own is None:
            own = story_of_label[gold[article.id]] = len(stories)
            stories.append(StoryState())
        vector = None if embeddings is None else embeddings[position]
        stories[own].add(position, view, article.published, cap, vector)
        blocking.add(own, view)
    x = np.vstack(rows) if rows else np.zeros((0, scorer.width))
    return x, np.array(labels), owners


def fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray | None = None) -> dict[str, float]:
    """Logistic-regression weights named as the [cluster] settings (`ew_*` with embeddings).

    `groups` (one label per pair, e.g. its source family): each group's pairs weigh alike in
    all, so the family with most pairs (ECB+, 60 % of stories-dev) does not set the weights
    alone, which overfits them to its kind of story."""
    from sklearn.linear_model import LogisticRegression

    embedded = x.shape[1] > len(FEATURES)
    names = FEATURES + EMBEDDING_FEATURES if embedded else FEATURES
    prefix = "ew_" if embedded else "w_"
    weight = None if groups is None else _balanced(groups)
    model = LogisticRegression(C=FIT_C, max_iter=5000).fit(x, y, sample_weight=weight)
    learned = {f"{prefix}{name}": float(w) for name, w in zip(names, model.coef_[0], strict=True)}
    learned[f"{prefix}intercept"] = float(model.intercept_[0])
    return learned


def _balanced(groups: np.ndarray) -> np.ndarray:
    """Sample weights that give every group the same total weight (mean weight 1)."""
    names, inverse, sizes = np.unique(groups, return_inverse=True, return_counts=True)
    weights: np.ndarray = len(groups) / (len(names) * sizes[inverse])
    return weights


def threshold_key(embeddings: Vectors) -> str:
    """The [cluster] setting the join threshold of these weights goes in."""
    return "join_threshold" if embeddings is None else "embedded_join_threshold"
