"""Measure candidate features for the support classifier before any of them ships.

The shipped features (`briefing/agreement/support.py`, read from `bench/fit_support.py`'s
cache) beside candidates asked for in issue #22: word-level alignment of the two sentences by
MiniLM token vectors (BERTScore-like coverage of the shorter and of the longer side, the share
of tokens aligned at cosine >= 0.6), lemma coverage, names and numbers of one side missing from
the other, verb / subject / object lemmas of one side found in the other (spaCy parser), length
ratio, and clause-level matching (MiniLM cosine of the best pair of comma/semicolon segments).
Also the features of `support_cores.py` (attribution-stripped claims, best pair of clauses by
MiniLM and TF-IDF, the shorter claim against each part of the longer, the longest shared run of
words). Each feature set is fitted as a logistic regression and as gradient boosting on the
train split of tests/data/statement-pairs.jsonl; the threshold for precision 0.95 is chosen on
out-of-fold predictions (folds by story); the held-out stories are scored at that threshold.
The logistic regression is also scored by a story-level 5-fold over all 50 stories (thresholds
from the training folds' own out-of-fold predictions; three deals of the stories), a steadier
held-out figure than the fixed third. `--misses N` prints N training positives that the shipped
features miss (out of fold), to read and sort by cause.

    python bench/fit_support.py --shared ../shared --dry-run --cache /tmp/support.npz
    OMP_NUM_THREADS=1 python bench/support_candidates.py --shared ../shared \\
        --base /tmp/support.npz --cache /tmp/candidates.pkl
    python bench/support_candidates.py --shared ../shared --base /tmp/support.npz --misses 60

(One thread for the boosted trees: on a shared machine their thread pool spends more time
waiting than working.)
"""

from __future__ import annotations

import argparse
import pickle
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from fit_support import FEATURES, LABELS, groups_order, prf, thresholds
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from support_cores import CORE_FEATURES, core_rows, segments

from newsweave.evaluation.alignment import Pair, load
from newsweave.nlp.embed import default_embedder
from newsweave.nlp.spacy_pipeline import pipeline
from newsweave.text.stopwords import ENGLISH_STOP_WORDS

CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
REPORTING = frozenset(
    {"say", "tell", "add", "report", "state", "note", "write", "claim", "ask", "be", "have"}
    | {"do", "get", "make", "go", "accord", "continue"}
)
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
CANDIDATES = (
    "bs_short", "bs_long", "al_short", "al_long", "lem_short", "lem_long", "name_miss_short",
    "name_miss_long", "num_miss_short", "num_miss_long", "num_shared", "verb_cover",
    "subj_match", "obj_match", "len_ratio", "seg_max", "seg_cover",
)  # fmt: skip
SETS = {
    "shipped": (),
    "+alignment": ("bs_short", "bs_long", "al_short", "al_long"),
    "+lemmas/names/numbers": CANDIDATES[4:11],
    "+roles": ("verb_cover", "subj_match", "obj_match", "len_ratio"),
    "+clauses": ("seg_max", "seg_cover"),
    "all": CANDIDATES,
    "+cores": ("core_emb", "core_tfidf"),
    "+part pairs": ("part_emb_max", "part_tfidf_max"),
    "+shorter in longer": ("short_in_long_emb", "short_in_long_tfidf"),
    "+shared run": ("shared_run",),
    "+cores, parts, run": CORE_FEATURES,
    "all + cores, parts, run": CANDIDATES + CORE_FEATURES,
}
SEEDS = (0, 1, 2)  # story-level K-fold over all stories, three ways of dealing them out


