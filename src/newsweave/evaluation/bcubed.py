"""B-cubed precision, recall and F1 of a grouping against gold labels (Bagga & Baldwin 1998).

For each item, precision is the share of its predicted group that shares its gold label, and
recall the share of its gold group that it shares a predicted group with; both are averaged
over items. Unlike pairwise scores, big groups do not dominate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    f1: float
    items: int


def item_scores(
    gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]
) -> dict[str, tuple[float, float]]:
    """Each gold item's (precision, recall), computed over all of gold's items."""
    items = list(gold)
    missing = [item for item in items if item not in predicted]
    if missing:
        raise ValueError(f"{len(missing)} items have no predicted group, e.g. {missing[0]!r}")
    both = Counter((gold[i], predicted[i]) for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    predicted_sizes = Counter(predicted[i] for i in items)
    return {
        i: (
            both[(gold[i], predicted[i])] / predicted_sizes[predicted[i]],
            both[(gold[i], predicted[i])] / gold_sizes[gold[i]],
        )
        for i in items
    }


def average(scores: Mapping[str, tuple[float, float]], items: Iterable[str]) -> BCubed:
    """B-cubed over a subset of items (e.g. one source), each item scored against the whole.

    An item's precision still counts the articles of other subsets in its predicted group, so
    a story merged across sources is penalised in each of them.
    """
    chosen = [scores[i] for i in items]
    if not chosen:
        return BCubed(0.0, 0.0, 0.0, 0)
    p = sum(s[0] for s in chosen) / len(chosen)
    r = sum(s[1] for s in chosen) / len(chosen)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return BCubed(p, r, f1, len(chosen))


def bcubed(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> BCubed:
    """Score `predicted` (item -> group) against `gold` (item -> label), over gold's items."""
    return average(item_scores(gold, predicted), gold)
