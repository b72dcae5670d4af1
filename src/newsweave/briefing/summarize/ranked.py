"""Shared tail of the simple summarizers: take ranked sentences until the budget is spent."""

from __future__ import annotations

from collections.abc import Iterable

from newsweave.briefing.summarize.candidates import Pool
from newsweave.briefing.summarize.citations import cite
from newsweave.models import SummarySentence


def take(ranked: Iterable[int], the_pool: Pool, words: int, fill: bool) -> list[int]:
    """Indices from `ranked`, in that order, while they fit in `words` (with `fill`, the last
    one may run past it: the evaluation cuts summaries at exactly `words` words)."""
    chosen, used = [], 0
    for index in ranked:
        if used >= words:
            break
        length = the_pool.items[index].words
        if not fill and used + length > words:
            continue
        chosen.append(index)
        used += length
    return chosen


def cited(
    the_pool: Pool, chosen: list[int], match: float, chronological: bool = True
) -> tuple[SummarySentence, ...]:
    """The chosen sentences, cited, in reading order (or as chosen), without trimming."""
    if chronological:
        chosen = sorted(chosen, key=lambda i: the_pool.items[i].order_key)
    return tuple(cite(the_pool, i, match, trimmed=False) for i in chosen)
