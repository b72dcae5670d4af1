"""Reposts, syndicated and trimmed wire copy, and machine-spun rewrites.

`mark_duplicates(articles)` sets `duplicate_of` on every copy to the id of its original.

How, in three steps that keep the cost near-linear in the size of the pile (after linking
articles of the very same text, which only the first of them goes through: `same_texts`):

1. **Candidates, never all pairs.** Two MinHash LSH indexes (128 permutations, vectorised in
   `minhash.py` with the band sizes datasketch picks for a threshold):
   - over word 5-shingles (`shingle_threshold`): finds verbatim, syndicated and trimmed copies,
     whose runs of words survive;
   - over *anchors* (`anchor_threshold`): numbers and capitalised names. A spinner's thesaurus
     swaps common words, not "Putin", "Pascua Yaqui" or "249", so a spun copy keeps ~0.8 of the
     original's anchor set while sharing almost no shingles. Separate reports of the same event
     also share anchors; they become candidates too, and the verifier turns them down.
   Each index costs one pass over the pile and returns only pairs whose estimated Jaccard is near
   the threshold or above, so the work grows with the number of copies and same-story articles,
   not with the square of the pile.
2. **Verification** (`newsweave.dedup.align`): a candidate pair is a copy when the shorter
   article's shingles are mostly in the other (`near_copy_containment`; separate reports
   keep at most a third), or when most words of both articles sit in passages with a counterpart
   near the same place in the other (same numbers, mostly the same names, the same function-word
   skeleton, some words shared; `spin_coverage`, `sentence_similarity`, `name_agreement`,
   `skeleton_similarity`).
3. **Originals.** Linked articles form groups (union-find). The original of a group is its
   earliest published member; when dates tie or some are unknown, the longer, then the first read.
   Every other member points straight at it, so there are no chains.

Trade-offs in numbers are in `defaults.toml` [dedup] and in bench/reposts.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import numpy as np

from newsweave.config import settings
from newsweave.dedup.align import (
    ArticleSketch,
    PairBars,
    aligned_coverage,
    fingerprint,
    shingle_containment,
    shingles,
    sketch,
)
from newsweave.dedup.minhash import Hashes, colliding_pairs, hash_terms, signature
from newsweave.models import Article
from newsweave.runner import BATCH_SIZE, Progress, Runner, no_progress
from newsweave.sections import DedupSettings

Fingerprint = tuple[Any, Any, int]  # shingle signature, anchor signature (or None), size


def mark_duplicates(
    articles: Sequence[Article],
    *,
    runner: Runner = Runner(),
    batch_size: int = BATCH_SIZE,
    prints: Sequence[Fingerprint] | None = None,
    progress: Progress = no_progress,
    **overrides: Any,
) -> list[Article]:
    """The same articles, in the same order, with `duplicate_of` set on copies.

    The signatures are computed and candidate pairs verified where `runner` says (worker
    processes or Dask, `Runner.map_batches`; `Runner()`: all in this process); the LSH
    indexes are built here. `prints`, one `Fingerprints` result per
    article computed earlier (with the same settings), skips that step. Articles whose text
    an earlier one has are linked to it without a test (`same_texts`). `progress` hears
    ("reposts", candidate pairs verified, candidate pairs). `overrides` replace [dedup]
    settings.
    """
    config = settings("dedup", **overrides)
    texts, twins = same_texts(articles)
    if prints is None:
        firsts = [articles[i] for i in texts]
        own = list(runner.map_batches(Fingerprints(config), firsts, batch_size))
    else:
        own = [prints[i] for i in texts]  # (a later twin's print is its first's)
    pairs = by_component(
        [
            (texts[a], texts[b])
            for a, b in sorted(candidate_pairs(own, config))
            if min(own[a][2], own[b][2]) >= config.min_words and plausible(own[a], own[b], config)
        ]
    )
    chunks = [
        pairs[start : start + _PAIRS_PER_TASK] for start in range(0, len(pairs), _PAIRS_PER_TASK)
    ]
    tasks = ([articles[i] for i in _members(chunk)] for chunk in chunks)
    pool = runner.workers if len(chunks) > 1 else 1  # one chunk is not worth starting processes
    verdicts = replace(runner, workers=pool).map_batches(
        _Verifier(config), zip(tasks, chunks, strict=True), 1
    )
    words = dict(zip(texts, (fingerprint[2] for fingerprint in own), strict=True))
    links = [(i, j) for i, j in twins if words[j] >= config.min_words]
    verified = 0
    progress("reposts", 0, len(pairs))
    for chunk, ok in zip(chunks, verdicts, strict=True):
        links.extend(pair for pair, copy in zip(chunk, ok, strict=True) if copy)
        verified += len(chunk)
        progress("reposts", verified, len(pairs))
    return assign_originals(articles, links)


_PAIRS_PER_TASK = 256  # candidate pairs verified together: their articles are sketched once


def same_texts(articles: Sequence[Article]) -> tuple[list[int], list[tuple[int, int]]]:
    """The index of the first article of each distinct text, and (article, that first) for
    every later article with the same text.

    Two articles with the same text are a verbatim copy (the near-copy test is about the text
    alone, and gives them containment 1), and any third article is a copy of one exactly when
    it is a copy of the other: every test here reads only the text. So only the first of each
    text goes through the LSH indexes and the verifier, and the others are linked to it
    directly: the same groups of copies, without the pairs a verbatim repost adds with every
    article its original pairs with (on a copy-rich pile, a story copied ten times).
    """
    first: dict[str, int] = {}
    texts: list[int] = []
    twins: list[tuple[int, int]] = []
    for index, article in enumerate(articles):
        seen = first.setdefault(article.text, index)
        if seen == index:
            texts.append(index)
        else:
            twins.append((index, seen))
    return texts, twins


def by_component(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs ordered so that those which share articles (directly or through others) sit
    together, each component's in their first order: a chunk of them is verified in one task,
    whose articles are prepared once, so an article in several pairs (an original and its
    copies) is mostly prepared once in all, not once per chunk it turns up in (on the 10k
    copy-rich pile, in sorted order, 10,036 preparations of 5,847 articles). Each pair's
    verdict is its own, so the order changes no verdict, and the groups of copies do not
    depend on the order of their links."""
    parent = list(range(max((max(pair) for pair in pairs), default=-1) + 1))
    for i, j in pairs:
        parent[find(parent, i)] = find(parent, j)
    first: dict[int, int] = {}  # component -> where its first pair stands
    keys = [first.setdefault(find(parent, i), n) for n, (i, _) in enumerate(pairs)]
    return [pair for _, pair in sorted(zip(keys, pairs, strict=True), key=lambda kv: kv[0])]


