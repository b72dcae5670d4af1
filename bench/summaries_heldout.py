"""Choose summarizer settings on some DUC clusters and score them on the others.

`newsweave eval summaries` scores fixed settings on every cluster: in-sample for whatever was
tuned on those clusters. This script scores a small grid of settings (`GRID`: the solver, the
concept threshold, the weight of names and numbers) per cluster once, then reports, beside
the in-sample best:

- across the sets: the setting best on DUC 2006 scored on DUC 2007, and the other way round;
- cluster-level K-fold: for each fold, the setting best on the other folds, scored on it.

The criterion is mean ROUGE-2 recall at `--words` (100: DUC 2004's length) plus the key-fact
share, each in its own column; the choice is made on ROUGE-2 + key facts / 10 (the key-fact
share is about ten times ROUGE-2's scale). Seconds per cluster are the summarizing time.

    PYTHONPATH=src python bench/summaries_heldout.py ../shared/data/summaries-dev-duc2006-2007.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.briefing.summarize import summarizer
from newsweave.briefing.summarize.text import truncate_words
from newsweave.evaluation.key_facts import key_facts, share_found
from newsweave.evaluation.rouge import score
from newsweave.evaluation.summaries import EXTRACTIVE, KEY_FACT_WORDS, Cluster, load

# name -> overrides of [summarize], on top of EXTRACTIVE (no lead trim or date: DUC scores
# extracts).
GRID: dict[str, dict[str, Any]] = {
    "greedy": {"solver": "greedy"},
    "greedy-df4": {"solver": "greedy", "concept_min_df": 4},
    "greedy-share0.1": {"solver": "greedy", "concept_min_df": 2, "concept_min_share": 0.1},
    "greedy-share0.2": {"solver": "greedy", "concept_min_df": 2, "concept_min_share": 0.2},
    "greedy-facts0.5": {"solver": "greedy", "fact_weight": 0.5},
    "greedy-share0.1-facts0.5": {
        "solver": "greedy", "concept_min_df": 2, "concept_min_share": 0.1, "fact_weight": 0.5,
    },
    "ilp-prior0.3": {"solver": "ilp", "prior_weight": 0.3},
    "ilp-share0.1": {"solver": "ilp", "concept_min_df": 2, "concept_min_share": 0.1},
}  # fmt: skip
BASELINES = ("lead", "centroid")


def per_cluster(
    name: str, clusters: list[Cluster], words: int, grid: dict[str, dict[str, Any]] = GRID
) -> dict[str, list[float]]:
    """Cluster id -> [ROUGE-1 R, ROUGE-2 R, key-fact share (nan: none), seconds] of the
    setting `name` of `grid`, or of the baseline summarizer `name`."""
    if name in grid:
        system = summarizer("newsweave", **{**EXTRACTIVE, **grid[name]})
    else:
        system = summarizer(name)
    out = {}
    for cluster in clusters:
        started = time.perf_counter()
        summary = system(cluster.story, words, fill=True)
        seconds = time.perf_counter() - started
        text = truncate_words(" ".join(s.text for s in summary), words)
        rouge = score(text, cluster.references)
        found = share_found(truncate_words(text, KEY_FACT_WORDS), key_facts(cluster.references))
        out[cluster.id] = [
            rouge["rouge1_r"],
            rouge["rouge2_r"],
            np.nan if found is None else found,
            seconds,
        ]
    return out


def means(rows: dict[str, list[float]], ids: list[str]) -> np.ndarray:
    return np.nanmean(np.array([rows[i] for i in ids]), axis=0)


def criterion(rows: dict[str, list[float]], ids: list[str]) -> float:
    """ROUGE-2 recall plus a tenth of the key-fact share, the two on about one scale."""
    _, r2, facts, _ = means(rows, ids)
    return float(r2 + facts / 10)


Table = dict[str, dict[str, list[float]]]
Criterion = Callable[[dict[str, list[float]], list[str]], float]


def held_out(
    table: Table,
    train: list[str],
    test: list[str],
    names: Sequence[str] = tuple(GRID),
    judge: Criterion = criterion,
) -> tuple[str, np.ndarray]:
    """The setting of `names` best on `train` by `judge`, and its means on `test`."""
    best = max(names, key=lambda name: (judge(table[name], train), name))
    return best, means(table[best], test)


def folds(ids: list[str], k: int) -> list[list[str]]:
    """K cluster folds in a fixed order (a hash of the ids), the same in every run."""
    order = sorted(ids, key=lambda i: hashlib.sha1(i.encode()).hexdigest())
    return [order[f::k] for f in range(k)]


def k_fold(
    table: Table,
    ids: list[str],
    k: int,
    names: Sequence[str] = tuple(GRID),
    judge: Criterion = criterion,
) -> np.ndarray:
    """Mean over clusters of the K-fold held-out scores (each fold scored by its choice)."""
    rows = []
    for fold in folds(ids, k):
        train = [i for i in ids if i not in fold]
        best, _ = held_out(table, train, fold, names, judge)
        rows.extend(table[best][i] for i in fold)
    return np.nanmean(np.array(rows), axis=0)


def line(label: str, values: np.ndarray) -> str:
    r1, r2, facts, seconds = values
    return f"{label:44s} {r1:.4f}  {r2:.4f}  {facts:.3f}  {seconds:6.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the per-cluster table here")
    args = parser.parse_args()
    clusters = load(args.dataset)
    ids = [c.id for c in clusters]
    table = {name: per_cluster(name, clusters, args.words) for name in (*GRID, *BASELINES)}
    if args.json:
        args.json.write_text(json.dumps(table), encoding="utf-8")
    d06 = [i for i in ids if i.startswith("D06")]
    d07 = [i for i in ids if i.startswith("D07")]
    print(f"{len(ids)} clusters, {args.words} words; columns: R-1 R, R-2 R, key facts, s/cluster")
    print("in-sample, every setting and baseline, all clusters | DUC 2006 | DUC 2007:")
    for name in table:
        parts = [means(table[name], part) for part in (ids, d06, d07)]
        print(line(name, parts[0]), "|", line("", parts[1])[45:], "|", line("", parts[2])[45:])
    for train, test, label in ((d06, d07, "DUC 2006 -> 2007"), (d07, d06, "DUC 2007 -> 2006")):
        best, values = held_out(table, train, test)
        print(line(f"held out {label} (chose {best})", values))
    print(line(f"held out, cluster {args.folds}-fold (all)", k_fold(table, ids, args.folds)))


if __name__ == "__main__":
    main()
