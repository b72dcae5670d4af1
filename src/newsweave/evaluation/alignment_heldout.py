"""Held-out-within-dev rows of `eval alignment`, and the F1 and best-threshold helpers it
shares with `alignment`.

Two figures per system, each over 5 folds of the pairs' stories (a pair without a story is
its own unit), so that pairs of one story never sit on both sides of a split:

- at the shipped threshold, which this run does not fit: F1 of "same", with its spread over
  the folds;
- at the threshold with the best F1 ("best thr" in the table, chosen on all the pairs, so
  in-sample): the same choice made on the other folds only, each fold scored with it; the
  pooled held-out F1 is what that tuning is worth on pairs it has not seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from newsweave.evaluation import heldout


def prf(gold: Sequence[str], predicted: Sequence[str], label: str) -> dict[str, float]:
    hits = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
    found = sum(1 for p in predicted if p == label)
    wanted = sum(1 for g in gold if g == label)
    precision = hits / found if found else 0.0
    recall = hits / wanted if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "found": found, "gold": wanted}


def best_threshold(
    gold: Sequence[str], scores: np.ndarray, vetoed: Sequence[bool]
) -> tuple[float, float]:
    """The threshold on `scores` with the best F1 of "same" (pairs in `vetoed` never same)."""
    best = (0.0, 0.0)
    for threshold in np.arange(0.2, 1.0, 0.01):
        predicted = [
            "same" if s >= threshold and not v else "different"
            for s, v in zip(scores, vetoed, strict=True)
        ]
        f1 = prf(gold, predicted, "same")["f1"]
        if f1 > best[1]:
            best = (round(float(threshold), 2), f1)
    return best


_SUPPORT_FITTED = "none refitted (weights fitted on claim-sets' train stories)"
SHIPPED = {
    "support": _SUPPORT_FITTED,
    "support_lexical": _SUPPORT_FITTED,
    "support_fast": _SUPPORT_FITTED,
    "tfidf": heldout.NOTHING_FITTED,
}


def unvetoed(system: str) -> bool:
    """Systems whose "contradicting" is no veto on "same" (the baseline and the classifiers)."""
    return system == "tfidf" or system.startswith("support")


def rows(
    stories: Sequence[str], labels: Sequence[str], results: dict[str, Any]
) -> list[heldout.Row]:
    """The two rows per system (module docstring), for pairs of these stories and labels."""
    chunks = heldout.kfold([story or f"pair {n}" for n, story in enumerate(stories)])
    gold = ["same" if label == "same" else "different" for label in labels]
    out = []
    for system, result in results.items():
        predicted = ["same" if p == "same" else "different" for p in result["predicted"]]
        fixed = heldout.spread(
            prf([gold[n] for n in c], [predicted[n] for n in c], "same")["f1"] for c in chunks
        )
        fitted = SHIPPED.get(system, heldout.HAND_SET)
        f1 = result["same"]["f1"]
        out.append(heldout.Row(system, "same", "F1 shipped thr", fitted, f1, f1, fixed))
        tuned, per_fold = _tuned(gold, result, system, chunks)
        best = result["best_threshold"][1]
        out.append(heldout.Row(system, "same", "F1 tuned thr", "threshold", best, tuned, per_fold))
    return out


def _tuned(
    gold: list[str], result: dict[str, Any], system: str, chunks: list[list[int]]
) -> tuple[float, heldout.Spread]:
    """Pooled F1 with the threshold chosen on the other folds, and its spread over folds."""
    scores = np.array(result["scores"], dtype=np.float64)
    vetoed = [p == "contradicting" and not unvetoed(system) for p in result["predicted"]]
    pooled = ["different"] * len(gold)
    per_fold = []
    for chunk in chunks:
        inside = set(chunk)
        train = [n for n in range(len(gold)) if n not in inside]
        threshold, _ = best_threshold(
            [gold[n] for n in train], scores[train], [vetoed[n] for n in train]
        )
        for n in chunk:
            pooled[n] = "same" if scores[n] >= threshold and not vetoed[n] else "different"
        per_fold.append(prf([gold[n] for n in chunk], [pooled[n] for n in chunk], "same")["f1"])
    return prf(gold, pooled, "same")["f1"], heldout.spread(per_fold)
