"""Does one statement state the claim of another? A learned combination of similarities.

One cosine blurs what makes two sentences the same claim: two sentences on one topic share
words and meaning ("Both leaders hope the meeting leads to more stable relations" vs "The
summit will be the first face-to-face meeting"), and the same words carry different numbers or
dates. So each pair of statements gets several features (`FEATURES`): embedding cosine
(MiniLM, when the embeddings extra is installed), TF-IDF cosine, content-word overlap, shared
names, shared and clashing anchors (days, counts), whether the main verbs match, whether
exactly one side is negated, and how much of one statement's story-rare words the other holds
(a sentence often states another's claim among other things). A logistic regression over
them gives the probability that the pair states the same claim. It is fitted on claims read
from whole stories (`bench/fit_support_claims.py`, tests/data/claim-sets.jsonl: every sentence
of every outlet that states each shared claim), so it learns what a fact's credit needs; the
weights are plain numbers in `data/support-model.json`.

Two thresholds on that probability (chosen on out-of-fold facts of the training stories):
- `threshold`: an outlet is credited with a fact only above it (outlet precision >= 0.95);
- `recall_threshold`: lower, for exclusives: a statement is exclusive only if no other outlet's
  statement reaches it (calling a shared claim exclusive misleads as much as false support).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix

from newsweave.briefing.agreement.matching import (
    lexical_similarity,
    quantity_conflict,
    shared_anchor,
)
from newsweave.briefing.agreement.statements import Anchors
from newsweave.briefing.agreement.verbs import REPORTING, rule_verbs

Matrix = NDArray[np.float32]
FEATURES = (
    "embedding",
    "tfidf",
    "overlap",
    "jaccard",
    "names",
    "names_apart",
    "anchor_shared",
    "anchor_clash",
    "predicate",
    "negation_apart",
    "idf_cover_min",
    "idf_cover_max",
    "rare_shared",
    "length_min",
    "length_gap",
)
_RARE_DF = 3.0  # a word in at most this many of a story's statements is rare in it
_MAX_RARE_SHARED = 4.0
_VERB_TAGS = frozenset({"VERB"})


@dataclass(frozen=True, slots=True)
class SupportModel:
    """Logistic regression over standardised `features`; thresholds on its probability."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    recall_threshold: float

    def probability(self, features: dict[str, Matrix]) -> Matrix:
        """P(same claim) for every cell of the feature matrices (one matrix per feature)."""
        logit = np.full(next(iter(features.values())).shape, self.intercept, dtype=np.float64)
        for name, mean, scale, coef in zip(
            self.features, self.mean, self.scale, self.coef, strict=True
        ):
            logit += coef * (features[name] - mean) / scale
        return np.asarray(1.0 / (1.0 + np.exp(-logit)), dtype=np.float32)


@cache
def model(kind: str) -> SupportModel:
    """The shipped model for `kind` ("embedding" or "lexical", without the embedding cosine)."""
    text = resources.files("newsweave").joinpath("data/support-model.json").read_text("utf-8")
    entry = json.loads(text)["models"][kind]
    return SupportModel(
        features=tuple(entry["features"]),
        mean=tuple(entry["mean"]),
        scale=tuple(entry["scale"]),
        coef=tuple(entry["coef"]),
        intercept=float(entry["intercept"]),
        threshold=float(entry["threshold"]),
        recall_threshold=float(entry["recall_threshold"]),
    )


def main_verbs(texts: Sequence[str]) -> list[frozenset[str]]:
    """Lemmas of the verbs of each text, reporting verbs left out ("said", "told")."""
    from newsweave.nlp.spacy_pipeline import pipeline

    nlp = pipeline()
    keep = {"tok2vec", "tagger", "attribute_ruler", "lemmatizer"}
    disable = [name for name in nlp.pipe_names if name not in keep]
    return [
        frozenset(
            t.lemma_.lower()
            for t in doc
            if t.pos_ in _VERB_TAGS and t.lemma_.lower() not in REPORTING
        )
        for doc in nlp.pipe(texts, disable=disable, batch_size=64)
    ]


def verb_sets(texts: Sequence[str], how: str) -> list[frozenset[str]]:
    """The main verbs of each text by spaCy's tagger (`how` "tagger") or by rule ("rule",
    `verbs.rule_verbs`: the fast brief, which loads no spaCy)."""
    if how == "rule":
        return rule_verbs(texts)
    if how == "tagger":
        return main_verbs(texts)
    raise ValueError(f'agreement.verbs is "tagger" or "rule", not {how!r}')


def _incidence(sets: Sequence[frozenset[str]]) -> csr_matrix:
    """One row per set, one column per distinct member: 1 where the set holds it (sparse).

    Each row's columns are in order (a set's own order follows the process's string hashing):
    a product with weights sums each row in that order, so the same statements give the same
    floats in every run."""
    vocabulary = {item: k for k, item in enumerate(sorted(set().union(*sets)))}
    columns = [vocabulary[item] for members in sets for item in sorted(members)]
    rows = np.cumsum([0, *(len(members) for members in sets)])
    ones = np.ones(len(columns), dtype=np.float32)
    return csr_matrix((ones, columns, rows), shape=(len(sets), max(len(vocabulary), 1)))


