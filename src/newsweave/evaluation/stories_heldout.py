"""Held-out-within-dev figures of `eval stories`: what each system scores on articles whose
weights and thresholds were chosen without them.

The folds are the data set's source families (ECB+, the WikiNews-cited galaxy sets, BASIL:
fit on two, score the third), or, where a file has one family, K folds of its gold stories.
For each fold left out:

- newsweave: the match weights ([cluster] w_*) are refitted on the article-story pairs of the
  other folds, each fold's pairs weighted alike (`story_fit`), the join threshold chosen
  from `THRESHOLDS` by B-cubed F1 on the other folds' articles, and the left-out articles
  scored from that run;
- each TF-IDF baseline: its one knob chosen from its grid the same way.

Every article is grouped in every run (the pile is one stream, as in use); only which
articles choose the settings and which are scored changes. The pooled held-out figure averages
each article's B-cubed precision and recall from the run that held it out. Knobs set by hand
while reading dev (the second look's merge threshold, the idf power ...) are not refitted: the
held-out figure is an upper bound where they matter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from newsweave.config import settings
from newsweave.evaluation.bcubed import BCubed, average, item_scores
from newsweave.evaluation.heldout import FOLDS, Row, fold_of, spread
from newsweave.evaluation.story_baselines import (
    AGGLOMERATIVE_GRID,
    SINGLE_PASS_GRID,
    agglomerative,
    single_pass,
    tfidf_similarities,
)
from newsweave.evaluation.story_fit import THRESHOLDS, Vectors, family, fit, pairs, threshold_key
from newsweave.models import Article

Scores = dict[str, tuple[float, float]]  # article -> its B-cubed (precision, recall)
Folds = dict[str, str]  # article -> the fold that holds it out
FITTED = {
    "newsweave": "16 match weights + join threshold",
    "tfidf-single-pass": "join threshold",
    "tfidf-agglomerative": "distance cut",
}


def partition(gold: dict[str, str], sources: dict[str, str]) -> tuple[str, Folds]:
    """How the held-out folds are made (words for the table), and each article's fold."""
    families = {article: family(sources[article]) for article in gold}
    if len(set(families.values())) > 1:
        return "leave one source family out", families
    folds = fold_of(gold.values(), FOLDS)
    return f"{FOLDS}-fold by gold story", {a: f"fold {folds[gold[a]] + 1}" for a in gold}


def scores_of(stories: Sequence[Sequence[str]], gold: dict[str, str]) -> Scores:
    """Each gold article's B-cubed (precision, recall) under a grouping given as id lists."""
    predicted = {article: n for n, members in enumerate(stories) for article in members}
    return item_scores(gold, predicted)


def by_subset(scores: Scores, sources: dict[str, str]) -> dict[str, BCubed]:
    """B-cubed overall and per source data set (each article scored against the whole pile)."""
    members: dict[str, list[str]] = defaultdict(list)
    for article, source in sources.items():
        if article in scores:
            members[source].append(article)
    results = {"overall": average(scores, list(scores))}
    for source in sorted(members):
        results[source] = average(scores, members[source])
    return results


def held_out_fold(runs: dict[float, Scores], folds: Folds, left_out: str) -> tuple[Scores, float]:
    """The left-out fold's scores from the setting best on the other folds (lowest on a tie)."""
    train = [article for article, fold in folds.items() if fold != left_out]
    chosen = max(sorted(runs), key=lambda setting: average(runs[setting], train).f1)
    held = {a: runs[chosen][a] for a, fold in folds.items() if fold == left_out}
    return held, chosen


def baselines(
    articles: Sequence[Article], gold: dict[str, str], folds: Folds
) -> dict[str, tuple[Scores, dict[str, float]]]:
    """Held-out scores and the knob chosen per fold, for each TF-IDF baseline."""
    similarity = tfidf_similarities(articles)
    groupers: dict[str, tuple[Callable[..., list[list[str]]], tuple[float, ...]]] = {
        "tfidf-single-pass": (single_pass, SINGLE_PASS_GRID),
        "tfidf-agglomerative": (agglomerative, AGGLOMERATIVE_GRID),
    }
    results = {}
    for name, (grouper, grid) in groupers.items():
        runs = {s: scores_of(grouper(articles, similarity, s), gold) for s in grid}
        held: Scores = {}
        chosen: dict[str, float] = {}
        for left_out in sorted(set(folds.values())):
            fold_scores, chosen[left_out] = held_out_fold(runs, folds, left_out)
            held |= fold_scores
        results[name] = (held, chosen)
    return results


def sweep(
    marked: Sequence[Article],
    gold: dict[str, str],
    weights: dict[str, float],
    embeddings: Vectors = None,
    **options: Any,
) -> dict[float, Scores]:
    """newsweave's scores with these weights at each join threshold of `THRESHOLDS`."""
    from newsweave.grouping.online import group

    runs = {}
    for threshold in THRESHOLDS:
        knobs: dict[str, Any] = {**options, **weights, threshold_key(embeddings): threshold}
        stories = group(marked, embeddings=embeddings, **knobs)
        runs[threshold] = scores_of([[a.id for a in s.articles] for s in stories], gold)
    return runs


def newsweave(
    marked: Sequence[Article],
    gold: dict[str, str],
    folds: Folds,
    embeddings: Vectors = None,
    **options: Any,
) -> tuple[Scores, dict[str, float]]:
    """Held-out scores and the join threshold chosen per fold, with weights refitted per fold.

    `marked`: the articles after `mark_duplicates`, as `group` gets them in `stories`;
    `options`: other [cluster] settings, as `group` takes them."""
    x, y, owners = pairs(marked, gold, settings("cluster", **options), embeddings)
    owner_fold = np.array([folds[owner] for owner in owners])
    held: Scores = {}
    chosen: dict[str, float] = {}
    for left_out in sorted(set(folds.values())):
        train = owner_fold != left_out
        two_classes = len(set(y[train].tolist())) == 2
        weights = fit(x[train], y[train], owner_fold[train]) if two_classes else {}
        runs = sweep(marked, gold, weights, embeddings, **options)
        fold_scores, chosen[left_out] = held_out_fold(runs, folds, left_out)
        held |= fold_scores
    return held, chosen


def rows(
    system: str,
    in_sample: dict[str, BCubed],
    held: Scores,
    folds: Folds,
    sources: dict[str, str],
) -> list[Row]:
    """Overall P, R, F1 and each subset's F1, in-sample beside held-out; folds' F1 spread."""
    out = by_subset(held, sources)
    names = sorted(set(folds.values()))
    per_fold = spread(average(held, [a for a in held if folds[a] == n]).f1 for n in names)
    fitted = FITTED.get(system, "weights + threshold")
    lines = [
        Row(system, "overall", "B3 P", fitted, in_sample["overall"].precision,
            out["overall"].precision),
        Row(system, "overall", "B3 R", fitted, in_sample["overall"].recall, out["overall"].recall),
        Row(system, "overall", "B3 F1", fitted, in_sample["overall"].f1, out["overall"].f1,
            per_fold),
    ]  # fmt: skip
    for subset, score in out.items():
        if subset != "overall":
            lines.append(Row(system, subset, "B3 F1", fitted, in_sample[subset].f1, score.f1))
    return lines
