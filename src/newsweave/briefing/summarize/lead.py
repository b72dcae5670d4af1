"""Lead baseline: the first sentences of the most recent article (NIST's DUC baseline)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsweave.briefing.summarize.candidates import ToldAlike, candidates, pool
from newsweave.briefing.summarize.ranked import cited, take
from newsweave.config import settings
from newsweave.models import Story, SummarySentence


class Lead:
    """First sentences of the newest original article, in their order."""

    def __init__(self, **_options: Any) -> None:
        self.match = settings("summarize").match

    def __call__(
        self, story: Story, words: int, *, fill: bool = False, told_alike: ToldAlike | None = None
    ) -> tuple[SummarySentence, ...]:
        originals = story.originals or story.articles
        if not originals:
            return ()
        newest = max(
            originals,
            key=lambda a: (a.published.replace(tzinfo=None) if a.published else datetime.min, a.id),
        )
        the_pool = pool(candidates(story, 0, 10_000))
        ranked = [i for i, c in enumerate(the_pool.items) if c.article.id == newest.id]
        return cited(the_pool, take(ranked, the_pool, words, fill), self.match)
