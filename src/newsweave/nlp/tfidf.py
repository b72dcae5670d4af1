"""scikit-learn's sublinear TF-IDF, the same matrices without scikit-learn.

The brief fits a TF-IDF model per story on a handful of sentences (the summary's sentence
pool, lexical agreement). scikit-learn's `TfidfVectorizer(sublinear_tf=True)` costs ~1 ms a
call in checks and objects, and importing it ~0.8 s a process (with `scipy.stats`). These
functions build the very CSR matrix it returns, the same numbers in the same order:

- terms are numbered alphabetically; within a row, `fit_transform` keeps its terms in the
  order the pile first met them, `transform` (a vocabulary fitted before) in term order;
- a count c weighs log(c) + 1, times idf = log((n + 1) / (df + 1)) + 1 (smooth idf, n
  documents, df of them with the term);
- each row is divided by its L2 norm, its squares summed one after another as scikit-learn's
  `inplace_csr_row_normalize_l2` sums them,

so products and sums of these matrices are scikit-learn's to the last bit
(`tests/nlp/test_tfidf.py` compares the arrays on real sentences).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix

from newsweave.text.stopwords import ENGLISH_STOP_WORDS

_WORD = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def fit_transform(docs: Sequence[Sequence[str]]) -> csr_matrix:
    """`TfidfVectorizer(analyzer=<identity>, sublinear_tf=True).fit_transform(docs)` for
    documents given as lists of terms (at least one term in all)."""
    first: dict[str, int] = {}  # term -> when the pile first met it
    rows: list[dict[int, int]] = []
    for doc in docs:
        counts: dict[int, int] = {}
        for term in doc:
            seen = first.setdefault(term, len(first))
            counts[seen] = counts.get(seen, 0) + 1
        rows.append(counts)
    terms = sorted(first)
    number = np.empty(len(terms), dtype=np.int32)
    number[[first[t] for t in terms]] = np.arange(len(terms), dtype=np.int32)
    order = [sorted(counts) for counts in rows]
    seen_order = np.fromiter((i for row in order for i in row), dtype=np.int64)
    counted = [counts[i] for counts, row in zip(rows, order, strict=True) for i in row]
    indices = number[seen_order]
    indptr = np.cumsum([0, *(len(row) for row in order)], dtype=np.int32)
    weights = idf(indices, len(docs), len(terms))
    return _weighted(counted, indices, indptr, weights)


def word_terms(text: str) -> list[str]:
    """The terms `TfidfVectorizer(ngram_range=(1, 2), stop_words="english")` reads in a text:
    lower-cased words of two or more word characters, not stop words, then their pairs."""
    words = [w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]
    return [*words, *(f"{a} {b}" for a, b in pairwise(words))]


def vocabulary(docs: Sequence[Sequence[str]]) -> tuple[dict[str, int], NDArray[np.float64]]:
    """The terms of `docs` numbered alphabetically, and their idf (as `fit` learns them)."""
    terms = sorted({term for doc in docs for term in doc})
    numbers = {term: i for i, term in enumerate(terms)}
    present = np.fromiter((numbers[t] for doc in docs for t in dict.fromkeys(doc)), dtype=np.int32)
    return numbers, idf(present, len(docs), len(terms))


def transform(
    docs: Sequence[Sequence[str]], numbers: dict[str, int], weights: NDArray[np.float64]
) -> csr_matrix:
    """`transform(docs)` of a TfidfVectorizer fitted to `vocabulary`'s documents."""
    indices: list[int] = []
    counted: list[int] = []
    indptr = [0]
    for doc in docs:
        counts: dict[int, int] = {}
        for term in doc:
            if (number := numbers.get(term)) is not None:
                counts[number] = counts.get(number, 0) + 1
        for number in sorted(counts):
            indices.append(number)
            counted.append(counts[number])
        indptr.append(len(indices))
    return _weighted(
        counted,
        np.asarray(indices, dtype=np.int32),
        np.asarray(indptr, dtype=np.int32),
        weights,
    )


def idf(present: NDArray[np.int32], n_docs: int, n_terms: int) -> NDArray[np.float64]:
    """Smooth idf from the term numbers each document holds (once each)."""
    df = np.bincount(present, minlength=n_terms).astype(np.float64)
    df += 1.0
    weights = np.full_like(df, fill_value=n_docs + 1, dtype=np.float64)
    weights /= df
    np.log(weights, out=weights)
    weights += 1.0
    return weights


def _weighted(
    counted: list[int],
    indices: NDArray[np.int32],
    indptr: NDArray[np.int32],
    weights: NDArray[np.float64],
) -> csr_matrix:
    """The CSR matrix of sublinear tf times idf, each row of unit length."""
    data = np.asarray(counted, dtype=np.float64)
    np.log(data, out=data)
    data += 1.0
    data *= weights[indices]
    lengths = np.diff(indptr)
    if data.size:
        data /= np.repeat(np.sqrt(_square_sums(data, lengths)), lengths)
    return csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, len(weights)))


def _square_sums(data: NDArray[np.float64], lengths: NDArray[np.int32]) -> NDArray[np.float64]:
    """Each row's sum of squares, added in order (a cumulative sum along padded rows)."""
    width = int(lengths.max())
    padded = np.zeros((len(lengths), width))
    padded[np.arange(width) < lengths[:, None]] = data * data
    return np.asarray(np.cumsum(padded, axis=1)[:, -1], dtype=np.float64)
