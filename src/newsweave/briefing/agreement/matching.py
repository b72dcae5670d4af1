"""How two statements match beyond one cosine: TF-IDF similarity, shared anchors (the same day,
the same exact count of the same thing) and counts that cannot both be true. Used by the
comparison of outlets (`compare.py`) and by the support classifier (`support.py`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from newsweave.briefing.agreement.figures import Quantity
from newsweave.briefing.agreement.statements import Anchors
from newsweave.nlp import tfidf

Matrix = NDArray[np.float32]
_GENERIC_UNITS = frozenset({"%", "$", "€", "£"})


def lexical_similarity(texts: Sequence[str], corpus: Sequence[str] | None = None) -> Matrix:
    """Cosine similarity of TF-IDF vectors (words and word pairs); idf from `corpus` (or texts),
    as scikit-learn's `TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
    stop_words="english")` gives it (`nlp/tfidf.py`)."""
    terms = [tfidf.word_terms(text) for text in texts]
    fitted = terms if corpus is None else [tfidf.word_terms(text) for text in corpus]
    if not any(fitted):  # only stop words
        return np.eye(len(texts), dtype=np.float32)
    vectors = tfidf.transform(terms, *tfidf.vocabulary(fitted))
    return np.asarray((vectors @ vectors.T).toarray(), dtype=np.float32)


def shared_anchor(a: Anchors, b: Anchors) -> bool:
    """Both name the same calendar day, or the same exact count of the same kind of thing."""
    if a.dates & b.dates:
        return True
    return any(
        qa.exact and qb.exact and qa.same_kind(qb) and qa.compatible(qb)
        for qa in a.quantities
        for qb in b.quantities
    )


def _same_subject(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities are about the same thing, by the words around them. Percentages
    and sums of money are counted of anything, so they need two shared words, a noun one."""
    shared = len(a.context & b.context)
    return shared >= 2 if a.unit & _GENERIC_UNITS else shared >= 1


def quantity_conflict(a: Anchors, b: Anchors) -> str | None:
    """Counts of the same kind of thing that cannot both be true, none of them reconciled."""
    for qa in a.quantities:
        kin = [qb for qb in b.quantities if qa.same_kind(qb) and _same_subject(qa, qb)]
        if not kin or any(qa.compatible(qb) for qb in kin):
            continue
        for qb in kin:
            if not any(qb.compatible(other) for other in a.quantities if other.same_kind(qb)):
                noun = min((q.noun for q in (qa, qb) if q.noun), key=len, default="of it")
                return f"how many {noun}: {qa.text} or {qb.text}"
    return None
