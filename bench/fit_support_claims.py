"""Refit the support model on claim sets read from whole stories, and choose its thresholds there.

    .venv/bin/python bench/fit_support_claims.py [--shared ../shared] [--dry-run]

The support model (`briefing/agreement/support.py`) decides which outlets a fact credits. It was
fitted on sentence pairs labelled one at a time (`bench/fit_support.py`), where "same" means the
two whole sentences state one claim. Facts are judged otherwise: a reader asks whether each
credited outlet states the fact's claim, and a sentence often states it among other things.
This script fits on `tests/data/claim-sets.jsonl` (claims read from the 50 BASIL stories, every
sentence that states each one; `newsweave.evaluation.claims`):

- pairs: every two statements of different articles of a training story (the split the file
  fixes); "same" when both sentences state one labelled claim, else "different";
- weights: logistic regression over `support.FEATURES` (the embedding model with spaCy's verbs,
  as the default brief; the lexical model without the embedding cosine and with verbs by rule,
  as `brief --fast`);
- `threshold`: the lowest on a grid at which the out-of-fold facts of the training stories (5
  folds of stories, each fold's probabilities from a model fitted on the other four) credit
  outlets with precision >= 0.95 against the claim sets;
- `recall_threshold` (exclusives): the one on a grid at which the out-of-fold exclusives are
  most often right (no labelled claim shares them). Low values leave a statement exclusive only
  when nothing of another outlet comes near; the curve is printed.

Prints claim recall, outlet precision and exclusive precision on the training stories (out of
fold) and on the held-out test stories (fitted on all training stories), and writes
`src/newsweave/data/support-model.json` unless --dry-run.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from newsweave.briefing.agreement import compare
from newsweave.briefing.agreement.statements import Statement, story_statements
from newsweave.briefing.agreement.support import FEATURES, SupportModel, story_features
from newsweave.config import settings
from newsweave.evaluation import claims as claim_sets
from newsweave.models import Story

REPO = Path(__file__).resolve().parents[1]
PRECISION = 0.95
LOOSE_GRID = [0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3]
GRID = [round(t, 2) for t in np.arange(0.30, 0.96, 0.05)]
KINDS = {"embedding": ("tagger", True), "lexical": ("rule", False)}


@dataclass
class Prepared:
    story: Story
    statements: list[Statement]
    features: dict[str, dict[str, np.ndarray]]  # kind -> feature -> n x n
    gold: np.ndarray  # n x n, 1 where both state one labelled claim
    cross: np.ndarray  # n x n, True for statements of different articles


def prepare(story: Story, sets: list[claim_sets.ClaimSet]) -> Prepared:
    statements = story_statements(story, settings("agreement").statement_min_words)
    texts = [s.text for s in statements]
    found = [s.anchors for s in statements]
    cosine, _ = compare.similarity(texts, "embedding")
    features = {
        kind: story_features(texts, found, cosine if embedded else None, verbs)
        for kind, (verbs, embedded) in KINDS.items()
    }
    n = len(statements)
    gold = np.zeros((n, n), dtype=bool)
    for claim in sets:
        if claim.disputed:
            continue
        inside = [
            i
            for i, s in enumerate(statements)
            if claim_sets.cites(s.article.id, s.sentence.text, claim.states)
        ]
        gold[np.ix_(inside, inside)] = True
    articles = np.array([s.article.id for s in statements])
    return Prepared(story, statements, features, gold, articles[:, None] != articles[None, :])


def columns(kind: str) -> list[str]:
    return [f for f in FEATURES if not (kind == "lexical" and f == "embedding")]


def rows(prepared: list[Prepared], kind: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, groups = [], [], []
    for number, p in enumerate(prepared):
        upper = np.triu(p.cross, k=1)
        xs.append(np.stack([p.features[kind][f][upper] for f in columns(kind)], axis=1))
        ys.append(p.gold[upper])
        groups.append(np.full(int(upper.sum()), number))
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(groups)


def fit(x: np.ndarray, y: np.ndarray, kind: str) -> SupportModel:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=1.0, max_iter=3000).fit((x - mean) / scale, y)
    return SupportModel(
        features=tuple(columns(kind)),
        mean=tuple(round(float(v), 6) for v in mean),
        scale=tuple(round(float(v), 6) for v in scale),
        coef=tuple(round(float(v), 6) for v in classifier.coef_[0]),
        intercept=round(float(classifier.intercept_[0]), 6),
        threshold=0.5,
        recall_threshold=0.1,
    )


def agreements(
    prepared: list[Prepared], model_of: Callable[[Prepared], SupportModel], kind: str
) -> dict[str, Any]:
    """`compare_outlets` of each story with the given model's probabilities in place of the
    shipped model's (the bench swaps them in; the product reads the data file)."""
    mode, verbs = ("embedding", "tagger") if kind == "embedding" else ("lexical", "rule")
    found = {}
    original = compare.support_matrix, compare.support_model
    try:
        for p in prepared:
            model = model_of(p)
            probability = model.probability(p.features[kind])
            compare.support_matrix = lambda *_args, _p=probability, **_kw: _p  # type: ignore[assignment]
            compare.support_model = lambda _used, _m=model: _m  # type: ignore[assignment]
            found[p.story.id] = compare.compare_outlets(p.story, mode=mode, verbs=verbs)
    finally:
        compare.support_matrix, compare.support_model = original
    return found


