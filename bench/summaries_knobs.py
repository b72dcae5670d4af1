"""Choose the coverage summarizer's knobs on some DUC dev clusters and score them on the others.

The `[summarize]` defaults were tuned at 250 words on all 59 dev clusters; DUC 2004, held out,
scores 100-word generic summaries. This script scores each setting of `GRID` (the shipped
defaults, each knob moved alone, and a small factorial of the knobs most likely to matter for
a short generic summary) per cluster once, then chooses by ROUGE-2 recall alone (DUC 2004's
measure) on a training part and scores the choice on the part held out, beside the defaults:

- across the sets: chosen on DUC 2006, scored on DUC 2007, and the other way round;
- cluster-level K-fold: for each fold, the setting best on the other folds, scored on it.

Key facts (`eval summaries`: the names and numbers 3 of 4 references mention, in the first 100
words) are reported, not chosen on. `--settings` scores only the named settings (at 250 words,
say, to check that a choice does not cost the longer summaries); `--table` reuses a table that
`--json` wrote.

    PYTHONPATH=src python bench/summaries_knobs.py ../shared/data/summaries-dev-duc2006-2007.jsonl
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np
from summaries_heldout import Table, folds, held_out, line, means, per_cluster

from newsweave.evaluation.summaries import load


def _factorial() -> dict[str, dict[str, Any]]:
    """recency x position x length exponent x longest candidate, around the defaults."""
    out = {}
    for recency, position, exponent, longest in itertools.product(
        (0.0, 0.5), (1.0, 2.0), (0.75, 1.0), (40, 55)
    ):
        if (recency, position, exponent, longest) == (0.5, 1.0, 1.0, 55):
            continue  # the defaults
        name = f"rec{recency:g}-pos{position:g}-len{exponent:g}-max{longest}"
        out[name] = {
            "recency_weight": recency,
            "position_weight": position,
            "length_exponent": exponent,
            "max_words": longest,
        }
    return out


# name -> overrides of [summarize] (on top of the extractive settings `eval summaries` scores).
# Fixed before any run: the defaults, one knob at a time, then the factorial.
GRID: dict[str, dict[str, Any]] = {
    "default": {},
    "position0": {"position_weight": 0.0},
    "position0.5": {"position_weight": 0.5},
    "position2": {"position_weight": 2.0},
    "position4": {"position_weight": 4.0},
    "centrality0": {"centrality_weight": 0.0},
    "centrality1.5": {"centrality_weight": 1.5},
    "centrality6": {"centrality_weight": 6.0},
    "recency0": {"recency_weight": 0.0},
    "recency1": {"recency_weight": 1.0},
    "length0.5": {"length_exponent": 0.5},
    "length0.75": {"length_exponent": 0.75},
    "min5": {"min_words": 5},
    "min12": {"min_words": 12},
    "max35": {"max_words": 35},
    "max45": {"max_words": 45},
    "max80": {"max_words": 80},
    "redundancy0.3": {"redundancy": 0.3},
    "redundancy0.4": {"redundancy": 0.4},
    "redundancy0.7": {"redundancy": 0.7},
    "lead-slack0.5": {"lead_slack": 0.5},
    "lead-slack0.8": {"lead_slack": 0.8},
    "time-order": {"lead_first": False},
    "df2": {"concept_min_df": 2},
    "df4": {"concept_min_df": 4},
    **_factorial(),
}


def rouge2(rows: dict[str, list[float]], ids: list[str]) -> float:
    """The choice's criterion: mean ROUGE-2 recall."""
    return float(means(rows, ids)[1])


def report(table: Table, ids: list[str], k: int) -> None:
    """In-sample means, then each held-out choice beside the defaults on the same clusters."""
    names = list(table)
    d06 = [i for i in ids if i.startswith("D06")]
    d07 = [i for i in ids if i.startswith("D07")]
    print("columns: R-1 R, R-2 R, key facts, s/cluster")
    print("in-sample, all clusters | DUC 2006 | DUC 2007:")
    for name in sorted(names, key=lambda n: -rouge2(table[n], ids)):
        parts = [means(table[name], part) for part in (ids, d06, d07)]
        print(line(name, parts[0]), "|", line("", parts[1])[45:], "|", line("", parts[2])[45:])
    if "default" not in table or len(names) < 2:
        return
    print("\nheld out (chosen on the rest by ROUGE-2 recall) | the defaults on the same clusters:")
    for train, test, label in ((d06, d07, "2006 -> 2007"), (d07, d06, "2007 -> 2006")):
        best, values = held_out(table, train, test, names, rouge2)
        print(line(f"{label}: {best}", values), "|", line("", means(table["default"], test))[45:])
    rows, chosen = [], []
    for fold in folds(ids, k):
        train = [i for i in ids if i not in fold]
        best, values = held_out(table, train, fold, names, rouge2)
        chosen.append(best)
        rows.extend(table[best][i] for i in fold)
        print(line(f"  fold of {len(fold)}: {best}", values), "|", end=" ")
        print(line("", means(table["default"], fold))[45:])
    print(line(f"{k}-fold, all clusters", np.nanmean(np.array(rows), axis=0)), "|", end=" ")
    print(line("", means(table["default"], ids))[45:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--settings", help="comma-separated names of GRID to score (all)")
    parser.add_argument("--json", type=Path, help="write the per-cluster table here")
    parser.add_argument("--table", type=Path, help="read a table --json wrote; no summarizing")
    args = parser.parse_args()
    if args.table:
        table: Table = json.loads(args.table.read_text(encoding="utf-8"))
        ids = list(next(iter(table.values())))
    else:
        clusters = load(args.dataset)
        ids = [c.id for c in clusters]
        names = args.settings.split(",") if args.settings else list(GRID)
        table = {name: per_cluster(name, clusters, args.words, GRID) for name in names}
    if args.json:
        args.json.write_text(json.dumps(table), encoding="utf-8")
    print(f"{len(ids)} clusters, {args.words} words, {len(table)} settings")
    report(table, ids, args.folds)


if __name__ == "__main__":
    main()
