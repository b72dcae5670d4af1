"""Candidate support features that look past a sentence's attribution and extra clauses.

Reading 59 positives the shipped model misses on the training stories, most are lost because
the claim sits in one part of a longer sentence ("..., the White House said on Friday"; a
direct quote on one side, its paraphrase on the other; one clause of a long sentence stating
the whole of a short one). These features measure that, for `support_candidates.py`:

- `core`: the sentence without its dateline, its attribution ("X said", "said X",
  "according to X", "X said that ...") and its quotation marks;
- MiniLM and TF-IDF cosine of the two cores (`core_emb`, `core_tfidf`);
- the best pair of parts (the sentence, its core, the core's comma/semicolon segments and
  adjacent pairs of them), by MiniLM and by TF-IDF (`part_emb_max`, `part_tfidf_max`);
- the core of the shorter side against every part of the longer (`short_in_long_emb`,
  `short_in_long_tfidf`): does one clause of the long sentence state the short one?
- `shared_run`: content words in the longest run of words both sentences share (capped at 8),
  the mark of a quotation or wire copy reused.

TF-IDF is fitted per story on the parts of its labelled sentences, as a brief fits it on a
story's statements.
"""

from __future__ import annotations

import pickle
import re
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import vstack
from sklearn.feature_extraction.text import TfidfVectorizer

from newsweave.clean.dateline import without_dateline
from newsweave.evaluation.alignment import Pair
from newsweave.nlp.embed import default_embedder
from newsweave.text.stopwords import ENGLISH_STOP_WORDS

CORE_FEATURES = (
    "core_emb", "core_tfidf", "part_emb_max", "part_tfidf_max", "short_in_long_emb",
    "short_in_long_tfidf", "shared_run",
)  # fmt: skip
_REPORT = (
    r"(?:said|says|told|added|adds|wrote|writes|stated|declared|argued|noted|explained"
    r"|insisted|claimed|announced|asked|warned|continued)"
)
_OPEN = r"(?:[,;]\s*|[\"”]\s*)"  # an attribution after the claim follows a comma or a quote
_TAIL = re.compile(
    _OPEN + r"(?:[^,;\"“”]{1,80}?\s+)?" + _REPORT + r"(?:\s+[^;\"“”]{0,60})?[.!?]?\s*$"
)
_TAIL_INVERTED = re.compile(_OPEN + _REPORT + r"\s+[^,;\"“”]{1,80}[.!?]?\s*$")
_HEAD = re.compile(
    r"^(?:[^,;\"“”]{1,80}?\s+)" + _REPORT + r"(?:\s+(?:on|in|at)\s+\w+)?\s*(?:that\s+)?[,:]?\s*"
)
_ACCORDING = re.compile(r",?\s*according to [^,.;]+", re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"[\"“”]")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_MIN_WORDS = 4  # what is left of a sentence must still be a claim
SEGMENT_CUT = re.compile(r"[,;:—–]\s+|\s+--?\s+")
_RUN_CAP = 8


def segments(text: str, min_words: int = _MIN_WORDS) -> list[str]:
    """The sentence, its comma/semicolon segments (short ones joined to a neighbour), and
    each two adjacent segments: where one clause of a sentence may hold the claim."""
    pieces: list[str] = []
    for piece in SEGMENT_CUT.split(text):
        if pieces and (len(piece.split()) < min_words or len(pieces[-1].split()) < min_words):
            pieces[-1] = f"{pieces[-1]}, {piece}"
        elif piece.strip():
            pieces.append(piece.strip())
    return sorted({text, *pieces, *(f"{a}, {b}" for a, b in pairwise(pieces))})


def core(text: str) -> str:
    """The claim of a sentence: dateline, attribution and quotation marks taken off."""
    claim = _ACCORDING.sub("", without_dateline(text).strip())
    for pattern in (_TAIL_INVERTED, _TAIL):
        found = pattern.search(claim)
        if found and len(claim[: found.start()].split()) >= _MIN_WORDS:
            claim = claim[: found.start()]
            break
    found = _HEAD.match(claim)
    if found and len(claim[found.end() :].split()) >= _MIN_WORDS:
        claim = claim[found.end() :]
    return _QUOTE_MARKS.sub("", claim).strip(" ,.;:-—") or text


def parts(text: str) -> list[str]:
    """The sentence, its core and the core's segments (`segments`)."""
    claim = core(text)
    return sorted({text, claim, *segments(claim)})


def shared_run(a: str, b: str) -> float:
    """Content words in the longest run of words (lowercased) that both texts hold."""
    x = [w.replace("’", "'") for w in _WORD.findall(a.lower())]
    y = [w.replace("’", "'") for w in _WORD.findall(b.lower())]
    best, end, previous = 0, 0, [0] * (len(y) + 1)
    for i in range(1, len(x) + 1):
        current = [0] * (len(y) + 1)
        for j in range(1, len(y) + 1):
            if x[i - 1] == y[j - 1]:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best, end = current[j], i
        previous = current
    content = sum(w not in ENGLISH_STOP_WORDS for w in x[end - best : end])
    return float(min(content, _RUN_CAP))


def part_vectors(texts: Sequence[str], cache: Path | None) -> dict[str, Any]:
    """Parts of every text and the MiniLM vector of every part (kept in `cache`)."""
    if cache is not None and cache.is_file():
        return dict(pickle.loads(cache.read_bytes()))
    pieces = {text: parts(text) for text in texts}
    every = sorted({p for found in pieces.values() for p in found})
    data = {"parts": pieces, "vectors": dict(zip(every, default_embedder()(every), strict=True))}
    if cache is not None:
        cache.write_bytes(pickle.dumps(data))
    return data


def _tfidf_rows(pairs: Sequence[Pair], pieces: dict[str, list[str]]) -> dict[tuple, Any]:
    """TF-IDF row of every part, the vectorizer fitted on the parts of each story."""
    by_story: dict[str, set[str]] = defaultdict(set)
    for pair in pairs:
        by_story[pair.story] |= {*pieces[pair.a], *pieces[pair.b]}
    rows = {}
    for story, members in by_story.items():
        ordered = sorted(members)
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
        for text, row in zip(ordered, vectorizer.fit_transform(ordered), strict=True):
            rows[(story, text)] = row
    return rows


def core_rows(pairs: Sequence[Pair], cache: Path | None) -> np.ndarray:
    """The `CORE_FEATURES` of every pair (the shorter core first)."""
    data = part_vectors(sorted({t for p in pairs for t in (p.a, p.b)}), cache)
    pieces, vectors = data["parts"], data["vectors"]
    tfidf = _tfidf_rows(pairs, pieces)
    found = []
    for pair in pairs:
        a, b = sorted((pair.a, pair.b), key=lambda t: len(core(t).split()))
        pa, pb = pieces[a], pieces[b]
        emb = np.array([vectors[p] for p in pa]) @ np.array([vectors[p] for p in pb]).T
        lexical = (
            vstack([tfidf[(pair.story, p)] for p in pa])
            @ vstack([tfidf[(pair.story, p)] for p in pb]).T
        ).toarray()
        i, j = pa.index(core(a)), pb.index(core(b))
        row = [emb[i, j], lexical[i, j], emb.max(), lexical.max(), emb[i].max(), lexical[i].max()]
        found.append([*(float(v) for v in row), shared_run(a, b)])
    return np.array(found)
