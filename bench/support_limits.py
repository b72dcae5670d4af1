"""What limits the support classifier: three checks beside `support_candidates.py`.

- learning curve: the shipped features fitted on 8, 16, 25 and all 33 training stories (ten
  draws each), average precision on the held-out third: do more labels of this kind help?
- learned metric: the shipped features plus the leading principal components of the MiniLM
  pair vector (u * v, |u - v|), the head a sentence-pair classifier puts on a bi-encoder;
- quoted pairs: a threshold of their own for pairs where either side holds a quotation mark,
  chosen, like the shared one, for out-of-fold precision 0.95 on the training stories.

Reads `fit_support.py`'s cache (`--base`) and `support_candidates.py`'s cores cache
(`--parts`, the `.cores.pkl` beside its `--cache`: the MiniLM vector of every sentence).

    python bench/support_limits.py --shared ../shared --base /tmp/support.npz \\
        --parts /tmp/candidates.cores.pkl
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path

import numpy as np
from fit_support import LABELS, groups_order, prf, thresholds
from sklearn.decomposition import PCA
from sklearn.metrics import average_precision_score
from support_candidates import learner, out_of_fold

from newsweave.evaluation.alignment import load

_DRAWS = 10
_COMPONENTS = (8, 16, 32)


def learning_curve(x: np.ndarray, y: np.ndarray, group: np.ndarray, test: np.ndarray) -> None:
    """Held-out average precision when fitting on fewer training stories."""
    stories = np.unique(group[~test])
    for share in (0.25, 0.5, 0.75, 1.0):
        size = max(2, round(share * len(stories)))
        found = []
        for draw in range(_DRAWS):
            chosen = np.random.default_rng(draw).permutation(stories)[:size]
            rows = np.isin(group, chosen) & ~test
            model = learner("logistic").fit(x[rows], y[rows])
            found.append(average_precision_score(y[test], model.predict_proba(x[test])[:, 1]))
        print(f"{size} training stories: held-out AP {np.mean(found):.3f} (sd {np.std(found):.3f})")


def at_p95(x: np.ndarray, y: np.ndarray, group: np.ndarray, test: np.ndarray) -> dict:
    """Held-out P/R at the threshold for out-of-fold precision 0.95, and held-out AP."""
    oof = out_of_fold(x[~test], y[~test], group[~test], "logistic")
    threshold, _ = thresholds(y[~test], oof, 0.95, 1.0)
    held = learner("logistic").fit(x[~test], y[~test]).predict_proba(x[test])[:, 1]
    found: dict = {"threshold": threshold, **prf(y[test], held >= threshold)}
    found["ap"] = round(float(average_precision_score(y[test], held)), 3)
    return found


def quoted_threshold(
    x: np.ndarray, y: np.ndarray, group: np.ndarray, test: np.ndarray, quoted: np.ndarray
) -> dict:
    """Held-out P/R with one threshold for quoted pairs and one for the rest."""
    oof = out_of_fold(x[~test], y[~test], group[~test], "logistic")
    held = learner("logistic").fit(x[~test], y[~test]).predict_proba(x[test])[:, 1]
    chosen = np.zeros(int(test.sum()), dtype=bool)
    found: dict = {}
    for kind in (False, True):
        train_rows, test_rows = quoted[~test] == kind, quoted[test] == kind
        threshold, _ = thresholds(y[~test][train_rows], oof[train_rows], 0.95, 1.0)
        chosen[test_rows] = held[test_rows] >= threshold
        found["quoted" if kind else "plain"] = threshold
    return {**found, **prf(y[test], chosen)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--base", type=Path, required=True, help="fit_support.py's --cache")
    parser.add_argument("--parts", type=Path, required=True, help="support_cores' vectors")
    args = parser.parse_args()
    pairs = groups_order(load(LABELS, args.shared)[0])
    x = np.load(args.base)["ours_x"]
    y = np.array([p.label == "same" for p in pairs], dtype=int)
    group = np.array([p.story for p in pairs])
    test = np.array([p.split == "test" for p in pairs])
    learning_curve(x, y, group, test)
    print("shipped features", at_p95(x, y, group, test))
    vectors = pickle.loads(args.parts.read_bytes())["vectors"]
    u = np.array([vectors[p.a] for p in pairs])
    v = np.array([vectors[p.b] for p in pairs])
    metric = np.hstack([u * v, np.abs(u - v)])
    for components in _COMPONENTS:
        reduced = PCA(components, random_state=0).fit(metric[~test]).transform(metric)
        print(
            f"+ MiniLM pair vector, {components} components",
            at_p95(np.hstack([x, reduced]), y, group, test),
        )
    quoted = np.array([any(m in p.a + p.b for m in '"“”') for p in pairs])
    print("quoted pairs apart", quoted_threshold(x, y, group, test, quoted))


if __name__ == "__main__":
    main()
