"""newsweave's TF-IDF matrices are scikit-learn's, array for array."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from newsweave.briefing.summarize.text import content, tokens
from newsweave.nlp import tfidf


def _same(ours: csr_matrix, theirs: csr_matrix) -> bool:
    return (
        ours.shape == theirs.shape
        and np.array_equal(ours.indptr, theirs.indptr)
        and np.array_equal(ours.indices, theirs.indices)
        and ours.data.tobytes() == theirs.data.tobytes()
        and (ours @ ours.T).toarray().tobytes() == (theirs @ theirs.T).toarray().tobytes()
    )


def _stories(shared: Path) -> list[list[str]]:
    """The sentences of each of the first DUC clusters (roughly split)."""
    path = shared / "data" / "summaries-dev-duc2006-2007.jsonl"
    with path.open(encoding="utf-8") as lines:
        clusters = [json.loads(line) for line, _ in zip(lines, range(12), strict=False)]
    return [
        [s for a in cluster["articles"][:4] for s in a["text"].replace("\n", " ").split(". ")]
        for cluster in clusters
    ]


def test_fit_transform_is_scikit_learns(shared: Path) -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    for sentences in _stories(shared):
        docs = [content(tokens(s)) for s in sentences]
        vectorizer = text.TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True)
        assert _same(tfidf.fit_transform(docs), vectorizer.fit_transform(docs))


def test_transform_is_scikit_learns(shared: Path) -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    for sentences in _stories(shared):
        vectorizer = text.TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, stop_words="english", min_df=1
        )
        fitted = vectorizer.fit(sentences[::2])
        terms = [tfidf.word_terms(s) for s in sentences]
        ours = tfidf.transform(terms, *tfidf.vocabulary(terms[::2]))
        assert _same(ours, fitted.transform(sentences))


def test_repeated_terms_and_empty_rows() -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    docs = [["b", "a", "b", "b"], [], ["c", "a"], ["a"]]
    vectorizer = text.TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True)
    assert _same(tfidf.fit_transform(docs), vectorizer.fit_transform(docs))
