"""Random baseline: sentences of the original articles in a seeded random order."""

from __future__ import annotations

import random
from typing import Any

from newsweave.briefing.summarize.candidates import ToldAlike, candidates, pool
from newsweave.briefing.summarize.ranked import cited, take
from newsweave.config import settings
from newsweave.models import Story, SummarySentence


class RandomPick:
    """Random sentences (seeded by the story id, so a rerun gives the same summary)."""

    def __init__(self, seed: int = 0, **_options: Any) -> None:
        self.seed = seed
        self.match = settings("summarize").match

    def __call__(
        self, story: Story, words: int, *, fill: bool = False, told_alike: ToldAlike | None = None
    ) -> tuple[SummarySentence, ...]:
        the_pool = pool(candidates(story, 0, 10_000))
        ranked = [i for i, c in enumerate(the_pool.items) if not c.is_copy]
        random.Random(f"{self.seed}:{story.id}").shuffle(ranked)
        return cited(the_pool, take(ranked, the_pool, words, fill), self.match)
