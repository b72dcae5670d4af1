"""Fit the support classifier on sentence pairs: the curve and MSRP figures (--dry-run).

Since 2026-12-07 the shipped weights come from `bench/fit_support_claims.py` (fitted on claims
read from whole stories); this script is kept for the sentence-pair view of the same features:
run it with --dry-run, or it replaces the shipped weights with pair-fitted ones.

Trains a logistic regression over the pair features on the train split of the labelled
statement pairs (tests/data/statement-pairs.jsonl, stories of BASIL), optionally with half of
the MSRP dev pairs; picks the thresholds on out-of-fold predictions of the train split only
(grouped by story): `threshold` = the lowest with out-of-fold precision >= --precision,
`recall_threshold` = the highest with out-of-fold recall >= --recall. Then reports, on the
held-out test split and on the other half of MSRP, P/R/F1 beside a plain TF-IDF cosine whose
threshold is tuned on the same training data. Writes src/newsweave/data/support-model.json.

    python bench/fit_support.py --shared /work/shared [--msrp] [--dry-run]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from newsweave.briefing.agreement.statements import anchors, sentence_dates
from newsweave.briefing.agreement.support import FEATURES, story_features
from newsweave.evaluation.alignment import Pair, load
from newsweave.nlp.embed import default_embedder

LABELS = Path(__file__).parent.parent / "tests/data/statement-pairs.jsonl"
OUT = Path(__file__).parent.parent / "src/newsweave/data/support-model.json"
CHUNK = 150  # MSRP pairs featurised together (TF-IDF fitted on them, as on one story)


def featurise(pairs: Sequence[Pair], with_embedding: bool) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows (in `FEATURES` order) and TF-IDF cosines of pairs of one group."""
    published = {p.a: p.published_a for p in pairs} | {p.b: p.published_b for p in pairs}
    texts = sorted(published)
    index = {t: k for k, t in enumerate(texts)}
    found = [anchors(t, sentence_dates(t, published[t])) for t in texts]
    embedding = None
    if with_embedding:
        vectors = default_embedder()(texts)
        embedding = np.asarray(vectors @ vectors.T, dtype=np.float32)
    features = story_features(texts, found, embedding)
    cells = [(index[p.a], index[p.b]) for p in pairs]
    rows = np.array([[features[name][i, j] for name in FEATURES] for i, j in cells])
    return rows, np.array([features["tfidf"][i, j] for i, j in cells])


def groups_of(pairs: Sequence[Pair]) -> dict[str, list[Pair]]:
    grouped: dict[str, list[Pair]] = defaultdict(list)
    for number, pair in enumerate(pairs):
        grouped[pair.story or f"chunk-{number // CHUNK}"].append(pair)
    return grouped


def table(pairs: Sequence[Pair]) -> dict[str, Any]:
    """Features, TF-IDF cosine, gold (1 = same) and group of every pair, in group order."""
    rows, tfidf, gold, group = [], [], [], []
    for name, members in groups_of(pairs).items():
        x, cosine = featurise(members, with_embedding=True)
        rows.append(x)
        tfidf.append(cosine)
        gold += [int(p.label == "same") for p in members]
        group += [name] * len(members)
    return {
        "x": np.vstack(rows),
        "tfidf": np.concatenate(tfidf),
        "y": np.array(gold),
        "group": np.array(group),
    }


def msrp_halves(shared: Path) -> tuple[list[Pair], list[Pair]]:
    """MSRP dev pairs split in two fixed halves by a hash of the pair (train, test)."""
    pairs, _ = load(shared / "data/pairs-dev.jsonl")
    halves: tuple[list[Pair], list[Pair]] = ([], [])
    for pair in pairs:
        halves[int(hashlib.sha1((pair.a + pair.b).encode()).hexdigest(), 16) % 2].append(pair)
    return halves


