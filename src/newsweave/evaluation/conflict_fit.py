"""`python -m newsweave.evaluation.conflict_fit LABELS.jsonl...`: fit the conflict gate.

The gate (`briefing/agreement/conflict_model.py`) is a logistic regression over the features of
the candidate clashes of figures (`conflicts.number_clashes`) of labelled sentence pairs: every
clause pair of a pair is compared as `compare_outlets` compares statements (similarity plus the
anchor bonus), and each of its candidate clashes is a row, labelled by its pair (contradicting
or not). Only the training stories are used (split as `evaluation.conflicts` splits them); the
threshold is the one with the best F1 of out-of-fold pair predictions, 5 folds of training
stories. Printed, per similarity, for clashes of figures only (`evaluation.conflicts` scores
the whole relation, dates, negation and loaded words included): that out-of-fold figure, the
in-sample (training) one, the held-out test one, and 5 folds of all stories with the gate and
its threshold refitted inside each fold (F0.5 and F1 choices). `--write` stores the gates in
`data/conflict-model.json`.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from newsweave.briefing.agreement.clauses import clauses
from newsweave.briefing.agreement.conflict_model import FEATURES, PATH, ConflictGate
from newsweave.briefing.agreement.conflicts import conflict_threshold, number_clashes
from newsweave.briefing.agreement.matching import lexical_similarity, shared_anchor
from newsweave.briefing.agreement.statements import anchors, sentence_dates
from newsweave.config import settings
from newsweave.evaluation.alignment import Pair
from newsweave.evaluation.conflicts import conflict_scores, labelled_pairs

SYSTEMS = ("embedding", "lexical")
_FOLDS = 5
_BETA = 1.0  # F-beta of the threshold choice (0.5 was tried: see docs/evaluation.md, Conflicts)
_C = 0.1  # inverse regularisation of the logistic regression: few positives, strong prior


def _cosines(texts: list[str], system: str) -> np.ndarray:
    if system == "embedding":
        from newsweave.nlp.embed import default_embedder

        vectors = default_embedder()(texts)
        return np.asarray(vectors @ vectors.T, dtype=np.float32)
    return lexical_similarity(texts)


def candidate_rows(pairs: Sequence[Pair], system: str) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows of every candidate clash of every pair (in `FEATURES` order), and the
    index of the pair each row belongs to."""
    config = settings("agreement")
    parts = [
        (
            [p.a[s:e] for s, e in clauses(p.a, config.statement_min_words)],
            [p.b[s:e] for s, e in clauses(p.b, config.statement_min_words)],
        )
        for p in pairs
    ]
    texts = sorted({t for a, b in parts for t in a + b})
    index = {t: i for i, t in enumerate(texts)}
    cosine = _cosines(texts, system)
    rows, owner = [], []
    for k, (pair, (parts_a, parts_b)) in enumerate(zip(pairs, parts, strict=True)):
        for text_a in parts_a:
            side_a = (text_a, anchors(text_a, sentence_dates(text_a, pair.published_a)))
            for text_b in parts_b:
                side_b = (text_b, anchors(text_b, sentence_dates(text_b, pair.published_b)))
                score = float(cosine[index[text_a], index[text_b]])
                score += config.anchor_bonus if shared_anchor(side_a[1], side_b[1]) else 0.0
                if score < conflict_threshold(config, system):
                    continue
                for clash in number_clashes(side_a, side_b, score, config):
                    rows.append([clash.features.get(name, 0.0) for name in FEATURES])
                    owner.append(k)
    return np.array(rows, dtype=float).reshape(-1, len(FEATURES)), np.array(owner, dtype=int)


def fit_gate(x: np.ndarray, y: np.ndarray, threshold: float = 0.5) -> ConflictGate:
    """A logistic regression on standardised rows, as a gate."""
    mean = x.mean(axis=0)
    scale = np.where(x.std(axis=0) > 0, x.std(axis=0), 1.0)
    model = LogisticRegression(C=_C, class_weight="balanced", max_iter=2000)
    model.fit((x - mean) / scale, y)
    return ConflictGate(
        features=FEATURES,
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in model.coef_[0]),
        intercept=float(model.intercept_[0]),
        threshold=threshold,
    )


def _probabilities(gate: ConflictGate, x: np.ndarray) -> np.ndarray:
    z = (x - np.array(gate.mean)) / np.array(gate.scale)
    return np.asarray(1.0 / (1.0 + np.exp(-(z @ np.array(gate.coef) + gate.intercept))))


