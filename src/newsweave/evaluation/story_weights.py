"""Learn the story-match weights ([cluster] w_*) from gold story labels, and check they transfer.

Article-story pairs are derived from an `eval stories` file by replaying its stream with the
gold grouping: each article (reposts aside, which join their original anyway) is compared with
the gold stories built so far that blocking offers as candidates, exactly as `grouping.group`
would see them; the pair is positive when the candidate is the article's own gold story. A
logistic regression on `match.FEATURES` gives the weights, printed as TOML lines to paste
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

from newsweave.config import ClusterSettings, settings
from newsweave.evaluation.bcubed import average, item_scores
from newsweave.evaluation.stories import load, to_articles
from newsweave.grouping.blocking import Blocking
from newsweave.grouping.match import EMBEDDING_FEATURES, FEATURES, StoryState
from newsweave.grouping.online import lead_embeddings
from newsweave.grouping.state import GroupingState
from newsweave.models import Article

Pairs = tuple[np.ndarray, np.ndarray, list[str]]
Vectors = np.ndarray | None


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


def fit(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Logistic-regression weights named as the [cluster] settings (`ew_*` with embeddings)."""
    from sklearn.linear_model import LogisticRegression

    embedded = x.shape[1] > len(FEATURES)
    names = FEATURES + EMBEDDING_FEATURES if embedded else FEATURES
    prefix = "ew_" if embedded else "w_"
    model = LogisticRegression(C=1.0, max_iter=5000).fit(x, y)
    learned = {f"{prefix}{name}": float(w) for name, w in zip(names, model.coef_[0], strict=True)}
    learned[f"{prefix}intercept"] = float(model.intercept_[0])
    return learned


THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def _scores(
    articles: Sequence[Article], gold: dict[str, str], embeddings: Vectors = None, **knobs: Any
) -> dict[str, tuple[float, float]]:
    from newsweave.grouping.online import group

    stories = group(articles, embeddings=embeddings, **knobs)
    predicted = {a.id: n for n, s in enumerate(stories) for a in s.articles}
    return item_scores(gold, predicted)


def _threshold_key(embeddings: Vectors) -> str:
    return "join_threshold" if embeddings is None else "embedded_join_threshold"


def _tuned(
    articles: Sequence[Article],
    gold: dict[str, str],
    ids: list[str],
    weights: dict[str, float],
    embeddings: Vectors = None,
) -> tuple[float, float]:
    """The join threshold with the best B-cubed F1 on `ids`, and that F1."""
    results = []
    for threshold in THRESHOLDS:
        knobs = {**weights, _threshold_key(embeddings): threshold}
        scores = _scores(articles, gold, embeddings, **knobs)
        results.append((average(scores, ids).f1, threshold))
    f1, threshold = max(results)
    return threshold, f1


def run(dataset: Path, embeddings: bool = False, **options: Any) -> str:
    """Fit on all of `dataset` and per left-out source family; return the report.

    With `embeddings`, the leads are embedded once and the `ew_*` weights (lexical features
    plus `EMBEDDING_FEATURES`) and `embedded_join_threshold` are learned instead.
    """
    from newsweave.dedup.reposts import mark_duplicates

    records, gold, sources = load(Path(dataset))
    articles = mark_duplicates(to_articles(records, Path(dataset)))
    vectors = lead_embeddings(articles) if embeddings else None
    return report(articles, gold, sources, vectors, **options)


def report(
    articles: Sequence[Article],
    gold: dict[str, str],
    sources: dict[str, str],
    embeddings: Vectors = None,
    **options: Any,
) -> str:
    """Weights learned on everything, their tuned threshold, and the leave-one-family-out F1."""
    knobs = settings("cluster", **options)  # weights and threshold are ignored by pairs()
    x, y, owners = pairs(articles, gold, knobs, embeddings)
    everything = fit(x, y)
    lines = [f"{len(y)} pairs, {int(y.sum())} positive", "", "[cluster] weights:"]
    lines += [f"{key} = {value:.3f}" for key, value in everything.items()]
    threshold, f1 = _tuned(articles, gold, list(gold), everything, embeddings)
    lines.append(f"{_threshold_key(embeddings)} = {threshold}  # overall F1 {f1:.3f}")
    header = f"{'held-out family':<16} {'articles':>8} {'threshold':>9} {'F1 held-out':>12}"
    lines += ["", header]
    owner_family = np.array([family(sources[o]) for o in owners])
    for left_out in sorted({family(s) for s in sources.values()}):
        ids = [a for a, s in sources.items() if family(s) == left_out]
        others = [a for a, s in sources.items() if family(s) != left_out]
        held_out = fit(x[owner_family != left_out], y[owner_family != left_out])
        fold_threshold, _ = _tuned(articles, gold, others, held_out, embeddings)
        fold = {**held_out, _threshold_key(embeddings): fold_threshold}
        f1_held = average(_scores(articles, gold, embeddings, **fold), ids).f1
        lines.append(f"{left_out:<16} {len(ids):>8} {fold_threshold:>9} {f1_held:>12.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(run(Path(sys.argv[1]), embeddings="--embeddings" in sys.argv[2:]))
