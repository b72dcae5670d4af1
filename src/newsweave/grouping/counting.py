"""The first pass over a pile: each article's compact term counts, then the pile's idf.

Counting and compacting need only the article (`TermCounts`: `newsweave.pipeline` runs it in
worker processes); idf needs the whole pile (`count_pile`, in the pile's process).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsweave.grouping.features import Weights, count
from newsweave.grouping.profiles import Compact, Idf, Terms, compact
from newsweave.models import Article
from newsweave.sections import ClusterSettings


def weights_of(knobs: ClusterSettings) -> Weights:
    """How the views are built, from the [cluster] settings."""
    return Weights(
        title=knobs.title_weight,
        lead_chars=knobs.lead_chars,
        body_chars=knobs.body_chars,
        name_chars=knobs.name_chars,
        idf_power=knobs.idf_power,
        vector_terms=knobs.vector_terms,
        heavy_terms=max(knobs.query_terms, knobs.index_terms),
    )


class TermCounts:
    """One article's compact view counts, `compact(count(article, ...))`, for `count_pile`
    (picklable, for worker processes)."""

    def __init__(self, knobs: ClusterSettings):
        self.weights = weights_of(knobs)

    def __call__(self, article: Article) -> Compact:
        return compact(count(article, self.weights))


@dataclass(frozen=True, slots=True)
class PileCounts:
    """The first pass over a pile: each article's compact view counts, and idf by term id."""

    compacts: list[Compact]
    idf: Idf
    size: int  # ids per view (`profiles.TERM_SPACE`)


def count_pile(compacts: Iterable[Compact], knobs: ClusterSettings) -> PileCounts:
    """Take idf over the whole pile from each article's `compact(count(...))`, in pile order.

    Counting and compacting need only the article (`newsweave.pipeline` runs them in worker
    processes), idf needs the pile; each article's weighted `Profile` is made from its
    compact counts when the second pass reaches it, and dropped after, so memory holds ~8
    bytes per counted term rather than a vector per article.
    """
    terms = Terms(floor=knobs.min_documents)
    kept = [terms.add(item) for item in compacts]
    return PileCounts(kept, terms.idf(knobs.idf_power), terms.size)