def _set_features(
    sets: Sequence[frozenset[str]], incidence: csr_matrix | None = None
) -> tuple[Matrix, Matrix, Matrix]:
    """Shared count, share of the smaller set, and Jaccard, for every pair of sets (`incidence`:
    their `_incidence`, where the caller has it already).

    The counts are sums of ones, exact in any order: a sparse product gives them without
    BLAS, whose threads spin on the other core for a while after each dense product (~1.7 s
    of CPU over the 1,000-article DUC pile, for products that take ~40 ms)."""
    incidence = _incidence(sets) if incidence is None else incidence
    shared = np.asarray((incidence @ incidence.T).toarray(), dtype=np.float32)
    sizes = np.array([len(members) for members in sets], dtype=np.float32)
    smaller = np.minimum.outer(sizes, sizes)
    union = np.add.outer(sizes, sizes) - shared
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(smaller > 0, shared / smaller, 0.0)
        jaccard = np.where(union > 0, shared / union, 0.0)
    return shared, share.astype(np.float32), jaccard.astype(np.float32)


def _anchor_features(anchors: Sequence[Anchors]) -> tuple[Matrix, Matrix]:
    """Pairs that share a day or an exact count (1), and pairs whose counts or days clash."""
    n = len(anchors)
    shared = np.zeros((n, n), dtype=np.float32)
    clash = np.zeros((n, n), dtype=np.float32)
    anchored = [i for i, a in enumerate(anchors) if a.dates or a.quantities]
    for x, i in enumerate(anchored):
        for j in anchored[x + 1 :]:
            a, b = anchors[i], anchors[j]
            if shared_anchor(a, b):
                shared[i, j] = shared[j, i] = 1.0
            days_apart = len(a.dated) == 1 == len(b.dated) and a.dated[0][0] != b.dated[0][0]
            if days_apart or quantity_conflict(a, b):
                clash[i, j] = clash[j, i] = 1.0
    return shared, clash


def _containment_features(incidence: csr_matrix, lengths: Sequence[int]) -> dict[str, Matrix]:
    """How much of each statement another one holds, words weighted by their rarity in the story
    (`incidence`: the statements' content words, `_incidence`; `lengths`: their words).

    One sentence often states another's claim among other things ("Cowan, 43, is a former
    partner..." holds "Cowan is 43"): cosine and Jaccard fall with the extra words, while the
    share of the shorter statement's rare words found in the longer one stays high. Weights are
    idf over the statements compared (a story's), so "Putin" in every sentence weighs little.
    """
    n = incidence.shape[0]
    df = np.asarray(incidence.sum(axis=0), dtype=np.float32).ravel()
    idf = np.log((n + 1) / (df + 0.5)).astype(np.float32)
    shared = np.asarray((incidence.multiply(idf) @ incidence.T).toarray(), dtype=np.float32)
    weight = np.maximum(np.asarray(incidence @ idf, dtype=np.float32).ravel(), 1e-6)
    rare = csr_matrix(incidence.multiply((df <= _RARE_DF).astype(np.float32)))
    rare_shared = np.asarray((rare @ rare.T).toarray(), dtype=np.float32)
    length = np.log1p(np.asarray(lengths, dtype=np.float32))
    return {
        "idf_cover_min": shared / np.minimum.outer(weight, weight),
        "idf_cover_max": shared / np.maximum.outer(weight, weight),
        "rare_shared": np.minimum(rare_shared, _MAX_RARE_SHARED),
        "length_min": np.minimum.outer(length, length),
        "length_gap": np.abs(np.subtract.outer(length, length)),
    }


def pair_features(
    anchors: Sequence[Anchors],
    tfidf: Matrix,
    verbs: Sequence[frozenset[str]],
    embedding: Matrix | None,
    lengths: Sequence[int],
) -> dict[str, Matrix]:
    """Every feature of `FEATURES` as an n x n matrix over n statements (their anchors, TF-IDF
    cosine matrix, verb lemmas, embedding cosine matrix if there is one, and their lengths in
    words)."""
    words = [a.words for a in anchors]
    word_incidence = _incidence(words)
    _, overlap, jaccard = _set_features(words, word_incidence)
    names = [frozenset(w.lower() for w in a.names) for a in anchors]
    shared_names, name_share, _ = _set_features(names)
    has_names = np.array([bool(n) for n in names], dtype=np.float32)
    names_apart = np.outer(has_names, has_names) * (shared_names == 0)
    anchor_shared, anchor_clash = _anchor_features(anchors)
    shared_verbs, _, _ = _set_features(verbs)
    negated = np.array([a.negations > 0 for a in anchors], dtype=np.float32)
    features = {
        "embedding": embedding if embedding is not None else tfidf,
        "tfidf": tfidf,
        "overlap": overlap,
        "jaccard": jaccard,
        "names": name_share,
        "names_apart": names_apart.astype(np.float32),
        "anchor_shared": anchor_shared,
        "anchor_clash": anchor_clash,
        "predicate": (shared_verbs > 0).astype(np.float32),
        "negation_apart": np.abs(np.subtract.outer(negated, negated)),
        **_containment_features(word_incidence, lengths),
    }
    return {name: np.asarray(value, dtype=np.float32) for name, value in features.items()}


def story_features(
    texts: Sequence[str],
    anchors: Sequence[Anchors],
    embedding: Matrix | None,
    verbs: str = "tagger",
) -> dict[str, Matrix]:
    """`pair_features` of the statements of one story (TF-IDF fitted on them, verbs found as
    `verb_sets` finds them)."""
    tfidf = lexical_similarity(texts)
    lengths = [len(text.split()) for text in texts]
    return pair_features(anchors, tfidf, verb_sets(texts, verbs), embedding, lengths)
