"""The ceiling: greedily pick the sentences that add most ROUGE-2 recall against references.

Not a summarizer a user can run (it reads the human summaries); the evaluation uses it to show
how much an extractive summary of these articles could score at most, roughly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from newsweave.briefing.summarize import text as tx
from newsweave.briefing.summarize.candidates import ToldAlike, candidates, pool
from newsweave.briefing.summarize.ranked import cited
from newsweave.config import settings
from newsweave.models import Story, SummarySentence


def _bigrams(stems: Sequence[str]) -> Counter[str]:
    return Counter(f"{a} {b}" for a, b in pairwise(stems))


class Oracle:
    """Greedy ROUGE-2 recall maximiser over the story's sentences, against `references`."""

    def __init__(self, references: Sequence[str] = (), **_options: Any) -> None:
        self.references = [_bigrams(tx.tokens(r)) for r in references]
        self.match = settings("summarize").match

    def __call__(
        self, story: Story, words: int, *, fill: bool = False, told_alike: ToldAlike | None = None
    ) -> tuple[SummarySentence, ...]:
        the_pool = pool(candidates(story, 0, 10_000))
        remaining = [i for i, c in enumerate(the_pool.items) if not c.is_copy]
        grams = {i: _bigrams(the_pool.items[i].stems) for i in remaining}
        summary: Counter[str] = Counter()
        chosen: list[int] = []
        used = 0
        while remaining and used < words:
            best, best_gain = -1, 0
            for i in remaining:
                if not fill and used + the_pool.items[i].words > words:
                    continue
                gain = self._gain(summary, grams[i])
                if gain > best_gain:
                    best, best_gain = i, gain
            if best < 0:
                break
            chosen.append(best)
            used += the_pool.items[best].words
            summary += grams[best]
            remaining.remove(best)
        return cited(the_pool, chosen, self.match, chronological=False)

    def _gain(self, summary: Counter[str], added: Counter[str]) -> int:
        """Reference bigrams newly matched if `added` joins `summary` (clipped counts)."""
        gain = 0
        for gram, count in added.items():
            have = summary[gram]
            for reference in self.references:
                wanted = reference[gram]
                if wanted > have:
                    gain += min(have + count, wanted) - have
        return gain
