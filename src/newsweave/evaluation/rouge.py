"""ROUGE against several human summaries, and bootstrap intervals over clusters.

Scores come from `rouge-score` with Porter stemming. A summary is scored against each human
summary and the scores are averaged over them (ROUGE-1.5.5 pools the references instead; the
figures differ slightly, so compare systems scored here, in the same run).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
from rouge_score import rouge_scorer

METRICS = ("rouge1", "rouge2", "rougeL")


@cache
def _scorer() -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def score(summary: str, references: Sequence[str]) -> dict[str, float]:
    """`rouge1_f`, `rouge1_r`, ... for `summary`, each averaged over the references."""
    totals = {f"{m}_{k}": 0.0 for m in METRICS for k in ("f", "r")}
    if not references:
        return totals
    for reference in references:
        scores = _scorer().score(reference, summary)
        for metric in METRICS:
            totals[f"{metric}_f"] += scores[metric].fmeasure
            totals[f"{metric}_r"] += scores[metric].recall
    return {key: value / len(references) for key, value in totals.items()}


def bootstrap(values: Sequence[float], rounds: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of the mean, resampling clusters with replacement."""
    data = np.asarray(values, dtype=np.float64)
    if data.size == 0:
        return (0.0, 0.0)
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, size=(rounds, data.size))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return (float(low), float(high))
