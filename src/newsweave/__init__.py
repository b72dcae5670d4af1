"""newsweave: many news articles in, what actually happened out, every sentence cited.

The library API mirrors the command line:

    import newsweave
    articles = newsweave.read(["examples/"])        # cleaned Article records
    stories = newsweave.stories(articles)           # grouped, reposts marked
    briefs = [newsweave.brief(story) for story in stories]
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsweave.models import Article, Brief, Story

__version__ = "0.1.0"
__all__ = ["brief", "read", "stories"]


def read(paths: Iterable[str | Path]) -> list[Article]:
    """Read and clean every article under `paths`, skipping what cannot be read."""
    from newsweave.models import Article
    from newsweave.pipeline import read_articles

    return [item for item in read_articles(paths) if isinstance(item, Article)]


def stories(articles: Iterable[Article]) -> list[Story]:
    """Group articles into stories, with reposts and rewrites marked."""
    from newsweave.pipeline import group_stories

    return group_stories(list(articles))


def brief(story: Story, words: int = 100) -> Brief:
    """Brief one story: summary, quotes, entities, timeline, agreement, outlets."""
    from newsweave.pipeline import brief_story

    return brief_story(story, words)