def _members(pairs: Sequence[tuple[int, int]]) -> list[int]:
    return sorted({index for pair in pairs for index in pair})


class Fingerprints:
    """Per-article signatures for the two indexes (picklable, for worker processes)."""

    def __init__(self, config: DedupSettings | None = None):
        config = config or settings("dedup")
        self.size = config.shingle_size
        self.num_perm, self.seed = _minhash(config)

    def __call__(self, article: Article) -> Fingerprint:
        shingles, anchors, size = fingerprint(article, self.size)
        return (
            signature(shingles, self.num_perm, self.seed),
            signature(hash_terms(anchors), self.num_perm, self.seed),  # any order: a minimum
            size,
        )


class _Verifier:
    """Verdicts for a chunk of candidate pairs, each of its articles prepared once.

    Every member's shingles are hashed (the near-copy test); the sentence sketches of the spin
    test only for members of a pair that the near-copy test did not settle and whose lengths
    are close enough for one to be a spin of the other (`spin_size_ratio`).
    """

    def __init__(self, config: DedupSettings):
        self.config = config

    def __call__(self, task: tuple[list[Article], list[tuple[int, int]]]) -> list[bool]:
        members, pairs = task
        config = self.config
        articles = dict(zip(_members(pairs), members, strict=True))
        prepared = {i: shingles(a, config.shingle_size) for i, a in articles.items()}
        sketches: dict[int, ArticleSketch] = {}

        def spun(i: int, j: int) -> bool:
            if not lengths_allow_spin(prepared[i][1], prepared[j][1], config):
                return False
            for index in (i, j):
                if index not in sketches:
                    sketches[index] = sketch(articles[index])
            return spun_copy(sketches[i], sketches[j], config)

        return [near_copy(prepared[i][0], prepared[j][0], config) or spun(i, j) for i, j in pairs]


