"""The sentences of a story a summarizer may choose from, with what it needs to know of each.

Every sentence of every article becomes a `Candidate` (copies too: they are cited, but never
chosen, since their original says the same). Each candidate knows its independent outlet: a
repost or rewrite (`duplicate_of`) counts under its original's outlet, so a syndicated story
does not look widely reported. `Pool` adds the pairwise similarity of the candidates (TF-IDF
cosine over content stems), which gives both centrality and cross-outlet support.

Candidates come in a canonical order (publication time, then a hash of the article's text), not
the order the articles were read in, so the same pile read from text files or JSONL, in any
order, gives the same summary.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from newsweave.briefing.summarize import text as tx
from newsweave.models import Article, Sentence, Story
from newsweave.nlp import tfidf

_EPOCH = datetime(1, 1, 1)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One sentence of one article, tokenized, with its place in the story."""

    article: Article
    sentence: Sentence
    stems: tuple[str, ...]
    content: tuple[str, ...]
    words: int
    outlet_key: str
    is_copy: bool
    fit: bool
    article_rank: int = 0

    @property
    def position(self) -> int:
        return self.sentence.index

    @property
    def order_key(self) -> tuple[datetime, int, int]:
        """Chronological reading order: publication time, then article, then position."""
        return (_when(self.article), self.article_rank, self.sentence.start)


def _when(article: Article) -> datetime:
    published = article.published
    return published.replace(tzinfo=None) if published else _EPOCH


def canonical(articles: tuple[Article, ...]) -> list[Article]:
    """The articles by publication time, then by a hash of their text: an order that does not
    depend on how, or in which order, the pile was read (ids differ between formats)."""

    def key(article: Article) -> tuple[datetime, str]:
        text = tx.normalise_space(article.text).encode("utf-8")
        return (_when(article), hashlib.sha1(text).hexdigest())

    return sorted(articles, key=key)


def outlet_keys(story: Story) -> dict[str, str]:
    """Article id -> the independent outlet it counts under (copies under their original's)."""
    by_id = {a.id: a for a in story.articles}

    def own(article: Article) -> str:
        return article.voice.strip().lower()

    keys = {}
    for article in story.articles:
        original = article
        seen = {article.id}
        while original.duplicate_of in by_id and original.duplicate_of not in seen:
            original = by_id[original.duplicate_of]
            seen.add(original.id)
        keys[article.id] = own(original)
    return keys


def _in_removed(sentence: Sentence, removed: frozenset[str]) -> bool:
    if not removed:  # most articles: nothing to compare the sentence with
        return False
    text = tx.normalise_space(sentence.text)
    return any(text and text in line for line in removed)


def candidates(story: Story, min_words: int, max_words: int, limit: int = 3000) -> list[Candidate]:
    """The story's sentences (never one from an article's `removed` lines), at most `limit`:
    a huge story keeps its articles' earliest sentences, so the pairwise similarity matrix
    stays small (3,000 sentences: 72 MB)."""
    keys = outlet_keys(story)
    out = []
    for rank, article in enumerate(canonical(story.articles)):
        removed = frozenset(tx.normalise_space(line) for line in article.removed)
        for sentence in article.sentences:
            if not sentence.text.strip() or _in_removed(sentence, removed):
                continue
            stems = tx.tokens(sentence.text)
            out.append(
                Candidate(
                    article=article,
                    sentence=sentence,
                    stems=tuple(stems),
                    content=tuple(tx.content(stems)),
                    words=tx.word_count(sentence.text),
                    outlet_key=keys[article.id],
                    is_copy=article.duplicate_of is not None,
                    fit=tx.unfit_reason(sentence.text, min_words, max_words) is None,
                    article_rank=rank,
                )
            )
    if len(out) > limit:
        keep = sorted(range(len(out)), key=lambda i: (out[i].position, i))[:limit]
        out = [out[i] for i in sorted(keep)]
    return out


@dataclass(frozen=True, slots=True)
class Pool:
    """Candidates with their pairwise cosine similarity and TF-IDF vectors."""

    items: list[Candidate]
    similarity: NDArray[np.float64]
    centrality: NDArray[np.float64]


def pool(items: list[Candidate]) -> Pool:
    """Pairwise TF-IDF cosine of the candidates, and each one's cosine to the story centroid.

    The centroid is built from originals only, so a wire story syndicated ten times does not
    pull the centre of the story towards itself.
    """
    n = len(items)
    if n == 0:
        empty = np.zeros((0, 0))
        return Pool(items, empty, np.zeros(0))
    docs = [list(c.content) for c in items]
    if not any(docs):
        return Pool(items, np.eye(n), np.zeros(n))
    matrix = tfidf.fit_transform(docs)
    similarity = (matrix @ matrix.T).toarray()
    originals = np.array([not c.is_copy for c in items])
    kept = matrix if originals.all() else matrix[originals]  # most stories: no copies
    centroid = np.asarray(kept.sum(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    centrality = matrix @ (centroid / norm) if norm else np.zeros(n)
    return Pool(items, similarity, np.asarray(centrality).ravel())


def recency(items: list[Candidate]) -> NDArray[np.float64]:
    """0 for the oldest article's sentences, 1 for the newest (0 where dates are unknown)."""
    stamps = [c.article.published for c in items]
    known = [s.replace(tzinfo=None) for s in stamps if s]
    if len(set(known)) < 2:
        return np.zeros(len(items))
    oldest, newest = min(known), max(known)
    span = (newest - oldest).total_seconds()

    def scale(stamp: datetime | None) -> float:
        return (stamp.replace(tzinfo=None) - oldest).total_seconds() / span if stamp else 0.0

    return np.array([scale(s) for s in stamps])


ToldAlike = Mapping[tuple[str, int], int]  # (article id, sentence start) -> one claim's number


def told_as_one(the_pool: Pool, told_alike: ToldAlike | None) -> Pool:
    """The pool with the sentences that state one claim in other words (`told_alike`: the
    agreement stage's facts) as similar as one sentence to another: so the summary takes one
    of them, cites the others, and counts their outlets, as for sentences worded alike."""
    if not told_alike:
        return the_pool
    claims = [told_alike.get((c.article.id, c.sentence.start)) for c in the_pool.items]
    members: dict[int, list[int]] = {}
    for index, claim in enumerate(claims):
        if claim is not None:
            members.setdefault(claim, []).append(index)
    similarity = the_pool.similarity.copy()
    for group in members.values():
        block = np.ix_(group, group)
        similarity[block] = np.maximum(similarity[block], 1.0)
    return replace(the_pool, similarity=similarity)