def parse(texts: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per text: content tokens' lemmas, names, numbers, verbs, subjects and objects."""
    found = {}
    for text, doc in zip(texts, pipeline().pipe(texts, batch_size=64), strict=True):
        content = [
            t for t in doc
            if t.pos_ in CONTENT and not t.is_stop and t.lemma_.lower() not in ENGLISH_STOP_WORDS
            and re.search(r"\w", t.text)
        ]  # fmt: skip
        found[text] = {
            "starts": [t.idx for t in doc],
            "content": {t.i for t in content},
            "lemmas": {t.lemma_.lower() for t in content},
            "names": {
                t.lemma_.lower() for t in content if t.pos_ == "PROPN" or t.ent_type_ in NAMED
            },
            "numbers": {re.sub(r"[,$%]", "", t.text) for t in doc if t.pos_ == "NUM"},
            "verbs": {t.lemma_.lower() for t in content if t.pos_ == "VERB"} - REPORTING,
            "subjects": {t.lemma_.lower() for t in content if t.dep_.startswith("nsubj")},
            "objects": {t.lemma_.lower() for t in content if t.dep_ in ("dobj", "pobj", "attr")},
        }
    return found


def content_vectors(vectors: np.ndarray, spans: list, parsed: dict) -> np.ndarray:
    """The token vectors of the text's content words (word pieces of one word each count)."""
    starts = parsed["starts"]

    def word(start: int) -> int:
        return max(int(np.searchsorted(starts, start, "right")) - 1, 0)

    keep = [k for k, (s, e) in enumerate(spans) if e > s and word(s) in parsed["content"]]
    return vectors[keep] if keep else np.zeros((1, vectors.shape[1]), dtype=np.float32)


def per_text(texts: list[str], cache: Path | None) -> dict[str, Any]:
    """Parses, content-token vectors and segment vectors of every text (from `cache`)."""
    if cache is not None and cache.is_file():
        return dict(pickle.loads(cache.read_bytes()))
    embed = default_embedder()
    parsed = parse(texts)
    tokens = {
        text: content_vectors(vectors, spans, parsed[text])
        for text, (vectors, spans) in zip(texts, embed.token_vectors(texts), strict=True)
    }
    pieces = {text: segments(text) for text in texts}
    every = sorted({s for parts in pieces.values() for s in parts})
    vector_of = dict(zip(every, embed(every), strict=True))
    data = {"parsed": parsed, "tokens": tokens, "segments": pieces, "segment_vectors": vector_of}
    if cache is not None:
        cache.write_bytes(pickle.dumps(data))
    return data


def candidate_row(a: str, b: str, data: dict[str, Any]) -> list[float]:
    """The `CANDIDATES` features of one pair, the shorter side first where it matters."""
    pa, pb = data["parsed"][a], data["parsed"][b]
    if len(pa["content"]) > len(pb["content"]):
        a, b, pa, pb = b, a, pb, pa
    sim = data["tokens"][a] @ data["tokens"][b].T
    short, long_ = sim.max(axis=1), sim.max(axis=0)
    shared = pa["lemmas"] & pb["lemmas"]

    def missing(mine: set[str], theirs: dict[str, Any]) -> float:
        return len(mine - theirs["lemmas"] - theirs["names"]) / len(mine) if mine else 0.0

    def found(mine: set[str], theirs: dict[str, Any]) -> float:
        return float(bool(mine & theirs["lemmas"])) if mine else 0.5

    va = np.array([data["segment_vectors"][s] for s in data["segments"][a]])
    vb = np.array([data["segment_vectors"][s] for s in data["segments"][b]])
    whole_a, whole_b = data["segments"][a].index(a), data["segments"][b].index(b)
    segment = va @ vb.T
    return [
        float(short.mean()), float(long_.mean()),
        float((short >= 0.6).mean()), float((long_ >= 0.6).mean()),
        len(shared) / max(len(pa["lemmas"]), 1), len(shared) / max(len(pb["lemmas"]), 1),
        missing(pa["names"], pb), missing(pb["names"], pa),
        float(bool(pa["numbers"] - pb["numbers"])), float(bool(pb["numbers"] - pa["numbers"])),
        float(bool(pa["numbers"] & pb["numbers"])),
        len(pa["verbs"] & pb["lemmas"]) / len(pa["verbs"]) if pa["verbs"] else 0.5,
        found(pa["subjects"], pb), found(pa["objects"], pb),
        len(pa["content"]) / max(len(pb["content"]), 1),
        float(segment.max()), float(max(segment[whole_a].max(), segment[:, whole_b].max())),
    ]  # fmt: skip


def learner(kind: str) -> Any:
    if kind == "logistic":
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    return HistGradientBoostingClassifier(
        max_iter=200, learning_rate=0.05, max_leaf_nodes=8, min_samples_leaf=20,
        l2_regularization=1.0, random_state=0,
    )  # fmt: skip


def recall_at(gold: np.ndarray, scores: np.ndarray, precision: float) -> float:
    """The best recall at precision >= `precision` on this curve (in-sample on it)."""
    return max(
        (prf(gold, scores >= t)["recall"] for t in np.unique(scores)
         if prf(gold, scores >= t)["precision"] >= precision),
        default=0.0,
    )  # fmt: skip


def out_of_fold(x: np.ndarray, y: np.ndarray, group: np.ndarray, kind: str) -> np.ndarray:
    """Predictions of each row by a model fitted on the other stories (5 folds by story)."""
    scores = np.zeros(len(y))
    for fit_rows, score_rows in GroupKFold(n_splits=5).split(x, y, group):
        model = learner(kind).fit(x[fit_rows], y[fit_rows])
        scores[score_rows] = model.predict_proba(x[score_rows])[:, 1]
    return scores


def story_folds(x: np.ndarray, y: np.ndarray, group: np.ndarray, seed: int) -> dict[str, Any]:
    """All stories dealt into 5 folds (by `seed`); each fold scored by a logistic regression
    fitted on the others at the threshold that the others' own out-of-fold predictions give
    precision 0.95: a held-out figure over every labelled story, steadier than one third."""
    stories = np.unique(group)
    deal = dict(zip(stories, np.random.default_rng(seed).permutation(len(stories)), strict=True))
    fold = np.array([deal[g] % 5 for g in group])
    chosen, scores = np.zeros(len(y), dtype=bool), np.zeros(len(y))
    for k in range(5):
        fit_rows, score_rows = fold != k, fold == k
        oof = out_of_fold(x[fit_rows], y[fit_rows], group[fit_rows], "logistic")
        threshold, _ = thresholds(y[fit_rows], oof, 0.95, 1.0)
        model = learner("logistic").fit(x[fit_rows], y[fit_rows])
        scores[score_rows] = model.predict_proba(x[score_rows])[:, 1]
        chosen[score_rows] = scores[score_rows] >= threshold
    found: dict[str, Any] = prf(y, chosen)
    found["ap"] = round(float(average_precision_score(y, scores)), 3)
    return found


def evaluate(x: np.ndarray, y: np.ndarray, group: np.ndarray, test: np.ndarray, kind: str) -> dict:
    """Out-of-fold (train split, folds by story) and held-out figures of one feature set; for
    the logistic regression also the story-level 5-fold over all stories, per seed."""
    train = ~test
    oof = out_of_fold(x[train], y[train], group[train], kind)
    threshold, _ = thresholds(y[train], oof, 0.95, 1.0)
    held = learner(kind).fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    found = {
        "oof_ap": round(float(average_precision_score(y[train], oof)), 3),
        "oof_recall_at_p95": round(recall_at(y[train], oof, 0.95), 3),
        "threshold": threshold,
        "held_out": prf(y[test], held >= threshold),
        "held_out_ap": round(float(average_precision_score(y[test], held)), 3),
    }
    if kind == "logistic":
        folds = [story_folds(x, y, group, seed) for seed in SEEDS]
        found["all_stories_5fold"] = {
            key: [f[key] for f in folds] for key in ("precision", "recall", "ap")
        }
    return found


def misses(pairs: Sequence[Pair], x: np.ndarray, test: np.ndarray, count: int) -> None:
    """Print `count` of the positives of the training stories that the shipped features miss
    (out of fold, below the precision-0.95 threshold), in a fixed random order, to read."""
    train = [p for p, held in zip(pairs, test, strict=True) if not held]
    y = np.array([p.label == "same" for p in train], dtype=int)
    group = np.array([p.story for p in train])
    oof = out_of_fold(x[~test], y, group, "logistic")
    threshold, _ = thresholds(y, oof, 0.95, 1.0)
    missed = [k for k in range(len(train)) if y[k] and oof[k] < threshold]
    print(f"{len(missed)} of {int(y.sum())} training positives below {threshold}")
    for k in np.random.default_rng(1).permutation(missed)[:count]:
        print(f"--- P(same) {oof[k]:.2f}\nA: {train[k].a}\nB: {train[k].b}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--base", type=Path, required=True, help="fit_support.py's --cache")
    parser.add_argument("--cache", type=Path, help="keep parses and vectors here (.pkl)")
    parser.add_argument("--misses", type=int, default=0, help="print N missed positives, stop")
    args = parser.parse_args()
    pairs: list[Pair] = groups_order(load(LABELS, args.shared)[0])  # fit_support's row order
    shipped = np.load(args.base)["ours_x"]
    y = np.array([p.label == "same" for p in pairs], dtype=int)
    group = np.array([p.story for p in pairs])
    test = np.array([p.split == "test" for p in pairs])
    if args.misses:
        misses(pairs, shipped, test, args.misses)
        return
    data = per_text(sorted({t for p in pairs for t in (p.a, p.b)}), args.cache)
    cores = core_rows(pairs, args.cache.with_suffix(".cores.pkl") if args.cache else None)
    x = np.hstack([shipped, np.array([candidate_row(p.a, p.b, data) for p in pairs]), cores])
    names = [*FEATURES, *CANDIDATES, *CORE_FEATURES]
    for label, extra in SETS.items():
        columns = [names.index(n) for n in (*FEATURES, *extra)]
        for kind in ("logistic", "boosting"):
            print(label, kind, evaluate(x[:, columns], y, group, test, kind), flush=True)


if __name__ == "__main__":
    main()
