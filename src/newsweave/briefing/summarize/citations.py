"""Turn chosen sentences into cited summary sentences, and count who else reports them.

A statement's support is the number of independent outlets with a sentence that says nearly
the same (TF-IDF cosine over content stems at or above `match`): the chosen sentence's own
outlet plus every other outlet with such a sentence. Copies (`duplicate_of`) count under
their original's outlet, so a wire story syndicated by five papers still counts once.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from newsweave.briefing.summarize.candidates import Pool
from newsweave.clean.dateline import without_dateline
from newsweave.models import SourceRef, SummarySentence


def support(pool: Pool, match: float) -> NDArray[np.int64]:
    """For every candidate, the number of independent outlets that report the same statement."""
    items = pool.items
    outlets = sorted({c.outlet_key for c in items})
    column = {key: i for i, key in enumerate(outlets)}
    membership = np.zeros((len(items), len(outlets)), dtype=bool)
    for row, candidate in enumerate(items):
        membership[row, column[candidate.outlet_key]] = True
    similar = pool.similarity >= match
    reached = (similar.astype(np.int64) @ membership.astype(np.int64)) > 0
    return np.asarray(reached.sum(axis=1), dtype=np.int64)


def cite(pool: Pool, index: int, match: float, trimmed: bool = True) -> SummarySentence:
    """The candidate at `index` as a summary sentence: its own source first, then one best
    matching sentence from each other article that says the same. `trimmed` drops a leading
    dateline from the summary text (the sources keep the whole sentence)."""
    items = pool.items
    chosen = items[index]
    sources = [_ref(pool, index)]
    best: dict[str, tuple[float, int]] = {}
    for other, score in enumerate(pool.similarity[index]):
        candidate = items[other]
        if other == index or score < match or candidate.article.id == chosen.article.id:
            continue
        previous = best.get(candidate.article.id)
        if previous is None or score > previous[0]:
            best[candidate.article.id] = (float(score), other)
    ranked = sorted(best.values(), key=lambda pair: (-pair[0], items[pair[1]].order_key))
    sources.extend(_ref(pool, other) for _, other in ranked)
    keys = [chosen.outlet_key] + [items[other].outlet_key for _, other in ranked]
    outlets: list[str] = []
    counted: set[str] = set()
    for key, other in zip(keys, [index, *(other for _, other in ranked)], strict=True):
        name = items[other].article.voice
        if key not in counted and name not in outlets:
            outlets.append(name)  # a copy's outlet is named under its original's, once
        counted.add(key)
    return SummarySentence(
        text=without_dateline(sources[0].text) if trimmed else sources[0].text.strip(),
        sources=tuple(sources),
        support=len(set(keys)),
        outlets=tuple(outlets),
    )


def _ref(pool: Pool, index: int) -> SourceRef:
    candidate = pool.items[index]
    sentence = candidate.sentence
    text = candidate.article.text[sentence.start : sentence.end]
    return SourceRef(candidate.article.id, text, sentence.start, sentence.end)