def prf(gold: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    hits = int((gold & predicted).sum())
    precision = hits / max(int(predicted.sum()), 1)
    recall = hits / max(int(gold.sum()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def best_f1_threshold(gold: np.ndarray, scores: np.ndarray) -> float:
    grid = np.arange(0.05, 1.0, 0.01)
    return float(max(grid, key=lambda t: prf(gold, scores >= t)["f1"]))


def thresholds(gold: np.ndarray, scores: np.ndarray, precision: float, recall: float) -> tuple:
    """(lowest threshold with precision >= `precision`, highest with recall >= `recall`)."""
    grid = np.arange(0.05, 1.0, 0.01)
    sure = [t for t in grid if prf(gold, scores >= t)["precision"] >= precision]
    loose = [t for t in grid if prf(gold, scores >= t)["recall"] >= recall]
    return round(float(min(sure, default=0.99)), 2), round(float(max(loose, default=0.05)), 2)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, LogisticRegression]:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=1.0, max_iter=1000).fit((x - mean) / scale, y)
    return mean, scale, classifier


def predictor(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    mean, scale, classifier = fit(x, y)
    return lambda rows: classifier.predict_proba((rows - mean) / scale)[:, 1]


def boosted(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """Gradient-boosted trees over the same features: the comparison `--gbm` reports."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    classifier = HistGradientBoostingClassifier(
        max_iter=200, learning_rate=0.05, max_leaf_nodes=8, min_samples_leaf=20,
        l2_regularization=1.0, random_state=0,
    ).fit(x, y)  # fmt: skip
    return lambda rows: classifier.predict_proba(rows)[:, 1]


def out_of_fold(
    data: dict[str, Any], columns: list[int], learner: Callable[..., Any] = predictor
) -> np.ndarray:
    scores = np.zeros(len(data["y"]))
    for train, test in GroupKFold(n_splits=5).split(data["x"], data["y"], data["group"]):
        predict = learner(data["x"][train][:, columns], data["y"][train])
        scores[test] = predict(data["x"][test][:, columns])
    return scores


def model_entry(
    data: dict[str, Any], columns: list[int], oof: np.ndarray, precision: float, recall: float
) -> dict[str, Any]:
    """The fitted weights of one model, thresholds from its out-of-fold predictions `oof`."""
    sure, loose = thresholds(data["y"], oof, precision, recall)
    mean, scale, classifier = fit(data["x"][:, columns], data["y"])
    return {
        "features": [FEATURES[c] for c in columns],
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in classifier.coef_[0]],
        "intercept": round(float(classifier.intercept_[0]), 6),
        "threshold": sure,
        "recall_threshold": loose,
    }


def score(entry: dict[str, Any], data: dict[str, Any]) -> np.ndarray:
    columns = [FEATURES.index(name) for name in entry["features"]]
    z = (data["x"][:, columns] - np.array(entry["mean"])) / np.array(entry["scale"])
    logit = z @ np.array(entry["coef"]) + entry["intercept"]
    return np.asarray(1 / (1 + np.exp(-logit)))


def subset(data: dict[str, Any], mask: np.ndarray) -> dict[str, Any]:
    return {key: value[mask] for key, value in data.items()}


def merged(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return {key: np.concatenate([a[key], b[key]]) for key in a}


CURVE = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.87, 0.9, 0.95)


def curve(gold: np.ndarray, scores: np.ndarray) -> dict[str, dict[str, float]]:
    """Precision and recall at several thresholds: where the operating point could sit."""
    return {f"{t:.2f}": prf(gold, scores >= t) for t in CURVE}


def gbm_report(train: dict[str, Any], tests: dict[str, Any], precision: float) -> dict[str, Any]:
    """Gradient boosting beside the logistic regression: its threshold for out-of-fold
    `precision`, its out-of-fold curve, and P/R/F1 and curve on each test set."""
    columns = list(range(len(FEATURES)))
    oof = out_of_fold(train, columns, boosted)
    sure, _ = thresholds(train["y"], oof, precision, 1.0)
    predict = boosted(train["x"], train["y"])
    found: dict[str, Any] = {"threshold": sure, "out_of_fold_curve": curve(train["y"], oof)}
    for name, data in tests.items():
        scores = predict(data["x"])
        found[name] = {"model": prf(data["y"], scores >= sure), "curve": curve(data["y"], scores)}
    return found


def report(entry: dict[str, Any], train: dict[str, Any], tests: dict[str, Any]) -> dict:
    """P/R/F1 at both thresholds on each test set, beside TF-IDF tuned on `train`, and the
    precision/recall curve of the model on each test set."""
    tfidf_threshold = best_f1_threshold(train["y"], train["tfidf"])
    found: dict[str, Any] = {"tfidf_threshold": round(tfidf_threshold, 2)}
    for name, data in tests.items():
        scores = score(entry, data)
        found[name] = {
            "model": prf(data["y"], scores >= entry["threshold"]),
            "model_recall_threshold": prf(data["y"], scores >= entry["recall_threshold"]),
            "model_best_f1_threshold": prf(
                data["y"], scores >= best_f1_threshold(train["y"], score(entry, train))
            ),
            "tfidf": prf(data["y"], data["tfidf"] >= tfidf_threshold),
            "curve": curve(data["y"], scores),
        }
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--precision", type=float, default=0.95)
    parser.add_argument("--recall", type=float, default=0.98)
    parser.add_argument("--msrp", action="store_true", help="train on half of MSRP dev too")
    parser.add_argument("--gbm", action="store_true", help="report gradient boosting beside")
    parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
    parser.add_argument("--cache", type=Path, help="keep the featurised pairs here (.npz)")
    args = parser.parse_args()
    pairs, _ = load(LABELS, args.shared)
    ours, msrp_train, msrp_test = tables(pairs, args.shared, args.cache)
    is_test = np.array([p.split == "test" for p in groups_order(pairs)])
    train = subset(ours, ~is_test)
    fitted_on = merged(train, msrp_train) if args.msrp else train
    tests = {"held_out": subset(ours, is_test), "msrp_test_half": msrp_test}
    models, figures = {}, {}
    for kind, columns in (
        ("embedding", list(range(len(FEATURES)))),
        ("lexical", [k for k, name in enumerate(FEATURES) if name != "embedding"]),
    ):
        oof = out_of_fold(fitted_on, columns)
        models[kind] = model_entry(fitted_on, columns, oof, args.precision, args.recall)
        figures[kind] = report(models[kind], fitted_on, tests)
        figures[kind]["out_of_fold_curve"] = curve(fitted_on["y"], oof)
        if kind == "embedding":
            figures["msrp_tuned"] = report(models[kind], msrp_train, {"msrp": msrp_test})
    if args.gbm:
        figures["gbm"] = gbm_report(fitted_on, tests, args.precision)
    print(json.dumps({"models": models, "figures": figures}, indent=1))
    if not args.dry_run:
        about = (
            "Logistic regression over pair features (briefing/agreement/support.py), fitted by"
            " bench/fit_support.py on the train split of tests/data/statement-pairs.jsonl"
            + (" and half of MSRP dev" if args.msrp else "")
            + "; thresholds from out-of-fold predictions of the training data."
        )
        OUT.write_text(json.dumps({"about": about, "models": models}, indent=1) + "\n")


def tables(pairs: Sequence[Pair], shared: Path, cache: Path | None) -> tuple[dict[str, Any], ...]:
    """Featurised labelled pairs and MSRP halves, from `cache` when it is there."""
    names = ("ours", "msrp_train", "msrp_test")
    if cache is not None and cache.is_file():
        stored = np.load(cache)
        return tuple(
            {key: stored[f"{name}_{key}"] for key in ("x", "tfidf", "y", "group")} for name in names
        )
    found = (table(pairs), *(table(half) for half in msrp_halves(shared)))
    if cache is not None:
        flat = {
            f"{n}_{k}": v for n, data in zip(names, found, strict=True) for k, v in data.items()
        }
        np.savez(cache, **flat)
    return found


def groups_order(pairs: Sequence[Pair]) -> list[Pair]:
    """The pairs in the order `table` puts them (group by group)."""
    return [p for members in groups_of(pairs).values() for p in members]


if __name__ == "__main__":
    main()