def choose(
    prepared: list[Prepared], sets: list[claim_sets.ClaimSet], kind: str
) -> tuple[float, float, dict[str, float]]:
    """Thresholds from out-of-fold models of the training stories, and the out-of-fold scores."""
    x, y, groups = rows(prepared, kind)
    fold_model: dict[int, SupportModel] = {}
    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        model = fit(x[train], y[train], kind)
        for number in set(groups[test].tolist()):
            fold_model[number] = model
        z = (x[test] - np.array(model.mean)) / np.array(model.scale)
        oof[test] = 1 / (1 + np.exp(-(z @ np.array(model.coef) + model.intercept)))
    index = {id(p): n for n, p in enumerate(prepared)}
    chosen, best = GRID[-1], {}
    for threshold in GRID:
        found = agreements(
            prepared, lambda p, t=threshold: replace(fold_model[index[id(p)]], threshold=t), kind
        )
        scores = claim_sets.score(found, sets)
        print(f"  {kind} out of fold, threshold {threshold:.2f}: {_line(scores)}", flush=True)
        if scores["outlet precision"] >= PRECISION:
            chosen, best = threshold, scores
            break
    loose, top = LOOSE_GRID[0], -1.0
    for recall_threshold in LOOSE_GRID:
        found = agreements(
            prepared,
            lambda p, r=recall_threshold: replace(
                fold_model[index[id(p)]], threshold=chosen, recall_threshold=r
            ),
            kind,
        )
        scores = claim_sets.score(found, sets)
        print(f"  {kind} out of fold, recall threshold {recall_threshold:.2f}: {_line(scores)}")
        if scores["exclusive precision"] >= top:
            loose, best, top = recall_threshold, scores, scores["exclusive precision"]
    return chosen, loose, best


def _line(scores: dict[str, float]) -> str:
    return (
        f"claim recall {scores['claim recall']:.3f}, outlet precision "
        f"{scores['outlet precision']:.3f} ({scores['credited']} credited), exclusive precision "
        f"{scores['exclusive precision']:.3f} ({scores['exclusives']})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    sets = claim_sets.load(REPO / "tests" / "data" / "claim-sets.jsonl", args.shared)
    stories = claim_sets.stories(sets, args.shared / "data" / "stories-dev.jsonl")
    by_split: dict[str, list[Prepared]] = {"train": [], "test": []}
    for story_id, story in sorted(stories.items()):
        mine = [s for s in sets if s.story == story_id]
        by_split[mine[0].split].append(prepare(story, mine))
    entries = {}
    for kind in KINDS:
        train_sets = [s for s in sets if s.split == "train"]
        threshold, loose, oof_scores = choose(by_split["train"], train_sets, kind)
        x, y, _ = rows(by_split["train"], kind)
        model = replace(fit(x, y, kind), threshold=threshold, recall_threshold=loose)
        held = claim_sets.score(
            agreements(by_split["test"], lambda _p, m=model: m, kind),
            [s for s in sets if s.split == "test"],
        )
        print(f"{kind}: threshold {threshold}, recall threshold {loose}")
        print(f"  train, out of fold: {_line(oof_scores)}")
        print(f"  test (held out):    {_line(held)}")
        entries[kind] = {
            "features": list(model.features),
            "mean": list(model.mean),
            "scale": list(model.scale),
            "coef": list(model.coef),
            "intercept": model.intercept,
            "threshold": model.threshold,
            "recall_threshold": model.recall_threshold,
        }
    if not args.dry_run:
        about = (
            "Logistic regression over pair features (briefing/agreement/support.py), fitted by "
            "bench/fit_support_claims.py on the training stories of tests/data/claim-sets.jsonl; "
            "threshold: out-of-fold outlet precision >= 0.95 on facts; recall_threshold: "
            "the best out-of-fold exclusive precision."
        )
        target = REPO / "src" / "newsweave" / "data" / "support-model.json"
        target.write_text(json.dumps({"about": about, "models": entries}, indent=1) + "\n")
        print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
