"""Blocking for story grouping: which few stories an article is scored against.

Each story is indexed under the heaviest body and name terms of its members; each term
remembers only the `posting_stories` stories that used it last, and an article is scored
against the `max_candidates` stories sharing most of its heaviest terms. The cost per article
is bounded, so a pass over a pile grows linearly with the pile.
"""

from __future__ import annotations

from array import array

import numpy as np

from newsweave.grouping.profiles import Profile
from newsweave.sections import ClusterSettings


class Blocking:
    """Inverted index from heavy terms to the stories that used them most recently.

    A posting is a short array of story numbers (at most `posting_stories`, oldest first); an
    article's candidates are counted over its postings with numpy: on a large pile the
    postings are full, and counting and sorting their ~600 entries in Python would be the
    pass's hot spot. Postings are `array`s, not lists, so an article's ~30 postings join into
    one buffer in C (gathering ~500 Python ints scattered over a large heap takes ~45 µs at
    100k).
    """

    def __init__(self, knobs: ClusterSettings):
        self.query_terms = knobs.query_terms
        self.index_terms = knobs.index_terms
        self.posting = knobs.posting_stories
        self.limit = knobs.max_candidates
        self.postings: dict[int, array[int]] = {}

    @staticmethod
    def keys(article: Profile, limit: int) -> tuple[int, ...]:
        return article.heavy_body[:limit] + article.heavy_names[: limit // 2]

    def candidates(self, article: Profile) -> list[int]:
        """The stories sharing most heavy terms with `article` (ties: the newer story first)."""
        postings = self.postings
        found = [
            posting
            for key in self.keys(article, self.query_terms)
            if (posting := postings.get(key))
        ]
        if not found:
            return []
        stories = np.frombuffer(b"".join(found), dtype=np.int64)
        unique, counts = np.unique(stories, return_counts=True)
        ranked = np.lexsort((-unique, -counts))[: self.limit]
        return [int(story) for story in unique[ranked]]

    def add(self, story: int, article: Profile) -> None:
        for key in self.keys(article, self.index_terms):
            posting = self.postings.get(key)
            if posting is None:
                posting = self.postings[key] = array("q")
            if story in posting:
                posting.remove(story)
            posting.append(story)
            if len(posting) > self.posting:
                del posting[0]
