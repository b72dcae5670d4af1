"""A centroid summarizer with MMR: the plain alternative to newsweave's concept coverage.

Each sentence scores its TF-IDF cosine to the story centroid (Radev et al.'s centroid method);
sentences are picked by maximal marginal relevance (Carbonell & Goldstein 1998): centrality
minus the similarity to the closest sentence already chosen, until the word budget is spent.
The same sentence filters, citations and chronological order as the default apply.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from newsweave.briefing.summarize.candidates import ToldAlike, candidates, pool, told_as_one
from newsweave.briefing.summarize.citations import cite
from newsweave.config import settings
from newsweave.models import Story, SummarySentence

MMR_LAMBDA = 0.7  # weight of centrality against redundancy in MMR


class Centroid:
    """Centroid + MMR over the story's fit sentences."""

    def __init__(self, **overrides: Any) -> None:
        self.knobs = settings("summarize", **overrides)

    def __call__(
        self, story: Story, words: int, *, fill: bool = False, told_alike: ToldAlike | None = None
    ) -> tuple[SummarySentence, ...]:
        knobs = self.knobs
        the_pool = told_as_one(
            pool(candidates(story, knobs.min_words, knobs.max_words)), told_alike
        )
        items = the_pool.items
        allowed = [i for i, c in enumerate(items) if not c.is_copy and c.fit]
        allowed = allowed or [i for i, c in enumerate(items) if not c.is_copy]
        chosen: list[int] = []
        used = 0
        closest = np.zeros(len(items))
        while allowed and used < words:
            fits = [i for i in allowed if fill or used + items[i].words <= words]
            if not fits:
                break
            best = max(
                fits,
                key=lambda i: MMR_LAMBDA * the_pool.centrality[i] - (1 - MMR_LAMBDA) * closest[i],
            )
            chosen.append(best)
            used += items[best].words
            closest = np.maximum(closest, the_pool.similarity[best])
            allowed = [i for i in allowed if i != best and closest[i] < knobs.redundancy]
        chosen.sort(key=lambda i: items[i].order_key)
        return tuple(cite(the_pool, i, knobs.match, knobs.trim_datelines) for i in chosen)