def pair_scores(probability: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """Each pair's likeliest clash (0 for a pair without candidates)."""
    best = np.zeros(n)
    np.maximum.at(best, owner, probability)
    return best


def best_threshold(scores: np.ndarray, gold: np.ndarray, beta: float = _BETA) -> float:
    """The threshold with the best F-beta of "contradicting" on `scores`."""
    best, chosen = -1.0, 0.5
    for threshold in sorted({float(s) for s in scores if s > 0}):
        found = scores >= threshold
        hits = float((found & gold).sum())
        if not hits:
            continue
        precision, recall = hits / found.sum(), hits / gold.sum()
        f = (1 + beta**2) * precision * recall / (beta**2 * precision + recall)
        if f > best:
            best, chosen = f, threshold
    return chosen


def out_of_fold(x: np.ndarray, owner: np.ndarray, gold: np.ndarray, stories: np.ndarray) -> Any:
    """Pair scores of the training pairs, each from a gate fitted without its story."""
    scores = np.zeros(len(gold))
    row_story = stories[owner]
    folds = GroupKFold(n_splits=_FOLDS)
    for train, test in folds.split(x, groups=row_story):
        y = gold[owner[train]]
        if y.min() == y.max():
            continue
        gate = fit_gate(x[train], y)
        held = pair_scores(_probabilities(gate, x[test]), owner[test], len(gold))
        pairs = np.unique(owner[test])
        scores[pairs] = held[pairs]
    return scores


def nested_folds(
    x: np.ndarray, owner: np.ndarray, gold: np.ndarray, stories: np.ndarray, beta: float
) -> np.ndarray:
    """Predictions for every pair from 5 folds of all stories: each fold's gate fitted, and
    its threshold chosen (out-of-fold, `beta`), on the other folds' stories only."""
    predicted = np.zeros(len(gold), dtype=bool)
    folds = GroupKFold(n_splits=_FOLDS)
    for train, test in folds.split(x, groups=stories[owner]):
        inner = out_of_fold(x[train], owner[train], gold, stories)
        seen = np.zeros(len(gold), dtype=bool)
        seen[owner[train]] = True
        threshold = best_threshold(inner[seen], gold[seen], beta)
        gate = fit_gate(x[train], gold[owner[train]], threshold)
        held = pair_scores(_probabilities(gate, x[test]), owner[test], len(gold))
        pairs = np.unique(owner[test])
        predicted[pairs] = held[pairs] >= threshold
    return predicted


def fit(pairs: Sequence[Pair], system: str) -> tuple[ConflictGate, list[str]]:
    """The gate of `system` fitted on the training pairs, and the lines of its report."""
    x, owner = candidate_rows(pairs, system)
    gold = np.array([p.label == "contradicting" for p in pairs])
    split = np.array([p.split for p in pairs])
    stories = np.array([p.story for p in pairs])
    train_rows = split[owner] == "train"
    train_pairs = split == "train"
    oof = out_of_fold(x[train_rows], owner[train_rows], gold, stories)
    threshold = best_threshold(oof[train_pairs], gold[train_pairs])
    gate = fit_gate(x[train_rows], gold[owner[train_rows]], threshold)
    scores = pair_scores(_probabilities(gate, x), owner, len(pairs))
    lines = [f"{system}: {len(x)} candidate clashes, threshold {threshold:.3f}"]
    for name, chosen, predicted in (
        ("train, out-of-fold", train_pairs, oof >= threshold),
        ("train, in-sample", train_pairs, scores >= threshold),
        ("test, held out", split == "test", scores >= threshold),
    ):
        label = ["contradicting" if g else "other" for g in gold[chosen]]
        guess = ["contradicting" if p else "other" for p in predicted[chosen]]
        r = conflict_scores(label, guess)
        lines.append(
            f"  {name:<20} gold {r['gold']:>3} found {r['found']:>3}"
            f" P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}"
        )
    with_candidates = np.zeros(len(pairs), dtype=bool)
    with_candidates[owner] = True
    for beta in (0.5, 1.0):
        predicted = nested_folds(x, owner, gold, stories, beta)
        hits = int((predicted & gold).sum())
        lines.append(
            f"  5 folds of all stories (threshold by F{beta:g}): gold {int(gold.sum())}"
            f" found {int(predicted.sum())} P {hits / max(int(predicted.sum()), 1):.3f}"
            f" R {hits / int(gold.sum()):.3f}; pairs with a candidate clash"
            f" {int((with_candidates & gold).sum())}"
        )
    return gate, lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", type=Path, nargs="+")
    parser.add_argument("--data-dir", type=Path, default=Path("../shared"))
    parser.add_argument("--write", action="store_true", help=f"store the gates in {PATH}")
    args = parser.parse_args(argv)
    pairs = labelled_pairs(args.datasets, args.data_dir)
    gates = {}
    for system in SYSTEMS:
        gates[system], lines = fit(pairs, system)
        print("\n".join(lines))
    if args.write:
        out = Path(__file__).parent.parent / PATH
        note = (
            "Conflict gates: logistic regressions over candidate clash features, fitted on the"
            " training stories by `python -m newsweave.evaluation.conflict_fit`."
        )
        models = {k: g.as_dict() for k, g in gates.items()}
        out.write_text(json.dumps({"about": note, "models": models}, indent=1) + "\n")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