def plausible(a: Fingerprint, b: Fingerprint, config: DedupSettings) -> bool:
    """Whether two articles' signatures leave room for a copy, before any text is compared.

    A near copy needs most of the shorter one's shingles in the other: the containment that
    the signatures' Jaccard estimate implies must reach `plausible_containment` (set well
    under `near_copy_containment`, for the estimate's error). A spin keeps the length and the
    names and numbers: similar sizes (`spin_size_ratio`) and shared anchors
    (`spin_anchor_jaccard`). Separate reports of one event, the bulk of the candidate pairs,
    fail both and never reach the verifier.
    """
    small, large = sorted((a[2], b[2]))
    shared = _jaccard(a[0], b[0])
    if shared * (small + large) >= config.plausible_containment * small * (1 + shared):
        return True
    if not lengths_allow_spin(small, large, config):
        return False
    return _jaccard(a[1], b[1]) >= config.spin_anchor_jaccard


def lengths_allow_spin(a: int, b: int, config: DedupSettings) -> bool:
    """Whether two lengths in words are close enough (`spin_size_ratio`) for one article to be
    a spin of the other: a spinner swaps words in place and keeps every sentence."""
    return min(a, b) >= config.spin_size_ratio * max(a, b)


def _jaccard(a: Any, b: Any) -> float:
    """The Jaccard similarity two MinHash signatures estimate (0 when one is missing)."""
    if a is None or b is None:
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


def assign_originals(
    articles: Sequence[Article], links: Iterable[tuple[int, int]]
) -> list[Article]:
    """Group linked articles (by index) and point every member at its group's original."""
    parent = list(range(len(articles)))
    for i, j in links:
        parent[find(parent, i)] = find(parent, j)
    groups: dict[int, list[int]] = {}
    for index in range(len(articles)):
        groups.setdefault(find(parent, index), []).append(index)
    original_of: dict[int, int] = {}
    for members in groups.values():
        root = choose_original([articles[i] for i in members], members)
        original_of.update((member, root) for member in members if member != root)
    return [
        replace(article, duplicate_of=articles[original_of[i]].id if i in original_of else None)
        for i, article in enumerate(articles)
    ]


def find(parent: list[int], index: int) -> int:
    """Union-find root with path halving."""
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def near_copy(a: Hashes, b: Hashes, config: DedupSettings) -> bool:
    """True when one article's shingles are mostly in the other: verbatim or trimmed copy."""
    return shingle_containment(a, b) >= config.near_copy_containment


def spun_copy(a: ArticleSketch, b: ArticleSketch, config: DedupSettings) -> bool:
    """True when the two articles say the same things sentence by sentence (a spun rewrite)."""
    if min(a.size, b.size) < config.min_words:
        return False
    bars = PairBars(config.sentence_similarity, config.name_agreement, config.skeleton_similarity)
    bar = config.spin_coverage
    return aligned_coverage(a, b, bars, at_least=bar) >= bar


def candidate_pairs(prints: Sequence[Fingerprint], config: DedupSettings) -> set[tuple[int, int]]:
    """Index pairs (i < j) that one of the two LSH indexes puts in a shared bucket."""
    num_perm = config.num_perm
    pairs = colliding_pairs([p[0] for p in prints], config.shingle_threshold, num_perm)
    pairs |= colliding_pairs([p[1] for p in prints], config.anchor_threshold, num_perm)
    return pairs


def lsh_pairs(
    sets: Sequence[Iterable[str]], threshold: float, num_perm: int = 128, seed: int = 1
) -> set[tuple[int, int]]:
    """Pairs whose MinHash signatures of string sets collide in LSH at `threshold`."""
    signatures = [signature(hash_terms(sorted(set(items))), num_perm, seed) for items in sets]
    return colliding_pairs(signatures, threshold, num_perm)


def _minhash(config: DedupSettings) -> tuple[int, int]:
    return config.num_perm, config.seed


def choose_original(members: Sequence[Article], indexes: Sequence[int]) -> int:
    """The index (from `indexes`) of the group's original: earliest, else longest, else first.

    Dates decide only when every member has one; a group with an undated member falls back to
    the longest text (an original is rarely shorter than its copies), then the first read.
    """
    dated = all(article.published is not None for article in members)

    def key(pair: tuple[Article, int]) -> tuple[datetime, int, int]:
        article, index = pair
        when = _naive_utc(article.published) if dated and article.published else datetime.min
        return (when, -len(article.text), index)

    return min(zip(members, indexes, strict=True), key=key)[1]


def _naive_utc(moment: datetime) -> datetime:
    """Aware times in UTC without tzinfo, so naive and aware dates compare."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)
