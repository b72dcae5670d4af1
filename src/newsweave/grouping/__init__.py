"""Grouping articles into stories: one online pass with a learned match score, then a second look.

May import `text`, `dedup` and `runner`.
"""

from newsweave.grouping.counting import PileCounts, TermCounts, count_pile
from newsweave.grouping.online import group, lead_embeddings
from newsweave.grouping.profiles import Compact

__all__ = ["Compact", "PileCounts", "TermCounts", "count_pile", "group", "lead_embeddings"]
