"""Learn the story-match weights ([cluster] w_*) from gold story labels, and check they transfer.

Article-story pairs are derived from an `eval stories` file by replaying its stream with the
gold grouping: each article (reposts aside, which join their original anyway) is compared with
the gold stories built so far that blocking offers as candidates, exactly as `cluster.group`
would see them; the pair is positive when the candidate is the article's own gold story. A
logistic regression on `story_match.FEATURES` gives the weights, printed as TOML lines to paste
into the [cluster] section (no pickled model ships).

To check the weights generalise, the same fit is repeated leaving out one family of sources
(ECB+, the WikiNews/galaxy sets, BASIL): each held-out family is grouped with weights learned
without it, and its B-cubed F1 is printed beside the F1 with the weights learned on everything.

    python -m newsweave.evaluation.story_weights ../shared/data/stories-dev.jsonl
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.cluster import Blocking, profiles
from newsweave.config import settings
from newsweave.evaluation.bcubed import average, item_scores
from newsweave.evaluation.stories import load, to_articles
from newsweave.models import Article
from newsweave.story_match import FEATURES, StoryState, similarities

Pairs = tuple[np.ndarray, np.ndarray, list[str]]


def family(source: str) -> str:
    """The source family a held-out fold leaves out: 'galaxy-wikinews' -> 'galaxy'."""
    return source.split("-")[0]


def pairs(articles: Sequence[Article], gold: dict[str, str], knobs: dict[str, Any]) -> Pairs:
    """Features, labels and the source id of each article-story pair met replaying gold."""
    views = profiles(articles, knobs)
    blocking = Blocking(knobs)
    stories: list[StoryState] = []
    story_of_label: dict[str, int] = {}
    rows: list[list[float]] = []
    labels: list[int] = []
    owners: list[str] = []
    cap = int(knobs["story_terms"])
    for position, article in enumerate(articles):
        own = story_of_label.get(gold[article.id])
        if article.duplicate_of is None:
            for key in blocking.candidates(views[position]):
                rows.append(similarities(views[position], stories[key], article.published))
                labels.append(int(key == own))
                owners.append(article.id)
        if own is None:
            own = story_of_label[gold[article.id]] = len(stories)
            stories.append(StoryState())
        stories[own].add(position, views[position], article.published, cap)
        blocking.add(own, views[position])
    return np.array(rows), np.array(labels), owners


def fit(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Logistic-regression weights named as the [cluster] settings."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=5000).fit(x, y)
    learned = {f"w_{name}": float(w) for name, w in zip(FEATURES, model.coef_[0], strict=True)}
    learned["w_intercept"] = float(model.intercept_[0])
    return learned


THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.4, 0.5)


def _scores(
    articles: Sequence[Article], gold: dict[str, str], **knobs: Any
) -> dict[str, tuple[float, float]]:
    from newsweave.cluster import group

    predicted = {a.id: n for n, s in enumerate(group(articles, **knobs)) for a in s.articles}
    return item_scores(gold, predicted)


def _tuned(
    articles: Sequence[Article], gold: dict[str, str], ids: list[str], weights: dict[str, float]
) -> tuple[float, float]:
    """The join threshold with the best B-cubed F1 on `ids`, and that F1."""
    results = []
    for threshold in THRESHOLDS:
        scores = _scores(articles, gold, **weights, join_threshold=threshold)
        results.append((average(scores, ids).f1, threshold))
    f1, threshold = max(results)
    return threshold, f1


def run(dataset: Path, **options: Any) -> str:
    """Fit on all of `dataset` and per left-out source family; return the report."""
    from newsweave.dedup import mark_duplicates

    records, gold, sources = load(Path(dataset))
    articles = mark_duplicates(to_articles(records, Path(dataset)))
    return report(articles, gold, sources, **options)


def report(
    articles: Sequence[Article], gold: dict[str, str], sources: dict[str, str], **options: Any
) -> str:
    knobs = settings("cluster", **options)  # weights and threshold are ignored by pairs()
    x, y, owners = pairs(articles, gold, knobs)
    everything = fit(x, y)
    lines = [f"{len(y)} pairs, {int(y.sum())} positive", "", "[cluster] weights:"]
    lines += [f"{key} = {value:.3f}" for key, value in everything.items()]
    threshold, f1 = _tuned(articles, gold, list(gold), everything)
    lines.append(f"join_threshold = {threshold}  # overall F1 {f1:.3f}")
    header = f"{'held-out family':<16} {'articles':>8} {'threshold':>9} {'F1 held-out':>12}"
    lines += ["", header]
    owner_family = np.array([family(sources[o]) for o in owners])
    for left_out in sorted({family(s) for s in sources.values()}):
        ids = [a for a, s in sources.items() if family(s) == left_out]
        others = [a for a, s in sources.items() if family(s) != left_out]
        held_out = fit(x[owner_family != left_out], y[owner_family != left_out])
        fold_threshold, _ = _tuned(articles, gold, others, held_out)
        scores = _scores(articles, gold, **held_out, join_threshold=fold_threshold)
        f1_held = average(scores, ids).f1
        lines.append(f"{left_out:<16} {len(ids):>8} {fold_threshold:>9} {f1_held:>12.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(run(Path(sys.argv[1])))
